// The compiled predicates (generated/validators.gen.ts) accept exactly what zod accepts: never more (an invalid body
// would get through), never less (a valid body would pay for zod, or be refused). Checked on the arbitraries'
// valid values of every format's request, response and stream event, and on those values mutated (a key dropped, a
// wrong type at any depth, an unknown key, an enum or discriminator swapped, a subtree moved elsewhere).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anthropicRequest } from '../../conformance/arbitraries/anthropic-request.js';
import { converseRequest } from '../../conformance/arbitraries/converse-request.js';
import { foldConverseEvents } from '../../conformance/arbitraries/fold-converse-events.js';
import { foldGeminiChunks } from '../../conformance/arbitraries/fold-gemini-chunks.js';
import { foldResponsesEvents } from '../../conformance/arbitraries/fold-responses-events.js';
import { geminiRequest } from '../../conformance/arbitraries/gemini-request.js';
import { openaiRequest } from '../../conformance/arbitraries/openai-request.js';
import { renderAnthropicEvents } from '../../conformance/arbitraries/render-anthropic-events.js';
import { renderBedrockInvokeEvents } from '../../conformance/arbitraries/render-bedrock-invoke-events.js';
import { renderConverseEvents } from '../../conformance/arbitraries/render-converse-events.js';
import { renderGeminiChunks } from '../../conformance/arbitraries/render-gemini-chunks.js';
import { renderOpenAIChunks } from '../../conformance/arbitraries/render-openai-chunks.js';
import { renderResponsesEvents } from '../../conformance/arbitraries/render-responses-events.js';
import { anthropicResponse, openaiResponse } from '../../conformance/arbitraries/responses.js';
import { responsesRequest } from '../../conformance/arbitraries/responses-request.js';
import { streamScript } from '../../conformance/arbitraries/stream-script.js';
import { params, timeout } from '../../conformance/properties/runs.js';
import { VALIDATORS } from '../../generated/validators.gen.js';
import type { WireFormatId } from '../core/formats.js';
import { compiledCheck } from './fast-checks.js';
import { COMPILED_SCHEMAS, FORMAT_SCHEMAS, type FormatSchemas } from './format-schemas.js';
import { validateRequest, validateResponse, validateStreamEvent } from './validate.js';

type Kind = keyof FormatSchemas;

function schemaOf(format: WireFormatId, kind: Kind, value: unknown) {
  const s = FORMAT_SCHEMAS[format]![kind];
  return typeof s === 'function' ? s(value) : s;
}

/** Whether the compiled predicate and zod agree on `value`; the verdict (zod's) when they do. */
function agree(format: WireFormatId, kind: Kind, value: unknown): { same: boolean; valid: boolean } {
  const schema = schemaOf(format, kind, value);
  const predicate = compiledCheck(schema);
  if (predicate === undefined) throw new Error(`no compiled predicate for ${format} ${kind}`);
  const valid = schema.safeParse(value).success;
  return { same: predicate(value) === valid, valid };
}

const script = streamScript({ thinking: true, textAfterTools: true });
const each = <T>(arb: fc.Arbitrary<T[]>) => arb.chain((items) => fc.constantFrom(...items));
const openaiError = fc.record({
  error: fc.record({
    message: fc.string(),
    type: fc.string(),
    param: fc.option(fc.string()),
    code: fc.option(fc.string()),
  }),
});

/** A valid value of every schema a validator runs (the same generators conformance/properties checks valid). */
const TARGETS: { format: WireFormatId; kind: Kind; valid: fc.Arbitrary<unknown> }[] = [
  {
    format: 'anthropic-messages',
    kind: 'request',
    valid: anthropicRequest({ thinking: true, images: true, anthropicOnly: true }),
  },
  { format: 'anthropic-messages', kind: 'response', valid: anthropicResponse() },
  { format: 'anthropic-messages', kind: 'streamEvent', valid: each(script.map(renderAnthropicEvents)) },
  {
    format: 'bedrock-invoke',
    kind: 'request',
    valid: anthropicRequest({ thinking: true, images: true }).map(({ model: _m, stream: _s, ...rest }) => ({
      ...rest,
      anthropic_version: 'bedrock-2023-05-31',
    })),
  },
  { format: 'bedrock-invoke', kind: 'streamEvent', valid: each(script.map(renderBedrockInvokeEvents)) },
  {
    format: 'vertex-anthropic',
    kind: 'request',
    valid: anthropicRequest({ thinking: true }).map(({ model: _m, ...rest }) => ({
      ...rest,
      anthropic_version: 'vertex-2023-10-16',
      anthropic_beta: ['x'],
    })),
  },
  { format: 'openai-chat', kind: 'request', valid: openaiRequest({ images: true, openaiOnly: true }) },
  { format: 'openai-chat', kind: 'response', valid: openaiResponse() },
  {
    format: 'openai-chat',
    kind: 'streamEvent',
    valid: fc.oneof(each(streamScript({ textAfterTools: true }).map(renderOpenAIChunks)), openaiError),
  },
  { format: 'gemini', kind: 'request', valid: geminiRequest({ thinking: true, images: true, callIds: true }) },
  { format: 'gemini', kind: 'response', valid: script.map((s) => foldGeminiChunks(renderGeminiChunks(s)).message) },
  { format: 'gemini', kind: 'streamEvent', valid: each(script.map(renderGeminiChunks)) },
  {
    format: 'bedrock-converse',
    kind: 'request',
    valid: converseRequest({ reasoning: true, images: true, cachePoints: true }),
  },
  {
    format: 'bedrock-converse',
    kind: 'response',
    valid: script.map((s) => foldConverseEvents(renderConverseEvents(s)).message),
  },
  { format: 'bedrock-converse', kind: 'streamEvent', valid: each(script.map(renderConverseEvents)) },
  {
    format: 'openai-responses',
    kind: 'request',
    valid: responsesRequest({ images: true, reasoning: true, responsesOnly: true }),
  },
  {
    format: 'openai-responses',
    kind: 'response',
    valid: script.map((s) => foldResponsesEvents(renderResponsesEvents(s)).message),
  },
  { format: 'openai-responses', kind: 'streamEvent', valid: each(script.map(renderResponsesEvents)) },
];

/** Values of the wrong type (or out of range) for most fields; NaN, ±Infinity and undefined are not JSON but reach a validator all the same. */
const ODD: readonly unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53) - 2,
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  '',
  'x',
  '[DONE]',
  true,
  false,
  [],
  {},
  [null],
  { type: 'text' },
];
const copy = (v: unknown): unknown => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** A fresh copy each time: a shared object mutated later would turn into a cycle. */
const odd = (pick: number): unknown => {
  const v = ODD[pick % ODD.length];
  return typeof v === 'object' && v !== null ? copy(v) : v;
};
const UNKNOWN_KEYS = ['x_unknown', 'type', 'role', 'text', 'id', '__proto__'];

interface Node {
  readonly value: unknown;
  readonly set: (v: unknown) => void;
  readonly remove?: () => void;
}

interface Mutation {
  readonly at: number;
  readonly op: number;
  readonly pick: number;
}

function nodesOf(root: { value: unknown }): Node[] {
  const out: Node[] = [{ value: root.value, set: (v) => (root.value = v) }];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        out.push({ value: item, set: (v) => (value[i] = v), remove: () => value.splice(i, 1) });
        walk(item);
      });
    } else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      for (const key of Object.keys(o)) {
        out.push({ value: o[key], set: (v) => (o[key] = v), remove: () => delete o[key] });
        walk(o[key]);
      }
    }
  };
  walk(root.value);
  return out;
}

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What each mutation applies to (a key of an object, a number, a string, an array, an object, anything), so a rare
 * kind of field (a float among integers) is hit as often as a common one.
 */
const OPS: {
  readonly fits: (n: Node) => boolean;
  readonly apply: (n: Node, pick: number, all: Node[], root: unknown) => void;
}[] = [
  // drop the key (or array item)
  { fits: (n) => n.remove !== undefined, apply: (n) => n.remove!() },
  // a value of another type, anywhere
  { fits: () => true, apply: (n, pick) => n.set(odd(pick)) },
  // a number at or past its bounds, or not finite
  {
    fits: (n) => typeof n.value === 'number',
    apply: (n, pick) =>
      n.set([-1, 0, 1, 1023, 1024, 0.5, 2 ** 53 - 1, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY][pick % 10]),
  },
  // another string of the value (an enum or discriminator of another member), or a bogus one
  {
    fits: (n) => typeof n.value === 'string',
    apply: (n, pick, _, root) => {
      const strings = stringsOf(root);
      n.set(pick % 5 !== 0 ? strings[pick % strings.length] : 'bogus');
    },
  },
  // an unknown key (or a known one where it is not expected)
  {
    fits: (n) => isObject(n.value),
    apply: (n, pick) =>
      Object.defineProperty(n.value, UNKNOWN_KEYS[pick % UNKNOWN_KEYS.length]!, {
        value: odd(pick),
        enumerable: true,
        writable: true,
        configurable: true,
      }),
  },
  // an array emptied, or an item repeated
  {
    fits: (n) => Array.isArray(n.value),
    apply: (n, pick) => {
      const a = n.value as unknown[];
      if (pick % 2 === 0) a.length = 0;
      else a.push(copy(a[pick % Math.max(1, a.length)]));
    },
  },
  // an object where an array goes, an array where an object goes
  {
    fits: (n) => typeof n.value === 'object' && n.value !== null,
    apply: (n, pick) =>
      n.set(Array.isArray(n.value) ? (pick % 2 === 0 ? {} : { ...n.value }) : pick % 2 === 0 ? [] : [n.value]),
  },
  // a subtree from elsewhere in the value
  { fits: () => true, apply: (n, pick, all) => n.set(copy(all[pick % all.length]!.value)) },
  // present, but undefined
  { fits: (n) => n.remove !== undefined, apply: (n) => n.set(undefined) },
];

/** Applies the mutations in turn to a copy of `value`. */
function mutate(value: unknown, mutations: readonly Mutation[]): unknown {
  const root = { value: copy(value) };
  for (const m of mutations) {
    const all = nodesOf(root);
    const op = OPS[m.op % OPS.length]!;
    const fitting = all.filter(op.fits);
    if (fitting.length === 0) continue;
    op.apply(fitting[m.at % fitting.length]!, m.pick, all, root.value);
  }
  return root.value;
}

const mutation = fc.record({ at: fc.nat(), op: fc.nat(), pick: fc.nat() });

describe('compiled predicates accept exactly what zod accepts', () => {
  it('every schema a validator runs has its compiled predicate (npm run generate)', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual(Object.keys(COMPILED_SCHEMAS).sort());
    for (const [format, entry] of Object.entries(FORMAT_SCHEMAS)) {
      for (const kind of ['request', 'response', 'streamEvent'] as const) {
        const s = entry[kind];
        if (typeof s !== 'function') expect(compiledCheck(s), `${format} ${kind}`).toBeTypeOf('function');
      }
    }
  });

  for (const { format, kind, valid } of TARGETS) {
    it(
      `${format} ${kind}: valid values and mutated ones`,
      () => {
        let accepted = 0;
        let refused = 0;
        fc.assert(
          fc.property(valid, fc.array(mutation, { minLength: 1, maxLength: 3 }), (value, mutations) => {
            const original = agree(format, kind, value);
            expect(original).toEqual({ same: true, valid: true });
            // as it arrives over the wire
            expect(agree(format, kind, copy(value))).toEqual({ same: true, valid: true });
            const changed = mutate(value, mutations);
            const verdict = agree(format, kind, changed);
            if (!verdict.same) throw new Error(`disagree (zod: ${verdict.valid}) on ${JSON.stringify(changed)}`);
            if (verdict.valid) accepted++;
            else refused++;
          }),
          params(),
        );
        // the mutations must produce both kinds of value, or the property proves little
        expect(accepted, 'mutated values zod accepts').toBeGreaterThan(0);
        expect(refused, 'mutated values zod refuses').toBeGreaterThan(0);
      },
      timeout(),
    );
  }
});

describe('values no JSON parser makes', () => {
  const body = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };
  const cases: [string, unknown][] = [
    ['NaN', { ...body, max_tokens: Number.NaN }],
    ['Infinity', { ...body, max_tokens: Number.POSITIVE_INFINITY }],
    ['a NaN float', { ...body, temperature: Number.NaN }],
    ['an infinite float', { ...body, temperature: Number.NEGATIVE_INFINITY }],
    ['a float', { ...body, temperature: 0.25 }],
    ['an unsafe integer', { ...body, max_tokens: 2 ** 53 }],
    ['-0', { ...body, max_tokens: -0 }],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point
    ['a sparse array', { ...body, messages: [, { role: 'user', content: 'hi' }] }],
    ['an object without prototype', Object.assign(Object.create(null), body)],
    ['a class instance', Object.assign(new (class Body {})(), body)],
    ['a Map', new Map(Object.entries(body))],
    [
      'a symbol key in a record',
      {
        ...body,
        metadata: { user_id: 'u' },
        tools: [{ name: 't', input_schema: { type: 'object', [Symbol('s')]: 1 } }],
      },
    ],
    ['an own __proto__ key', JSON.parse('{"model":"m","max_tokens":1,"messages":[],"__proto__":{"x":1}}')],
    ['a Date', { ...body, model: new Date(0) }],
    ['a boxed string', { ...body, model: new String('m') }],
  ];
  it.each(cases)('%s: the predicate agrees with zod', (_, value) => {
    expect(agree('anthropic-messages', 'request', value).same).toBe(true);
  });

  it('a cyclic value: the predicate gives up (stack), zod decides, validate still answers', () => {
    const schema: Record<string, unknown> = { type: 'object' };
    schema.items = schema;
    const request = {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { responseSchema: schema },
    };
    const result = validateRequest('gemini', request);
    expect(result.ok).toBe(schemaOf('gemini', 'request', request).safeParse(request).success);
  });

  it('a getter that throws: validate answers with an error, as before', () => {
    const request = { model: 'm', max_tokens: 1 };
    Object.defineProperty(request, 'messages', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const result = validateRequest('anthropic-messages', request);
    expect(result).toEqual({ ok: false, errors: [{ path: '', message: 'value could not be validated (boom)' }] });
  });
});

describe('validate goes through the predicate, and zod still explains what it refuses', () => {
  it('a valid body comes back as the same object', () => {
    const body = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };
    const result = validateRequest('anthropic-messages', body);
    expect(result.ok && result.value).toBe(body);
  });
  it('a refused body gets zod\u2019s path and message', () => {
    expect(validateResponse('openai-chat', { id: 1 }).ok).toBe(false);
    expect(validateStreamEvent('openai-chat', '[DONE]').ok).toBe(true);
    expect(validateStreamEvent('openai-chat', '[done]').ok).toBe(false);
    expect(validateRequest('anthropic-messages', { model: 'm', messages: [] }).errors).toEqual([
      { path: 'max_tokens', message: 'required property is missing (expected number)' },
    ]);
  });
});
