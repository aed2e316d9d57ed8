import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { TranslationError } from '../../src/core/errors.js';
import type { FormatId } from '../../src/core/formats.js';
import {
  createStreamTranslator,
  translateError,
  translateRequest,
  translateResponse,
} from '../../src/translate/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { responsesRequest } from '../arbitraries/responses-request.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { corrupt } from './corrupt.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { isCleanEnd, isErrorEvent } from './stream-ends.js';
import { translateBytes } from './translate-events.js';
import { bytesToEvents, eventsToBytes } from './wire-bytes.js';

/** Runs `f`; anything thrown must be a TranslationError. */
function onlyTranslationErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof TranslationError))
      throw new Error(`a ${e instanceof Error ? e.name : typeof e} escaped: ${String(e)}`, { cause: e });
  }
}

const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.constantFrom(undefined, null, '', 0, -1, Number.NaN, [], {}, '[DONE]'),
);
type Pair =
  | ['anthropic-messages', 'openai-chat' | 'openai-responses']
  | ['openai-chat' | 'openai-responses', 'anthropic-messages'];
/** request directions with a request arbitrary */
const PAIRS: Pair[] = [
  ['anthropic-messages', 'openai-chat'],
  ['openai-chat', 'anthropic-messages'],
  ['anthropic-messages', 'openai-responses'],
  ['openai-responses', 'anthropic-messages'],
];
const requests = {
  'anthropic-messages': anthropicRequest({ thinking: true, images: true, anthropicOnly: true }),
  'openai-chat': openaiRequest({ images: true, openaiOnly: true }),
  'openai-responses': responsesRequest({ images: true, reasoning: true, responsesOnly: true }),
} as const;

// Bad input only ever raises a typed TranslationError; bad stream bytes end in the client's error event.
describe('arbitrary input raises only TranslationError', () => {
  for (const [from, to] of PAIRS) {
    test.prop([junk], params())(
      `random JSON into the ${from} -> ${to} request translator`,
      (v) => {
        onlyTranslationErrors(() => translateRequest<FormatId, FormatId>(from, to, v));
      },
      timeout(),
    );

    test.prop([requests[from], fc.nat(), junk], params())(
      `a valid ${from} request with one node broken`,
      (req, pick, bad) => {
        onlyTranslationErrors(() => translateRequest<FormatId, FormatId>(from, to, corrupt(req, pick, bad)));
      },
      timeout(),
    );
  }

  for (const d of DIRECTIONS) {
    test.prop([junk], params(0.5))(
      `random JSON into the ${d.name} response, error and stream translators`,
      (v) => {
        onlyTranslationErrors(() => translateResponse(d.upstream, d.client, v));
        onlyTranslationErrors(() => translateError(d.upstream, d.client, { status: 500, body: v }));
        onlyTranslationErrors(() => {
          const t = createStreamTranslator(d.upstream, d.client);
          t.push(v);
          t.end();
        });
      },
      timeout(0.5),
    );

    // the folded stream is the format's non-stream response
    test.prop([streamScript(d.shape), fc.nat(), junk], params(0.5))(
      `a valid ${d.upstream} response with one node broken -> ${d.client}`,
      (s, pick, bad) => {
        onlyTranslationErrors(() =>
          translateResponse(d.upstream, d.client, corrupt(d.foldUpstream(d.render(s)).message, pick, bad), d.options),
        );
      },
      timeout(0.5),
    );

    test.prop([fc.array(junk, { maxLength: 8 })], params(0.5))(
      `random ${d.upstream} stream events -> ${d.client}`,
      (events) => {
        onlyTranslationErrors(() => {
          const t = createStreamTranslator(d.upstream, d.client);
          for (const e of events) t.push(e);
          t.end();
        });
      },
      timeout(0.5),
    );

    test.prop([streamScript(d.shape), fc.nat(), junk], params(0.5))(
      `a valid ${d.upstream} event sequence with one node broken -> ${d.client}`,
      (s, pick, bad) => {
        const events = corrupt(d.render(s), pick, bad);
        onlyTranslationErrors(() => {
          const t = createStreamTranslator(d.upstream, d.client, d.options);
          for (const e of Array.isArray(events) ? events : [events]) t.push(e);
          t.end();
        });
      },
      timeout(0.5),
    );

    test.prop([fc.uint8Array({ maxLength: 300 })], params(0.5))(
      `random bytes into translateStream ${d.name}`,
      async (bytes) => {
        await expectErrorOrClientErrorEvent(d.upstream, d.client, [bytes]);
      },
      timeout(0.5),
    );

    test.prop(
      [streamScript(d.shape), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 20 }), fc.boolean()],
      params(0.5),
    )(
      `a valid ${d.upstream} stream with bytes damaged or cut into translateStream -> ${d.client}`,
      async (s, at, garbage, flip) => {
        const good = await eventsToBytes(d.upstream, d.render(s));
        const cut = at % good.length;
        // garbage after a cut, or one byte flipped in place (for binary frames: a CRC mismatch, never garbage out)
        const damaged = flip
          ? good.map((b, i) => (i === cut ? b ^ (garbage[0]! || 1) : b))
          : new Uint8Array([...good.subarray(0, cut), ...garbage]);
        await expectErrorOrClientErrorEvent(d.upstream, d.client, [damaged]);
      },
      timeout(0.5),
    );
  }
});

/** translateStream either rejects with a TranslationError, or ends; if it ends without the clean terminal, the last event is the client's error event. */
async function expectErrorOrClientErrorEvent(from: FormatId, to: FormatId, chunks: Uint8Array[]): Promise<void> {
  let out: Uint8Array;
  try {
    out = await translateBytes(from, to, chunks);
  } catch (e) {
    expect(e, `a ${e instanceof Error ? e.name : typeof e} escaped translateStream: ${String(e)}`).toBeInstanceOf(
      TranslationError,
    );
    return;
  }
  const { events, problems } = await bytesToEvents(to, out);
  expect(problems, 'the client stream does not decode').toEqual([]);
  const last = events.at(-1);
  if (!isCleanEnd(to, last))
    expect(isErrorEvent(to, last), `stream ended without a clean end or an error event: ${JSON.stringify(last)}`).toBe(
      true,
    );
}
