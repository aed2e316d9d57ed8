import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { responsesRequest } from '../arbitraries/responses-request.js';
import { upstreamRequestProblems } from '../scenarios/upstream-request-rules.js';
import { params, timeout } from './runs.js';

// Any valid client request translates into a request the strict mock provider accepts (spec + provider rules).
describe('translated requests are accepted upstream', () => {
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params())(
    'Anthropic -> OpenAI',
    (req) => {
      expect(
        upstreamRequestProblems('openai-chat', translateRequest('anthropic-messages', 'openai-chat', req).body),
      ).toEqual([]);
    },
    timeout(),
  );
  test.prop([openaiRequest({ images: true, openaiOnly: true })], params())(
    'OpenAI -> Anthropic',
    (req) => {
      expect(
        upstreamRequestProblems('anthropic-messages', translateRequest('openai-chat', 'anthropic-messages', req).body),
      ).toEqual([]);
    },
    timeout(),
  );
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params())(
    'Anthropic -> Responses',
    (req) => {
      expect(
        upstreamRequestProblems(
          'openai-responses',
          translateRequest('anthropic-messages', 'openai-responses', req).body,
        ),
      ).toEqual([]);
    },
    timeout(),
  );
  test.prop([responsesRequest({ images: true, reasoning: true, responsesOnly: true })], params())(
    'Responses -> Anthropic',
    (req) => {
      expect(
        upstreamRequestProblems(
          'anthropic-messages',
          translateRequest('openai-responses', 'anthropic-messages', req).body,
        ),
      ).toEqual([]);
    },
    timeout(),
  );
  test.prop([responsesRequest({ images: true, reasoning: true, responsesOnly: true })], params(0.5))(
    'Responses -> OpenAI Chat (through Anthropic)',
    (req) => {
      expect(
        upstreamRequestProblems('openai-chat', translateRequest('openai-responses', 'openai-chat', req).body),
      ).toEqual([]);
    },
    timeout(0.5),
  );
});
