import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { MessageCreateParams } from '../../generated/anthropic-messages/types.gen.js';
import { translateRequest } from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { withoutPaths } from './json-path-ops.js';
import {
  declaredLossPaths,
  normalizeProviderRoundTrip,
  PROVIDER_FORMATS,
  type ProviderFormat,
  thinkingSignatures,
} from './normalize-provider-requests.js';
import { params, timeout } from './runs.js';

/** Anthropic -> provider -> Anthropic; the provider's URL carries the model and the stream choice back. */
function roundTrip(format: ProviderFormat, a: MessageCreateParams) {
  const there = translateRequest('anthropic-messages', format, a);
  const raw = translateRequest(format, 'anthropic-messages', there.body, {
    model: a.model,
    stream: a.stream === true,
  });
  // a tool name the provider refuses was rewritten on the way there; the request's context maps it back, as the
  // response translation would (a request going back has no such context)
  const back = { ...raw, body: restoreNames(raw.body, there.context.toolNames ?? {}) };
  const declared = declaredLossPaths(format, there, back.losses);
  return { there, back, declared };
}

/** Every `name` string that is a rewritten tool name, put back to the client's name. */
function restoreNames<T>(v: T, names: Readonly<Record<string, string>>): T {
  if (Array.isArray(v)) return v.map((x) => restoreNames(x, names)) as T;
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      k === 'name' && typeof x === 'string' && Object.hasOwn(names, x) ? names[x] : restoreNames(x, names),
    ]),
  ) as T;
}

// A -> provider -> A gives back A, minus what either way declared lost, under the normal forms of
// normalize-requests.ts and normalize-provider-requests.ts. Thinking signatures come back byte for byte.
describe.each(PROVIDER_FORMATS)('round trip of requests through %s', (format) => {
  test.prop([anthropicRequest({ thinking: true, images: true, anthropicOnly: true })], params(0.5))(
    'Anthropic -> provider -> Anthropic',
    (a) => {
      const { back, declared } = roundTrip(format, a);
      expect(declared.unexplained).toEqual([]);
      const expected = withoutPaths(a, [...declared.there, ...declared.back]);
      const actual = withoutPaths(back.body, declared.back);
      expect(normalizeProviderRoundTrip(format, actual)).toEqual(normalizeProviderRoundTrip(format, expected));
    },
    timeout(0.5),
  );

  test.prop([anthropicRequest({ thinking: true, blocksOnly: true })], params(0.25))(
    'thinking blocks keep their signatures byte for byte',
    (a) => {
      const { back, declared } = roundTrip(format, a);
      const kept = thinkingSignatures(withoutPaths(a, declared.there));
      expect(thinkingSignatures(back.body)).toEqual(kept);
      // nothing the arbitrary generates makes a translator drop a signed thinking block
      expect(kept).toEqual(thinkingSignatures(a));
    },
    timeout(0.25),
  );
});
