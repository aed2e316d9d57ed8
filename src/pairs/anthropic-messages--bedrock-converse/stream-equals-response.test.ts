import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { foldAnthropicEvents } from '../../../conformance/arbitraries/fold-anthropic-events.js';
import { converseResponseToAnthropic } from './response-to-anthropic.js';
import { createConverseToAnthropicStream } from './stream-to-anthropic.js';

type Block = Record<string, unknown>;

const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ text: fc.string({ minLength: 1, maxLength: 10 }) }),
  fc.record({
    reasoningContent: fc.record({
      reasoningText: fc.record({
        text: fc.string({ maxLength: 10 }),
        signature: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
      }),
    }),
  }),
  fc.record({ reasoningContent: fc.record({ redactedContent: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/) }) }),
  fc.record({
    toolUse: fc.record({
      toolUseId: fc.stringMatching(/^tooluse_[a-z0-9]{1,6}$/),
      name: fc.stringMatching(/^[a-z]{1,6}$/),
      input: fc.dictionary(fc.stringMatching(/^[a-z]{1,3}$/), fc.integer()),
    }),
  }),
);

/** The ConverseStream events Bedrock would send for these blocks (text split in two deltas). */
function events(blocks: Block[], stopReason: string, usage: Record<string, number>): unknown[] {
  const out: unknown[] = [{ messageStart: { role: 'assistant' } }];
  blocks.forEach((b, i) => {
    if (typeof b.text === 'string') {
      const at = Math.ceil(b.text.length / 2);
      out.push({ contentBlockDelta: { contentBlockIndex: i, delta: { text: b.text.slice(0, at) } } });
      if (at < b.text.length)
        out.push({ contentBlockDelta: { contentBlockIndex: i, delta: { text: b.text.slice(at) } } });
    } else if (b.reasoningContent) {
      const r = b.reasoningContent as Record<string, Record<string, string> | string>;
      if (typeof r.redactedContent === 'string')
        out.push({
          contentBlockDelta: {
            contentBlockIndex: i,
            delta: { reasoningContent: { redactedContent: r.redactedContent } },
          },
        });
      else {
        const rt = r.reasoningText as Record<string, string>;
        out.push({ contentBlockDelta: { contentBlockIndex: i, delta: { reasoningContent: { text: rt.text } } } });
        out.push({
          contentBlockDelta: { contentBlockIndex: i, delta: { reasoningContent: { signature: rt.signature } } },
        });
      }
    } else {
      const t = b.toolUse as Record<string, unknown>;
      out.push({
        contentBlockStart: { contentBlockIndex: i, start: { toolUse: { toolUseId: t.toolUseId, name: t.name } } },
      });
      out.push({ contentBlockDelta: { contentBlockIndex: i, delta: { toolUse: { input: JSON.stringify(t.input) } } } });
    }
    out.push({ contentBlockStop: { contentBlockIndex: i } });
  });
  out.push({ messageStop: { stopReason } }, { metadata: { usage, metrics: { latencyMs: 5 } } });
  return out;
}

describe('converse -> anthropic: the folded stream equals the translated whole response', () => {
  test.prop([
    fc.array(block, { minLength: 1, maxLength: 5 }),
    fc.constantFrom('end_turn', 'tool_use', 'max_tokens', 'content_filtered'),
  ])('any blocks', (blocks, stopReason) => {
    const usage = { inputTokens: 7, outputTokens: 9, totalTokens: 16 };
    const expected = converseResponseToAnthropic(
      { output: { message: { role: 'assistant', content: blocks } }, stopReason, usage },
      { id: 'msg_p' },
    ).body;
    const t = createConverseToAnthropicStream({ id: 'msg_p' });
    const out: unknown[] = [];
    for (const e of events(blocks, stopReason, usage)) out.push(...t.push(e));
    out.push(...t.end());
    const folded = foldAnthropicEvents(out);
    expect(folded.complete).toBe(true);
    const delta = out.find((e) => (e as { type?: string }).type === 'message_delta') as
      | { delta: { stop_details: unknown } }
      | undefined;
    expect({ ...folded.message, stop_details: delta?.delta.stop_details }).toEqual(expected);
  });
});
