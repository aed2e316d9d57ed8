import { describe, expect, it } from 'vitest';
import { EXAMPLE_SCRIPT as script } from './example-script.js';
import { renderGeminiChunks } from './render-gemini-chunks.js';

describe('renderGeminiChunks', () => {
  it('one part per chunk, the signature on the last thought part, the call whole, finish and usage on the last chunk', () => {
    const chunks = renderGeminiChunks(script);
    expect(chunks.map((c) => c.candidates![0]!.content!.parts)).toEqual([
      [{ text: 'a', thought: true }],
      [{ text: 'b', thought: true, thoughtSignature: 'sig' }],
      [{ text: 'Hi' }],
      [{ functionCall: { name: 'f', args: { q: 1 } } }],
    ]);
    expect(chunks.map((c) => c.candidates![0]!.finishReason)).toEqual([undefined, undefined, undefined, 'STOP']);
    // cache writes are prompt tokens to Gemini; half the output is thoughts when the turn thinks
    expect(chunks.at(-1)!.usageMetadata).toEqual({
      promptTokenCount: 15,
      candidatesTokenCount: 4,
      thoughtsTokenCount: 3,
      cachedContentTokenCount: 3,
      totalTokenCount: 22,
    });
    expect(chunks[0]!.usageMetadata).toEqual({ promptTokenCount: 15, cachedContentTokenCount: 3, totalTokenCount: 15 });
  });
  it('call ids only when the script says so; refusals use the script`s safety reason', () => {
    const chunks = renderGeminiChunks({ ...script, geminiCallIds: true, stop: 'refusal' });
    expect(chunks.at(-1)!.candidates![0]).toMatchObject({
      content: { parts: [{ functionCall: { id: 'toolu_0x', name: 'f' } }] },
      finishReason: 'RECITATION',
    });
  });
  it('streamed arguments: the named part, one partialArgs part per value (strings in two pieces), the empty end part', () => {
    const tool = {
      kind: 'tool' as const,
      id: 'toolu_0x',
      name: 'f',
      input: { q: 'héllo', n: [1, null], o: { b: true } },
      fragments: [],
    };
    const chunks = renderGeminiChunks({ ...script, blocks: [tool], geminiStreamedArgs: true });
    expect(chunks.map((c) => c.candidates![0]!.content!.parts![0])).toEqual([
      { functionCall: { name: 'f', willContinue: true } },
      {
        functionCall: { partialArgs: [{ jsonPath: '$.q', stringValue: 'hé', willContinue: true }], willContinue: true },
      },
      { functionCall: { partialArgs: [{ jsonPath: '$.q', stringValue: 'llo' }], willContinue: true } },
      { functionCall: { partialArgs: [{ jsonPath: '$.n[0]', numberValue: 1 }], willContinue: true } },
      { functionCall: { partialArgs: [{ jsonPath: '$.n[1]', nullValue: 'NULL_VALUE' }], willContinue: true } },
      { functionCall: { partialArgs: [{ jsonPath: '$.o.b', boolValue: true }], willContinue: true } },
      { functionCall: {} },
    ]);
    // an empty list has no partial-argument form: that call comes whole
    const whole = renderGeminiChunks({ ...script, blocks: [{ ...tool, input: { l: [] } }], geminiStreamedArgs: true });
    expect(whole.map((c) => c.candidates![0]!.content!.parts![0])).toEqual([
      { functionCall: { name: 'f', args: { l: [] } } },
    ]);
  });
});
