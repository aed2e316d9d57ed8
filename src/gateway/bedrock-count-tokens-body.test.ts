import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../conformance/arbitraries/deep-freeze.js';
import { bedrockCountTokensBody, bedrockCountTokensPath, bedrockInputTokens } from './bedrock-count-tokens-body.js';

const decode = (b64: string) =>
  JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))) as unknown;

describe('bedrockCountTokensBody', () => {
  const body = deepFreeze({
    model: 'ignored',
    system: 'sé',
    messages: [{ role: 'user', content: 'héllo 👋' }],
    output_config: { effort: 'low' },
  });

  it('invoke: the InvokeModel body (UTF-8 JSON, base64) with anthropic_version and a placeholder max_tokens; input not mutated', () => {
    const r = bedrockCountTokensBody('bedrock-invoke', body, 'anthropic.claude-x', { anthropicVersion: '2023-06-01' });
    expect(Object.keys(r.body.input)).toEqual(['invokeModel']);
    const inner = (r.body.input.invokeModel as { body: string }).body;
    expect(inner).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decode(inner)).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 1,
      system: 'sé',
      messages: [{ role: 'user', content: 'héllo 👋' }],
      output_config: { effort: 'low' },
    });
    expect(r.losses).toEqual([]);
  });

  it('invoke: max_tokens stays above an enabled thinking budget', () => {
    const r = bedrockCountTokensBody(
      'bedrock-invoke',
      { messages: [], thinking: { type: 'enabled', budget_tokens: 4000 } },
      'm',
      {},
    );
    expect(decode((r.body.input.invokeModel as { body: string }).body)).toMatchObject({ max_tokens: 4001 });
  });

  it('converse: no inferenceConfig (the placeholder), the translator losses kept', () => {
    const r = bedrockCountTokensBody('bedrock-converse', body, 'm', {});
    expect(r.body).toEqual({
      input: { converse: { system: [{ text: 'sé' }], messages: [{ role: 'user', content: [{ text: 'héllo 👋' }] }] } },
    });
    expect(r.losses.map((l) => l.path)).toEqual(['output_config']);
  });

  it('strict: a loss throws a TranslationError', () => {
    expect(() => bedrockCountTokensBody('bedrock-converse', body, 'm', { strict: true })).toThrow(
      expect.objectContaining({ kind: 'loss' }),
    );
  });
});

describe('bedrockCountTokensPath / bedrockInputTokens', () => {
  it('encodes the model id (ARNs and versions hold / and :)', () => {
    expect(bedrockCountTokensPath('anthropic.claude-v1:0')).toBe('/model/anthropic.claude-v1%3A0/count-tokens');
    expect(bedrockCountTokensPath('arn:aws:bedrock:us-east-1::foundation-model/x')).toBe(
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fx/count-tokens',
    );
  });

  it('reads inputTokens, and nothing that is not a CountTokensResponse', () => {
    expect(bedrockInputTokens({ inputTokens: 12 })).toBe(12);
    expect(bedrockInputTokens({ inputTokens: 0 })).toBe(0);
    for (const bad of [
      {},
      { input_tokens: 3 },
      { inputTokens: 1.5 },
      { inputTokens: -1 },
      { inputTokens: '3' },
      [3],
      null,
      3,
    ]) {
      expect(bedrockInputTokens(bad), JSON.stringify(bad)).toBeUndefined();
    }
  });
});
