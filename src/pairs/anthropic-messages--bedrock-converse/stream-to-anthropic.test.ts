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

  const kinds = (out: Array<Record<string, unknown>>) =>
    out.map((e) =>
      e.type === 'content_block_start'
        ? `start ${String(e.index)} ${String((e.content_block as { type: string }).type)}`
        : e.type === 'content_block_delta'
          ? `delta ${String(e.index)} ${String((e.delta as { type: string }).type)}`
          : e.type === 'content_block_stop'
            ? `stop ${String(e.index)}`
            : String(e.type),
    );

  it('text with no start and no stop, then a toolUse start, then messageStop (what Bedrock sends): one block at a time', () => {
    const { out, losses } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Let me ' } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'check.' } } },
      { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_1', name: 'f' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":1}' } } } },
      { messageStop: { stopReason: 'tool_use' } },
      { metadata: { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 5 } } },
    ]);
    expect(losses.map((l) => l.path)).toEqual(['metadata.metrics']);
    expect(kinds(out)).toEqual([
      'message_start',
      'start 0 text',
      'delta 0 text_delta',
      'delta 0 text_delta',
      'stop 0',
      'start 1 tool_use',
      'delta 1 input_json_delta',
      'stop 1',
      'message_delta',
      'message_stop',
    ]);
  });

  it('reasoning without start or stop, then text: the thinking block closes (signed) before the text opens; a late stop is ignored', () => {
    const { out } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'hm' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'c2ln' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Yes.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      ...END,
    ]);
    expect(kinds(out)).toEqual([
      'message_start',
      'start 0 thinking',
      'delta 0 thinking_delta',
      'delta 0 signature_delta',
      'stop 0',
      'start 1 text',
      'delta 1 text_delta',
      'stop 1',
      'message_delta',
      'message_stop',
    ]);
  });

  it('a text delta for a block closed by a later start opens a new text block after it: order kept, nothing dropped', () => {
    const { out } = run([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'a' } } },
      { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't', name: 'f' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'b' } } },
      ...END,
    ]);
    expect(kinds(out).slice(1, -2)).toEqual([
      'start 0 text',
      'delta 0 text_delta',
      'stop 0',
      'start 1 tool_use',
      'stop 1',
      'start 2 text',
      'delta 2 text_delta',
      'stop 2',
    ]);
  });

  it('an empty text delta opens nothing; tool input for a block that is not open is an upstream error', () => {
    expect(
      kinds(
        run([
          { messageStart: { role: 'assistant' } },
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: '' } } },
          ...END,
        ]).out,
      ),
    ).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(() =>
      run([
        { messageStart: { role: 'assistant' } },
        { contentBlockStart: { contentBlockIndex: 0, start: { toolUse: { toolUseId: 't', name: 'f' } } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'x' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{}' } } } },
      ]),
    ).toThrow(/not an open tool use block/);
  });
});
