import { isRecord } from '../../core/narrow.js';
import { type StreamEndRule, statelessRule } from '../stream-end.js';

/**
 * How an Anthropic Messages stream ends (docs/wire-formats.md#anthropic-stream-grammar): `message_stop` is the end (`done`); an `error`
 * event is the stream's failure (`failed`); nothing may follow either. A stream that stops before one of them
 * was cut short. Vertex and Bedrock InvokeModel streams carry the same events and end by the same rule.
 */
export const anthropicStreamEnd: StreamEndRule = statelessRule('message_stop', (event) => {
  const type = isRecord(event) ? event.type : undefined;
  return type === 'message_stop' ? 'done' : type === 'error' ? 'failed' : 'open';
});
