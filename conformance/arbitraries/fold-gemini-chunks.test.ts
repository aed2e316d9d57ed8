import { describe, expect, it } from 'vitest';
import { foldGeminiChunks } from './fold-gemini-chunks.js';

const chunk = (parts: object[], extra: object = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'r1',
});

describe('foldGeminiChunks', () => {
  it('merges text runs of one kind, keeps the thought run signature, calls whole, last usage and finish', () => {
    const r = foldGeminiChunks([
      { ...chunk([{ text: 'Let me ', thought: true }]), usageMetadata: { promptTokenCount: 5, totalTokenCount: 5 } },
      chunk([{ text: 'think', thought: true, thoughtSignature: 'sig1' }]),
      chunk([{ text: 'Hel' }]),
      chunk([{ text: 'lo' }]),
      chunk([{ functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'sig2' }]),
      {
        ...chunk([{ text: 'done' }], { finishReason: 'STOP' }),
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
      },
    ]);
    expect(r).toEqual({
      complete: true,
      error: undefined,
      message: {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { text: 'Let me think', thought: true, thoughtSignature: 'sig1' },
                { text: 'Hello' },
                { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'sig2' },
                { text: 'done' },
              ],
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 3, totalTokenCount: 8 },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'r1',
      },
    });
  });

  it('does not merge text across a signature on a non-thought part', () => {
    const r = foldGeminiChunks([
      chunk([{ text: 'a', thoughtSignature: 's' }]),
      chunk([{ text: 'b' }], { finishReason: 'STOP' }),
    ]);
    const parts = (r.message.candidates as { content: { parts: unknown[] } }[])[0]!.content.parts;
    expect(parts).toEqual([{ text: 'a', thoughtSignature: 's' }, { text: 'b' }]);
  });

  it('is incomplete without a finishReason and reports an error chunk', () => {
    const r = foldGeminiChunks([
      chunk([{ text: 'a' }]),
      { error: { code: 503, message: 'busy', status: 'UNAVAILABLE' } },
    ]);
    expect(r.complete).toBe(false);
    expect(r.error).toEqual({ code: 503, message: 'busy', status: 'UNAVAILABLE' });
  });

  it('a blocked prompt is complete and has no candidate', () => {
    const r = foldGeminiChunks([
      { promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 } },
    ]);
    expect(r.complete).toBe(true);
    expect(r.message).toEqual({
      promptFeedback: { blockReason: 'SAFETY' },
      usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
    });
  });

  it('a call with streamed arguments folds into one whole, signed functionCall part, in its place', () => {
    const r = foldGeminiChunks([
      chunk([{ functionCall: { name: 'f', id: 'c1', willContinue: true }, thoughtSignature: 'c2ln' }]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: '$.city', stringValue: 'Pa', willContinue: true }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.city', stringValue: 'ris' },
              { jsonPath: '$.when[0].day', numberValue: 2 },
              { jsonPath: "$['a b']", nullValue: 'NULL_VALUE' },
            ],
            willContinue: true,
          },
        },
      ]),
      chunk([{ functionCall: {} }, { text: 'done' }], { finishReason: 'STOP' }),
    ]);
    expect((r.message.candidates as Array<{ content: { parts: unknown[] } }>)[0]!.content.parts).toEqual([
      {
        functionCall: { name: 'f', id: 'c1', args: { city: 'Paris', when: [{ day: 2 }], 'a b': null } },
        thoughtSignature: 'c2ln',
      },
      { text: 'done' },
    ]);
  });
});
