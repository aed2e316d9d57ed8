import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { createConverseToAnthropicStream } from './stream-to-anthropic.js';

function run(events: readonly unknown[]) {
  const t = createConverseToAnthropicStream({ id: 'msg_t', model: 'm' });
  const out = events.flatMap((e) => t.push(deepFreeze(e)));
  out.push(...t.end());
  return { out, losses: t.losses };
}

const END = [
  { messageStop: { stopReason: 'end_turn' } },
  { metadata: { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 5 } } },
];

describe('ConverseStream -> Anthropic stream', () => {
  it('a redactedContent delta opens a redacted_thinking block whole; a second piece for the same block is reported, not dropped silently', () => {
    const { out, losses } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'QUJD' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'REVG' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      ...END,
    ]);
    expect(out.filter((e) => e.type.startsWith('content_block'))).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'QUJD' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(losses.map((l) => l.path)).toContain('contentBlockDelta.delta.reasoningContent.redactedContent');
  });

  it('usage of metadata (after messageStop) and the stop reason land in one message_delta when the upstream ends', () => {
    const { out } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'x' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      ...END,
    ]);
    expect(out.slice(-2)).toEqual([
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
        usage: { input_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('a block left open when the stream stops is closed before message_delta', () => {
    const { out } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'x' } } },
      ...END,
    ]);
    expect(out.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });
});
