import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCRIPT as script } from './example-script.js';
import { renderBedrockInvokeEvents } from './render-bedrock-invoke-events.js';

describe('renderBedrockInvokeEvents', () => {
  it('is the Anthropic grammar without pings, with invocation metrics on message_stop', () => {
    const events = renderBedrockInvokeEvents(script);
    expect(events.some((e) => e.type === 'ping')).toBe(false);
    expect(events.at(-1)).toEqual({
      type: 'message_stop',
      'amazon-bedrock-invocationMetrics': {
        inputTokenCount: 15,
        outputTokenCount: 7,
        invocationLatency: 207,
        firstByteLatency: 100,
      },
    });
  });
});
