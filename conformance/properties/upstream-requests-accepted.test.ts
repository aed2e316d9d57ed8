import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
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
});
