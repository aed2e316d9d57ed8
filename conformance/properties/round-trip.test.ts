import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { withoutPaths } from './json-path-ops.js';
import { normalizeAnthropicRequest, normalizeOpenAIRequest } from './normalize-requests.js';
import { params, timeout } from './runs.js';

// A -> B -> A gives back A, minus what A -> B declared lost, under the normal forms of normalize-requests.ts.
describe('round trip of requests', () => {
  test.prop([anthropicRequest({ images: true, anthropicOnly: true })], params())(
    'Anthropic -> OpenAI -> Anthropic',
    (a) => {
      const there = translateRequest('anthropic-messages', 'openai-chat', a);
      const back = translateRequest('openai-chat', 'anthropic-messages', there.body);
      const expected = withoutPaths(
        a,
        there.losses.map((l) => l.path),
      );
      expect(normalizeAnthropicRequest(back.body)).toEqual(normalizeAnthropicRequest(expected));
    },
    timeout(),
  );

  test.prop([anthropicRequest({ thinking: true, blocksOnly: true })], params(0.5))(
    'Anthropic -> OpenAI -> Anthropic keeps thinking blocks and their signatures',
    (a) => {
      const there = translateRequest('anthropic-messages', 'openai-chat', a);
      const back = translateRequest('openai-chat', 'anthropic-messages', there.body);
      const thinking = (r: unknown) => JSON.stringify(r).match(/"signature":"[^"]*"/g) ?? [];
      expect(thinking(back.body)).toEqual(thinking(a));
    },
    timeout(0.5),
  );

  test.prop([openaiRequest({ images: true })], params())(
    'OpenAI -> Anthropic -> OpenAI',
    (a) => {
      const there = translateRequest('openai-chat', 'anthropic-messages', a);
      const back = translateRequest('anthropic-messages', 'openai-chat', there.body);
      const expected = withoutPaths(
        a,
        there.losses.map((l) => l.path),
      ) as Record<string, unknown>;
      const actual = normalizeOpenAIRequest(back.body) as Record<string, unknown>;
      // a Chat request without a limit gets Anthropic's required max_tokens on the way: not part of A
      if (expected.max_tokens === undefined && expected.max_completion_tokens === undefined)
        delete actual.max_completion_tokens;
      expect(actual).toEqual(normalizeOpenAIRequest(expected));
    },
    timeout(),
  );
});
