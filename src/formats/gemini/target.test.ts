import { describe, expect, it } from 'vitest';
import { geminiTarget, parseGeminiPath } from './target.js';

describe('gemini target paths', () => {
  it('puts the model and the endpoint into the path', () => {
    expect(geminiTarget('gemini-2.5-flash', false).path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(geminiTarget('gemini-2.5-flash', true).path).toBe(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(geminiTarget('a/b', false, 'v1').path).toBe('/v1/models/a%2Fb:generateContent');
  });

  it('parses client paths', () => {
    expect(parseGeminiPath('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse')).toEqual({
      model: 'gemini-2.5-pro',
      operation: 'streamGenerateContent',
      sse: true,
    });
    expect(parseGeminiPath('/v1/models/m:generateContent')).toEqual({
      model: 'm',
      operation: 'generateContent',
      sse: false,
    });
    expect(parseGeminiPath('/v1/messages')).toBeUndefined();
  });
});
