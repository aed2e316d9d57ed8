import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { TranslationError } from '../../src/core/errors.js';
import type { FormatId } from '../../src/core/formats.js';
import { createStreamTranslator, translateError, translateRequest, translateResponse } from '../../src/translate.js';
import { anthropicRequest } from '../arbitraries/anthropic-request.js';
import { openaiRequest } from '../arbitraries/openai-request.js';
import { anthropicResponse, openaiResponse } from '../arbitraries/responses.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { decodeSSEEvents, isStreamErrorEvent } from '../scenarios/client-stream-events.js';
import { corrupt } from './corrupt.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { eventsToSSE } from './sse-bytes.js';
import { translateBytes } from './translate-events.js';

/** Runs `f`; anything thrown must be a TranslationError. */
function onlyTranslationErrors(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!(e instanceof TranslationError)) throw new Error(`a ${e instanceof Error ? e.name : typeof e} escaped: ${String(e)}`, { cause: e });
  }
}

const junk = fc.oneof(fc.jsonValue(), fc.anything(), fc.constantFrom(undefined, null, '', 0, -1, Number.NaN, [], {}, '[DONE]'));
type Pair = ['anthropic-messages', 'openai-chat'] | ['openai-chat', 'anthropic-messages'];
const PAIRS: Pair[] = [
  ['anthropic-messages', 'openai-chat'],
  ['openai-chat', 'anthropic-messages'],
];
const requests = { 'anthropic-messages': anthropicRequest({ thinking: true, images: true, anthropicOnly: true }), 'openai-chat': openaiRequest({ images: true, openaiOnly: true }) } as const;
const responses = { 'anthropic-messages': anthropicResponse(), 'openai-chat': openaiResponse() } as const;

// Bad input only ever raises a typed TranslationError; bad stream bytes end in the client's error event.
describe('arbitrary input raises only TranslationError', () => {
  for (const [from, to] of PAIRS) {
    test.prop([junk], params())(`random JSON into every ${from} -> ${to} translator`, (v) => {
      onlyTranslationErrors(() => translateRequest(from, to, v));
      onlyTranslationErrors(() => translateResponse(from, to, v));
      onlyTranslationErrors(() => translateError(from, to, { status: 500, body: v }));
      onlyTranslationErrors(() => {
        const t = createStreamTranslator(from, to);
        t.push(v);
        t.end();
      });
    }, timeout());

    test.prop([requests[from], fc.nat(), junk], params())(`a valid ${from} request with one node broken`, (req, pick, bad) => {
      onlyTranslationErrors(() => translateRequest(from, to, corrupt(req, pick, bad)));
    }, timeout());

    test.prop([responses[from], fc.nat(), junk], params())(`a valid ${from} response with one node broken`, (res, pick, bad) => {
      onlyTranslationErrors(() => translateResponse(from, to, corrupt(res, pick, bad)));
    }, timeout());

    test.prop([fc.array(junk, { maxLength: 8 })], params(0.5))(`random ${from} stream events`, (events) => {
      onlyTranslationErrors(() => {
        const t = createStreamTranslator(from, to);
        for (const e of events) t.push(e);
        t.end();
      });
    }, timeout(0.5));
  }

  for (const d of DIRECTIONS) {
    test.prop([fc.uint8Array({ maxLength: 300 })], params(0.5))(`random bytes into translateStream ${d.upstream} -> ${d.client}`, async (bytes) => {
      await expectErrorOrClientErrorEvent(d.upstream, d.client, [bytes]);
    }, timeout(0.5));

    test.prop([streamScript(d.shape), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 20 })], params(0.5))(
      `a valid ${d.upstream} stream with bytes damaged or cut into translateStream`,
      async (s, at, garbage) => {
        const good = eventsToSSE(d.upstream, d.render(s));
        const cut = at % good.length;
        const damaged = new Uint8Array([...good.subarray(0, cut), ...garbage]);
        await expectErrorOrClientErrorEvent(d.upstream, d.client, [damaged]);
      }, timeout(0.5),
    );
  }
});

/** translateStream either rejects with a TranslationError, or ends; if it ends without the clean terminal, the last event is the client's error event. */
async function expectErrorOrClientErrorEvent(from: FormatId, to: FormatId, chunks: Uint8Array[]): Promise<void> {
  let out: Uint8Array;
  try {
    out = await translateBytes(from, to, chunks);
  } catch (e) {
    expect(e, `a ${e instanceof Error ? e.name : typeof e} escaped translateStream: ${String(e)}`).toBeInstanceOf(TranslationError);
    return;
  }
  const { events } = decodeSSEEvents(to, out);
  const last = events.at(-1);
  const cleanEnd = to === 'openai-chat' ? last === '[DONE]' : typeof last === 'object' && last !== null && (last as { type?: unknown }).type === 'message_stop';
  if (!cleanEnd) expect(isStreamErrorEvent(to, last), `stream ended without a clean end or an error event: ${JSON.stringify(last)}`).toBe(true);
}
