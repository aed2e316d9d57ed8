import { describe, expect, it } from 'vitest';
import { foldConverseEvents } from './fold-converse-events.js';

describe('foldConverseEvents', () => {
  it('builds blocks by index: text, reasoning with signature, tool input parsed; stop and usage after it', () => {
    const r = foldConverseEvents([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'hm' } }, p: 'abc' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hel' } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'lo' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_1', name: 'f' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"a":' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '1}' } } } },
      { contentBlockStop: { contentBlockIndex: 2 } },
      { messageStop: { stopReason: 'tool_use' } },
      { metadata: { usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 }, metrics: { latencyMs: 9 } } },
    ]);
    expect(r).toEqual({
      complete: true,
      error: undefined,
      message: {
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 'hm', signature: 'sig' } } },
              { text: 'Hello' },
              { toolUse: { toolUseId: 'tooluse_1', name: 'f', input: { a: 1 } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
        metrics: { latencyMs: 9 },
      },
    });
  });

  it('an empty tool input is {}; redacted reasoning is kept; an exception is the error and the stream is incomplete', () => {
    const r = foldConverseEvents([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'xyz' } } } },
      { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't', name: 'g' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { throttlingException: { message: 'slow down' } },
    ]);
    expect(r.complete).toBe(false);
    expect(r.error).toEqual({ type: 'throttlingException', message: 'slow down' });
    expect((r.message.output as { message: { content: unknown[] } }).message.content).toEqual([
      { reasoningContent: { redactedContent: 'xyz' } },
      { toolUse: { toolUseId: 't', name: 'g', input: {} } },
    ]);
  });
});
