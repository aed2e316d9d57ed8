import { isRecord } from '../../core/narrow.js';
import { type StreamEndRule, statelessRule } from '../stream-end.js';

/**
 * How a ConverseStream ends (docs/wire-formats.md#bedrock-converse-stream): after `messageStop` the stream may end (`complete`; a
 * `metadata` event with usage may still follow); an exception event (`…Exception`) is its failure.
 */
export const bedrockConverseStreamEnd: StreamEndRule = statelessRule('messageStop', (event) => {
  if (!isRecord(event)) return 'open';
  for (const key in event) {
    if (key === 'messageStop') return 'complete';
    if (key.endsWith('Exception')) return 'failed';
  }
  return 'open';
});
