import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { foldAnthropicEvents } from '../../../conformance/arbitraries/fold-anthropic-events.js';
import { geminiResponseToAnthropic } from './response-to-anthropic.js';
import { createGeminiToAnthropicStream } from './stream-to-anthropic.js';

type Part = Record<string, unknown>;

/** A Gemini answer: thought parts, text parts and function calls, some carrying signatures. */
const sig = fc.option(fc.stringMatching(/^[A-Za-z0-9+/]{4,12}={0,2}$/), { nil: undefined });
const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ text: fc.string({ minLength: 1, maxLength: 12 }), thoughtSignature: sig }),
  fc.record({ text: fc.string({ minLength: 1, maxLength: 12 }), thought: fc.constant(true), thoughtSignature: sig }),
  fc.record({
    functionCall: fc.record({
      name: fc.stringMatching(/^[a-z_]{1,8}$/),
      args: fc.dictionary(fc.stringMatching(/^[a-z]{1,4}$/), fc.oneof(fc.string(), fc.integer())),
    }),
    thoughtSignature: sig,
  }),
);
const strip = (p: Part): Part => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));

/**
 * Split each text part into pieces (the signature stays on the last piece, as Gemini sends it) and spread
 * the pieces over chunks; `cuts` picks the chunk boundaries.
 */
function chunked(parts: Part[], cuts: number[]): Part[][] {
  const pieces: Part[] = [];
  for (const p of parts) {
    if (typeof p.text === 'string' && p.text.length > 1) {
      const at = 1 + ((cuts[0] ?? 0) % (p.text.length - 1));
      const { thoughtSignature, ...head } = p;
      pieces.push({ ...head, text: p.text.slice(0, at) }, strip({ ...p, text: p.text.slice(at), thoughtSignature }));
    } else pieces.push(p);
  }
  const out: Part[][] = [];
  let cur: Part[] = [];
  pieces.forEach((piece, i) => {
    cur.push(piece);
    if (cuts.includes(i)) {
      out.push(cur);
      cur = [];
    }
  });
  out.push(cur);
  return out;
}

describe('gemini -> anthropic: the folded stream equals the translated whole response', () => {
  test.prop([
    fc.array(part, { minLength: 1, maxLength: 6 }),
    fc.array(fc.nat({ max: 12 }), { maxLength: 5 }),
    fc.constantFrom('STOP', 'MAX_TOKENS', 'SAFETY'),
  ])('any chunking of the same parts', (rawParts, cuts, finishReason) => {
    const parts = rawParts.map(strip);
    const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 2, totalTokenCount: 17 };
    const whole = {
      candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
      usageMetadata,
      responseId: 'r1',
      modelVersion: 'g',
    };
    const expected = geminiResponseToAnthropic(whole, { id: 'msg_p' }).body;
    const t = createGeminiToAnthropicStream({ id: 'msg_p' });
    const events: unknown[] = [];
    const groups = chunked(parts, cuts);
    groups.forEach((g, i) => {
      const last = i === groups.length - 1;
      const candidate: Record<string, unknown> = { content: { role: 'model', parts: g }, index: 0 };
      if (last) candidate.finishReason = finishReason;
      events.push(
        ...t.push({ candidates: [candidate], responseId: 'r1', modelVersion: 'g', ...(last ? { usageMetadata } : {}) }),
      );
    });
    events.push(...t.end());
    const folded = foldAnthropicEvents(events);
    expect(folded.complete).toBe(true);
    // the official SDK also takes stop_details from message_delta (docs/wire-formats.md#sdk-anthropic); the shared fold does not
    const delta = events.find((e) => (e as { type?: string }).type === 'message_delta') as
      | { delta: { stop_details: unknown } }
      | undefined;
    expect({ ...folded.message, stop_details: delta?.delta.stop_details }).toEqual(expected);
  });
});

/** Text with characters of every UTF-8 length, so byte offsets and string indexes differ. */
const mixedText = fc
  .array(fc.constantFrom('a', 'b', ' ', '.', 'é', '€', '😀'), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''));
const groundedPart: fc.Arbitrary<Part> = fc.oneof(
  fc.record({ text: mixedText }),
  fc.record({ text: mixedText, thought: fc.constant(true), thoughtSignature: sig }),
  fc.record({ functionCall: fc.record({ name: fc.stringMatching(/^[a-z_]{1,8}$/), args: fc.constant({}) }) }),
);

describe('gemini -> anthropic, grounded: the folded stream equals the translated whole response', () => {
  test.prop([
    fc.array(groundedPart, { minLength: 1, maxLength: 5 }).map((ps) => ps.map(strip)),
    fc.array(fc.nat({ max: 8 }), { maxLength: 4 }),
    fc.array(fc.tuple(fc.nat({ max: 80 }), fc.nat({ max: 20 }), fc.nat({ max: 2 })), { maxLength: 4 }),
    fc.array(fc.stringMatching(/^[a-z ]{1,10}$/), { maxLength: 2 }),
  ])('any chunking, metadata spread over the chunks', (parts, cuts, spans, queries) => {
    const groundingMetadata = {
      webSearchQueries: queries,
      groundingChunks: [
        { web: { uri: 'https://a.example/', title: 'a.example' } },
        { web: { uri: 'https://b.example/', title: 'b.example' } },
        { web: { uri: 'https://c.example/' } },
      ],
      groundingSupports: spans.map(([start, len, chunk]) => ({
        segment: { startIndex: start, endIndex: start + len },
        groundingChunkIndices: [chunk],
      })),
      searchEntryPoint: { renderedContent: '<p>suggestions</p>' },
    };
    const usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };
    const context = { geminiGrounding: true };
    const whole = {
      candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0, groundingMetadata }],
      usageMetadata,
      responseId: 'r1',
    };
    const expected = geminiResponseToAnthropic(whole, { id: 'msg_p', context });
    const t = createGeminiToAnthropicStream({ id: 'msg_p', context });
    const events: unknown[] = [];
    const groups = chunked(parts, cuts);
    groups.forEach((g, i) => {
      const last = i === groups.length - 1;
      const candidate: Record<string, unknown> = { content: { role: 'model', parts: g }, index: 0 };
      // the queries come early, the rest of the metadata with the last chunk (docs/wire-formats.md#gemini-grounding)
      if (i === 0) candidate.groundingMetadata = { webSearchQueries: queries };
      if (last) Object.assign(candidate, { finishReason: 'STOP', groundingMetadata });
      events.push(...t.push({ candidates: [candidate], responseId: 'r1', ...(last ? { usageMetadata } : {}) }));
    });
    events.push(...t.end());
    const folded = foldAnthropicEvents(events);
    expect(folded.complete).toBe(true);
    expect({ ...folded.message, stop_details: null }).toEqual(expected.body);
    expect(t.losses).toEqual(expected.losses);
  });
});
