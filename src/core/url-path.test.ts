import { describe, expect, it } from 'vitest';
import { bedrockConverseTarget, parseBedrockConversePath } from '../formats/bedrock-converse/target.js';
import { bedrockInvokeTarget, parseBedrockInvokePath } from '../formats/bedrock-invoke/target.js';
import { geminiCountTokensTarget, geminiTarget, parseGeminiPath } from '../formats/gemini/target.js';
import { parseVertexAnthropicPath, vertexAnthropicTarget } from '../formats/vertex-anthropic/target.js';
import { isTranslationError } from './errors.js';
import { isDotSegment, pathSegment } from './url-path.js';

const refused = (build: () => unknown) => {
  try {
    build();
  } catch (e) {
    return isTranslationError(e) && e.kind === 'invalid_input';
  }
  return false;
};

describe('path models: dot segments are refused', () => {
  it('isDotSegment / pathSegment', () => {
    expect(isDotSegment('.')).toBe(true);
    expect(isDotSegment('..')).toBe(true);
    expect(isDotSegment('...')).toBe(false);
    expect(isDotSegment('a..b')).toBe(false);
    expect(pathSegment('anthropic.claude-x', 'model')).toBe('anthropic.claude-x');
    expect(pathSegment('%2e%2e', 'model')).toBe('%252e%252e');
    expect(refused(() => pathSegment('..', 'model'))).toBe(true);
  });

  it('every builder refuses `.` and `..` (a URL would resolve them: /model/../converse is /converse)', () => {
    for (const model of ['.', '..']) {
      expect(refused(() => bedrockConverseTarget(model, false))).toBe(true);
      expect(refused(() => bedrockConverseTarget(model, true))).toBe(true);
      expect(refused(() => bedrockInvokeTarget(model, false))).toBe(true);
      expect(refused(() => geminiTarget(model, true))).toBe(true);
      expect(refused(() => geminiCountTokensTarget(model))).toBe(true);
      expect(refused(() => vertexAnthropicTarget(model, false))).toBe(true);
      expect(refused(() => vertexAnthropicTarget('claude-x', false, { project: model, region: 'r' }))).toBe(true);
    }
    // a dot inside a name stays, and the built path keeps its endpoint
    expect(new URL(`http://h${bedrockConverseTarget('..x', false).path}`).pathname).toBe('/model/..x/converse');
  });

  it('every parser refuses a `.` or `..` model, raw or percent-encoded', () => {
    for (const seg of ['.', '..', '%2e', '%2E%2e']) {
      expect(parseBedrockConversePath(`/model/${seg}/converse`)).toBeUndefined();
      expect(parseBedrockInvokePath(`/model/${seg}/invoke`)).toBeUndefined();
      expect(parseGeminiPath(`/v1beta/models/${seg}:generateContent`)).toBeUndefined();
      expect(
        parseVertexAnthropicPath(`/v1/projects/p/locations/r/publishers/anthropic/models/${seg}:rawPredict`),
      ).toBeUndefined();
    }
    expect(parseBedrockConversePath('/model/%40bed%2F..x/converse')).toEqual({ model: '@bed/..x', stream: false });
  });
});
