import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateError, translateRequest, translateResponse } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { deepFreeze } from '../arbitraries/deep-freeze.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { anthropicResponse, openaiResponse } from '../arbitraries/responses.js';
import { responsesRequest } from '../arbitraries/responses-request.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

// Translators never write to their input: inputs are deep-frozen (a write throws in ESM strict mode) and compared after.
describe('translators never mutate their input', () => {
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params())(
    'Anthropic request',
    (req) => {
      const before = structuredClone(req);
      translateRequest('anthropic-messages', 'openai-chat', deepFreeze(req));
      expect(req).toEqual(before);
    },
    timeout(),
  );

  test.prop([openaiRequest({ images: true, openaiOnly: true })], params())(
    'OpenAI request',
    (req) => {
      const before = structuredClone(req);
      translateRequest('openai-chat', 'anthropic-messages', deepFreeze(req));
      expect(req).toEqual(before);
    },
    timeout(),
  );

  test.prop([responsesRequest({ images: true, reasoning: true, responsesOnly: true })], params())(
    'Responses request (and the Anthropic request it becomes, back to Responses)',
    (req) => {
      const before = structuredClone(req);
      const there = translateRequest('openai-responses', 'anthropic-messages', deepFreeze(req));
      const mid = structuredClone(there.body);
      translateRequest('anthropic-messages', 'openai-responses', deepFreeze(there.body));
      expect(req).toEqual(before);
      expect(there.body).toEqual(mid);
    },
    timeout(),
  );

  test.prop([anthropicResponse(), openaiResponse()], params())(
    'responses and errors',
    (a, o) => {
      translateResponse('anthropic-messages', 'openai-chat', deepFreeze(a));
      translateResponse('openai-chat', 'anthropic-messages', deepFreeze(o));
      translateError(
        'anthropic-messages',
        'openai-chat',
        deepFreeze({ status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } } }),
      );
      translateError(
        'openai-chat',
        'anthropic-messages',
        deepFreeze({
          status: 429,
          body: { error: { message: 'slow', type: 'rate_limit_error', param: null, code: null } },
        }),
      );
    },
    timeout(),
  );

  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(
      `stream events and the response ${d.name}`,
      (s) => {
        const events = d.render(s);
        const response = d.foldUpstream(events).message;
        const before = structuredClone({ events, response });
        translateEvents(d.upstream, d.client, deepFreeze(events), deepFreeze(structuredClone(d.options)));
        translateResponse(d.upstream, d.client, deepFreeze(response), deepFreeze(structuredClone(d.options)));
        expect({ events, response }).toEqual(before);
      },
      timeout(),
    );
  }
});
