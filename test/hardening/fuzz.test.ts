/**
 * Fuzzing every decoder and translator: random bytes into the SSE parser, every codec and `translateStream`;
 * random and mutated JSON into `translateRequest`, `translateResponse`, `createStreamTranslator` for every pair
 * (direct pairs of src/pairs/index.ts and the composed ones) and `validateRequest`; and valid-but-odd values.
 * Only `TranslationError`s may come out; streams end in the client's error event instead of erroring; no
 * prototype pollution; no stack overflow. Runs: `CROSSWIRE_PROPERTY_RUNS` (default 40).
 */
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze } from '../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../src/core/errors.js';
import { FORMATS, type FormatId } from '../../src/core/formats.js';
import { PAIRS } from '../../src/pairs/index.js';
import {
  createStreamTranslator,
  getCodec,
  translateRequest,
  translateResponse,
} from '../../src/translate/translate.js';
import { translateStream } from '../../src/translate/translate-stream.js';
import { validateRequest, validateResponse, validateStreamEvent } from '../../src/validate/index.js';
import { parseSSE } from '../../src/wire/sse/parse-sse.js';
import { loadSeeds, mutate, pathsOf, type Seeds } from './seeds.js';

const RUNS = Number(process.env.CROSSWIRE_PROPERTY_RUNS ?? 40);
const OPTIONS = { id: 'fuzz_1', created: 1700000000, model: 'fuzz-model' };

/** Run `fn`; anything thrown must be a TranslationError. Returns the error, if any. */
function onlyTranslationErrors(fn: () => unknown): TranslationError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (!(e instanceof TranslationError)) {
      throw new Error(
        `non-TranslationError escaped: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`,
      );
    }
    return e;
  }
}

const codecs = FORMATS.filter((f) => onlyTranslationErrors(() => getCodec(f)) === undefined);
const ordered: [FormatId, FormatId][] = FORMATS.flatMap((a) =>
  FORMATS.filter((b) => b !== a).map((b): [FormatId, FormatId] => [a, b]),
);
const streamPairs = ordered.filter(([a, b]) => codecs.includes(a) && codecs.includes(b));

/** A snapshot of Object.prototype's own properties (names and descriptors' values). */
function protoSnapshot(): string {
  return Object.getOwnPropertyNames(Object.prototype)
    .sort()
    .map((k) => `${k}:${typeof (Object.prototype as Record<string, unknown>)[k]}`)
    .join(',');
}
let protoBefore = '';
beforeAll(() => {
  protoBefore = protoSnapshot();
});
afterAll(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(protoSnapshot()).toBe(protoBefore);
});

/** Hostile keys as own properties (the way JSON.parse makes them). */
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'polluted');
/** JSON-ish values, including the hostile ones. */
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '\ud800',
    'a\udc00b',
    '\u0000',
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    -0,
    2 ** 53,
    '',
    [],
    {},
    null,
    true,
    JSON.parse('{"__proto__":{"polluted":"yes"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  ),
);

let seeds: Seeds;
beforeAll(() => {
  seeds = loadSeeds();
});

/** A seed document of `format` with one value replaced or one key added (hostile keys included). */
function mutated(kind: 'requests' | 'responses', format: FormatId) {
  return fc
    .tuple(
      fc.nat(),
      fc.nat(),
      oddValue,
      fc.option(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), { nil: undefined }),
    )
    .map(([s, p, value, key]) => {
      const list = seeds[kind].get(format) ?? [];
      if (list.length === 0) return value;
      const doc = list[s % list.length];
      const paths = pathsOf(doc);
      return mutate(doc, paths[p % paths.length] ?? [], value, key);
    });
}

describe('random JSON into the translators', () => {
  describe.each(ordered)('%s -> %s', (from, to) => {
    test.prop([fc.jsonValue({ maxDepth: 4 })], { numRuns: RUNS })(
      'translateRequest / translateResponse: random JSON',
      (value) => {
        deepFreeze(value);
        onlyTranslationErrors(() => translateRequest(from, to, value, OPTIONS));
        onlyTranslationErrors(() => translateResponse(from, to, value, OPTIONS));
      },
    );

    test.prop([fc.constant(null).chain(() => mutated('requests', from))], { numRuns: RUNS })(
      'translateRequest: a mutated valid request',
      (value) => {
        deepFreeze(value);
        onlyTranslationErrors(() => translateRequest(from, to, value, OPTIONS));
        onlyTranslationErrors(() => translateRequest(from, to, value, { ...OPTIONS, strict: true }));
      },
    );

    test.prop([fc.constant(null).chain(() => mutated('responses', from))], { numRuns: RUNS })(
      'translateResponse: a mutated valid response',
      (value) => {
        deepFreeze(value);
        onlyTranslationErrors(() => translateResponse(from, to, value, OPTIONS));
      },
    );

    test.prop([fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant('[DONE]')), { maxLength: 12 })], {
      numRuns: RUNS,
    })('createStreamTranslator: random events', (events) => {
      deepFreeze(events);
      const t = onlyTranslationErrors(() => createStreamTranslator(from, to, OPTIONS))
        ? undefined
        : createStreamTranslator(from, to, OPTIONS);
      if (!t) return;
      for (const e of events) if (onlyTranslationErrors(() => t.push(e))) return;
      onlyTranslationErrors(() => t.end());
    });
  });
});

describe('validators never throw', () => {
  test.prop([fc.constantFrom(...FORMATS), fc.jsonValue({ maxDepth: 4 })], { numRuns: RUNS * 4 })(
    'validateRequest / validateResponse / validateStreamEvent',
    (format, value) => {
      for (const fn of [validateRequest, validateResponse, validateStreamEvent]) {
        const r = fn(format, value);
        expect(typeof r.ok).toBe('boolean');
        expect(Array.isArray(r.errors)).toBe(true);
      }
    },
  );

  test.prop([fc.constantFrom(...FORMATS).chain((f) => fc.tuple(fc.constant(f), mutated('requests', f)))], {
    numRuns: RUNS * 4,
  })('validateRequest on mutated valid requests', ([format, value]) => {
    const r = validateRequest(format, value);
    expect(typeof r.ok).toBe('boolean');
  });
});

/** Read a whole stream; the read must not reject. */
async function drainText(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function splitBytes(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const at = [...new Set(cuts.map((c) => c % (bytes.byteLength + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let prev = 0;
  for (const c of [...at, bytes.byteLength]) {
    if (c > prev) parts.push(bytes.subarray(prev, c));
    prev = c;
  }
  return new ReadableStream({
    pull(ctl) {
      const p = parts.shift();
      if (p) ctl.enqueue(p);
      else ctl.close();
    },
  });
}

const td = new TextDecoder();

/** For the SSE client formats: the stream ended with its error event (not a clean end). */
function endsInError(to: FormatId, out: Uint8Array): boolean {
  const text = td.decode(out);
  const datas = text
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim());
  const last = datas.at(-1);
  if (last === undefined) return false;
  if (to === 'openai-chat') return !datas.includes('[DONE]') && last.includes('"error"');
  if (to === 'anthropic-messages' || to === 'vertex-anthropic')
    return last.includes('"type":"error"') && !text.includes('"type":"message_stop"');
  if (to === 'gemini') return last.includes('"error"');
  return true;
}

const sseFormats: FormatId[] = ['anthropic-messages', 'openai-chat', 'gemini', 'vertex-anthropic'];

describe('random bytes into the decoders', () => {
  test.prop([fc.string({ unit: 'binary', maxLength: 400 })], { numRuns: RUNS * 4 })(
    'parseSSE on random text',
    (text) => {
      onlyTranslationErrors(() => parseSSE(text));
    },
  );

  test.prop(
    [
      fc.string({
        unit: fc.constantFrom('\n', '\r', ':', ' ', 'data', 'event', 'id', 'retry', 'x', '\u00e9', '\ud83d\ude00'),
        maxLength: 200,
      }),
    ],
    { numRuns: RUNS * 4 },
  )('parseSSE on SSE-shaped noise', (text) => {
    onlyTranslationErrors(() => parseSSE(text));
  });

  describe.each(codecs)('%s codec', (format) => {
    test.prop([fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 4 })], { numRuns: RUNS })(
      'decodeStream: random bytes only error with a TranslationError',
      async (bytes, cuts) => {
        const events: unknown[] = [];
        try {
          const readable = splitBytes(bytes, cuts).pipeThrough(getCodec(format).decodeStream());
          for await (const e of readable as unknown as AsyncIterable<unknown>) events.push(e);
        } catch (e) {
          if (!(e instanceof TranslationError))
            throw new Error(
              `decodeStream(${format}) failed with ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
            );
        }
      },
    );
  });
});

describe.each(streamPairs)('translateStream %s -> %s', (from, to) => {
  test.prop([fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 4 })], { numRuns: RUNS })(
    'random bytes: the output never errors and ends in the client error event',
    async (bytes, cuts) => {
      const out = await drainText(translateStream(from, to, splitBytes(bytes, cuts), OPTIONS));
      if (sseFormats.includes(to)) expect(endsInError(to, out)).toBe(true);
    },
  );

  test.prop([fc.nat(), fc.nat(), fc.nat({ max: 255 }), fc.array(fc.nat(), { maxLength: 4 })], { numRuns: RUNS })(
    'a recorded stream with one byte changed or cut short: the output never errors',
    async (s, at, byte, cuts) => {
      const list = seeds.streams.get(from) ?? [];
      if (list.length === 0) return;
      const seed = list[s % list.length] as Uint8Array;
      const bytes = new Uint8Array(seed);
      const i = at % (bytes.byteLength + 1);
      // even: cut short at i; odd: the byte at i replaced
      if (byte % 2 === 1) bytes.fill(byte, i, i + 1);
      const input = byte % 2 === 0 ? bytes.subarray(0, i) : bytes;
      await drainText(translateStream(from, to, splitBytes(input, cuts), OPTIONS));
    },
  );
});

describe('valid-but-odd values', () => {
  const anthropic = (content: unknown, extra: Record<string, unknown> = {}) => ({
    model: 'm',
    max_tokens: 16,
    messages: [{ role: 'user', content }],
    ...extra,
  });

  function deep(n: number): unknown {
    let v: unknown = 'leaf';
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
    return v;
  }

  const cases: [string, unknown][] = [
    ['a 5 MB string', anthropic('x'.repeat(5 * 1024 * 1024))],
    [
      '10,000-deep nesting in a tool input',
      {
        model: 'm',
        max_tokens: 16,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: deep(10_000) }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
        ],
        tools: [{ name: 't', input_schema: { type: 'object' } }],
      },
    ],
    [
      '10,000-deep nesting in a tool schema',
      anthropic('hi', { tools: [{ name: 't', input_schema: { type: 'object', properties: { a: deep(10_000) } } }] }),
    ],
    ['10,000-deep nesting in metadata', anthropic('hi', { metadata: deep(10_000) })],
    [
      '__proto__ keys',
      JSON.parse(
        '{"model":"m","max_tokens":16,"__proto__":{"polluted":"yes"},"messages":[{"role":"user","content":[{"type":"text","text":"hi","__proto__":{"polluted":"yes"}}]}],"tools":[{"name":"t","input_schema":{"type":"object","properties":{"__proto__":{"type":"string"}}}}]}',
      ),
    ],
    [
      'constructor keys',
      JSON.parse(
        '{"model":"m","max_tokens":16,"constructor":{"prototype":{"polluted":"yes"}},"messages":[{"role":"user","content":"hi"}],"metadata":{"constructor":{"prototype":{"polluted":1}}}}',
      ),
    ],
    ['lone surrogates', anthropic('\ud800 and \udfff', { system: 'sys \udc00' })],
    ['huge numbers', anthropic('hi', { max_tokens: 1e308, temperature: 1e308, top_k: Number.MAX_SAFE_INTEGER + 10 })],
    ['negative zero and NaN-like', anthropic('hi', { max_tokens: -0, top_p: -1e-320 })],
  ];

  describe.each(FORMATS.filter((f) => f !== 'anthropic-messages'))('anthropic-messages -> %s', (to) => {
    it.each(cases)('%s: no crash, no RangeError, no pollution', (_name, body) => {
      const err = onlyTranslationErrors(() =>
        translateRequest<FormatId, FormatId>('anthropic-messages', to, body, OPTIONS),
      );
      if (err) expect(err).not.toBeInstanceOf(RangeError);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it.each(cases)('validateRequest(anthropic-messages): %s does not throw', (_name, body) => {
    expect(typeof validateRequest('anthropic-messages', body).ok).toBe('boolean');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(ordered.filter(([a]) => a !== 'anthropic-messages'))(
    '%s -> %s: 10,000-deep and __proto__ request bodies',
    (from, to) => {
      for (const body of [
        deep(10_000),
        JSON.parse(
          '{"__proto__":{"polluted":"yes"},"contents":[{"__proto__":{"polluted":1}}],"messages":[{"role":"user","content":"x","__proto__":{"x":1}}]}',
        ),
      ]) {
        onlyTranslationErrors(() => translateRequest(from, to, body, OPTIONS));
        onlyTranslationErrors(() => translateResponse(from, to, body, OPTIONS));
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('every direct pair in src/pairs/index.ts is covered by the ordered pairs above', () => {
    for (const p of PAIRS) expect(ordered).toContainEqual([p.from, p.to]);
  });
});
