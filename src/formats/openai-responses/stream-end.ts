import { isRecord } from '../../core/narrow.js';
import { type StreamEndRule, statelessRule } from '../stream-end.js';

/**
 * How an OpenAI Responses stream ends (docs/wire-formats.md#responses-stream-events): `response.completed` and
 * `response.incomplete` are the end (`done`: the whole response rides on them); `response.failed` and the `error`
 * event are the stream's failure (`failed`). Nothing counts after them: a server may follow `error` with
 * `response.failed`, which changes nothing. A stream that stops before one of them was cut short.
 *
 * What the clients accept (docs/wire-formats.md#sdk-openai-responses): the official SDK's `responses.stream()` does
 * not notice a cut stream (its `finalResponse()` resolves with the last snapshot), and rejects on an `error`
 * event; Codex CLI fails a stream that closes before `response.completed` ("stream closed before
 * response.completed") and reports `response.failed`. So crosswire never ends a Responses stream without one
 * of these four events, and after a failure it sends `error` then `response.failed`.
 */
export const responsesStreamEnd: StreamEndRule = statelessRule('response.completed', (event) => {
  const type = isRecord(event) ? event.type : undefined;
  if (type === 'response.completed' || type === 'response.incomplete') return 'done';
  if (type === 'response.failed' || type === 'error') return 'failed';
  return 'open';
});
