import { describe, expect, it } from 'vitest';
import { TranslationError } from '../core/errors.js';
import { geminiCountTokensBody, geminiTotalTokens } from './gemini-count-tokens-body.js';

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('geminiCountTokensBody', () => {
  it('wraps the translated request and leaves out generationConfig and toolConfig, without touching the input', () => {
    const input = deepFreeze({
      model: '@gemini/ignored',
      system: 'sys',
      messages: [{ role: 'user', content: 'hello' }],
      tool_choice: { type: 'auto' },
      tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } } } }],
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    const { body, losses } = geminiCountTokensBody(input, 'gemini-2.5-pro', {});
    expect(losses).toEqual([]);
    expect(body).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-pro',
        contents: [{ role: 'user', parts: [{ text: 'hello' }] }],
        systemInstruction: { parts: [{ text: 'sys' }] },
        tools: [
          {
            functionDeclarations: [
              { name: 'f', parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } },
            ],
          },
        ],
      },
    });
  });

  it('bad input is a TranslationError', () => {
    expect(() => geminiCountTokensBody({ messages: 'nope' }, 'g', {})).toThrow(TranslationError);
  });
});

describe('geminiTotalTokens', () => {
  it('reads totalTokens; absent is 0 (proto3 JSON); anything else is not a CountTokensResponse', () => {
    expect(geminiTotalTokens({ totalTokens: 12, cachedContentTokenCount: 4 })).toBe(12);
    expect(geminiTotalTokens({})).toBe(0);
    expect(geminiTotalTokens({ totalTokens: -1 })).toBeUndefined();
    expect(geminiTotalTokens({ totalTokens: 1.5 })).toBeUndefined();
    expect(geminiTotalTokens({ totalTokens: '3' })).toBeUndefined();
    expect(geminiTotalTokens([3])).toBeUndefined();
    expect(geminiTotalTokens(null)).toBeUndefined();
  });
});
