import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { converseRequest } from '../arbitraries/converse-request.js';
import { geminiRequest } from '../arbitraries/gemini-request.js';
import { upstreamRequestProblems } from '../scenarios/upstream-request-rules.js';
import { params, timeout } from './runs.js';

// The provider-client generators must produce requests the provider itself accepts: its spec (`validateRequest`)
// and its strict mock's rules (`checkGeminiRequest`, `checkConverseRules`), or the provider-client properties prove
// nothing. `upstreamRequestProblems` runs exactly those checks.
describe('provider-client request arbitraries are valid', () => {
  test.prop([geminiRequest({ thinking: true, images: true, callIds: true })], params())(
    'Gemini generateContent bodies',
    (r) => {
      expect(upstreamRequestProblems('gemini', r)).toEqual([]);
    },
    timeout(),
  );

  test.prop([converseRequest({ reasoning: true, images: true, cachePoints: true })], params())(
    'Converse bodies',
    (r) => {
      expect(upstreamRequestProblems('bedrock-converse', r)).toEqual([]);
    },
    timeout(),
  );
});

// The checks can fail: a request the provider refuses is caught (or the test above would pass on anything).
describe('the checks catch invalid provider requests', () => {
  test.prop([geminiRequest({ images: true })], params(0.25))(
    'Gemini: two user contents in a row',
    (r) => {
      const first = r.contents[0]!;
      expect(upstreamRequestProblems('gemini', { ...r, contents: [first, ...r.contents] }).length).toBeGreaterThan(0);
    },
    timeout(0.25),
  );

  test.prop([converseRequest({ images: true })], params(0.25))(
    'Converse: starting with an assistant message',
    (r) => {
      expect(
        upstreamRequestProblems('bedrock-converse', {
          ...r,
          messages: [{ role: 'assistant', content: [{ text: 'hi' }] }, ...(r.messages ?? [])],
        }).length,
      ).toBeGreaterThan(0);
    },
    timeout(0.25),
  );
});
