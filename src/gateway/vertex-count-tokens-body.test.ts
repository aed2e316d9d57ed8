import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../conformance/arbitraries/deep-freeze.js';
import { anthropicInputTokens, vertexCountTokensBody } from './vertex-count-tokens-body.js';

describe('vertexCountTokensBody', () => {
  it('the count_tokens body with the provider model kept and anthropic_version added; input not mutated', () => {
    const body = deepFreeze({ model: '@vertex/claude-x', system: 's', messages: [{ role: 'user', content: 'hi' }] });
    expect(vertexCountTokensBody(body, 'claude-x@2025', {})).toEqual({
      body: {
        anthropic_version: 'vertex-2023-10-16',
        model: 'claude-x@2025',
        system: 's',
        messages: [{ role: 'user', content: 'hi' }],
      },
      losses: [],
    });
    expect(vertexCountTokensBody(body, 'claude-x', { anthropicVersion: '2026-10-21' }).body).toMatchObject({
      anthropic_version: '2026-10-21',
      model: 'claude-x',
    });
  });
});

describe('anthropicInputTokens', () => {
  it('reads input_tokens, and nothing that is not a count', () => {
    expect(anthropicInputTokens({ input_tokens: 7 })).toBe(7);
    for (const bad of [{}, { inputTokens: 7 }, { input_tokens: -2 }, { input_tokens: 2.5 }, 'x', null])
      expect(anthropicInputTokens(bad)).toBeUndefined();
  });
});
