// The zod → predicate compiler on schemas written for the purpose (the generated ones are checked against zod in
// src/validate/fast-path.test.ts): every construct it compiles agrees with zod on JSON values and on the values JSON
// has no words for, and every construct it does not compile stops it with the schema's path.
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { compileValidators } from './generate-validators.js';

type Predicate = (value: unknown) => boolean;

/** Compiles `roots` and loads the result (TypeScript → CommonJS → a function). */
function load(roots: Record<string, z.ZodType>, names = new Map<z.core.$ZodType, string>()): Record<string, Predicate> {
  const source = compileValidators({ roots, names, header: '// test' });
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  const exports: { VALIDATORS?: Record<string, Predicate> } = {};
  new Function('exports', js)(exports);
  return exports.VALIDATORS!;
}

const zNode: z.ZodType = z.object({
  name: z.string().min(1).max(8),
  children: z.array(z.lazy((): z.ZodType => zNode)).optional(),
});

const SCHEMAS = {
  scalars: z.object({
    s: z.string().regex(/^a+$/),
    n: z.number().gt(0).lt(10),
    i: z.int().gte(-3).lte(3),
    b: z.boolean(),
    u: z.unknown(),
    nul: z.null().optional(),
    lit: z.literal(['x', 1, true, null]),
    e: z.enum(['a', 'b', 'c', 'd', 'e', 'f']),
    nullish: z.string().nullish(),
    nullable: z.number().nullable(),
  }),
  containers: z.object({
    list: z.array(z.int()).min(1).max(3),
    fixed: z.array(z.unknown()).length(2).optional(),
    map: z.record(z.string(), z.boolean()),
    any: z.record(z.string(), z.unknown()).optional(),
  }),
  strict: z.strictObject({ a: z.string(), b: z.number().optional() }),
  loose: z.looseObject({ a: z.string() }),
  union: z.union([z.string(), z.array(z.string()), z.object({ text: z.string() })]),
  tagged: z.discriminatedUnion('type', [
    z.object({ type: z.literal('a'), a: z.string() }),
    z.object({ type: z.enum(['b', 'c']), b: z.number() }),
    z.object({ type: z.literal('d').optional(), d: z.boolean() }),
  ]),
  tree: zNode,
} satisfies Record<string, z.ZodType>;

/** JSON values near the schemas above: their keys, their literals, and the odd ones. */
const near: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom<unknown>('a', 'aa', 'b', 'x', '', 'abcdefghij', 'd', 'c'),
    fc.constantFrom<unknown>(0, 1, -3, 3, 4, 9.5, 10, -0, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
    fc.constantFrom<unknown>(true, false, null, undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('s', 'n', 'i', 'b', 'u', 'nul', 'lit', 'e', 'nullish', 'nullable', 'list', 'fixed', 'map', 'any'),
      tie('value'),
      { maxKeys: 10 },
    ),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'type', 'text', 'name', 'children', 'extra'), tie('value'), {
      maxKeys: 5,
    }),
  ),
})).value;

describe('compileValidators', () => {
  const compiled = load(SCHEMAS);

  for (const [key, schema] of Object.entries(SCHEMAS)) {
    it(`${key}: the predicate agrees with zod`, () => {
      fc.assert(
        fc.property(near, (value) => {
          expect(compiled[key]!(value)).toBe(schema.safeParse(value).success);
        }),
        { numRuns: 3000 },
      );
    });
  }

  const agree = (key: keyof typeof SCHEMAS, value: unknown) =>
    expect(compiled[key]!(value), JSON.stringify(value)).toBe(SCHEMAS[key].safeParse(value).success);

  it('valid values of each schema (so the checks above are not all refusals)', () => {
    const valid: [keyof typeof SCHEMAS, unknown][] = [
      ['scalars', { s: 'aa', n: 0.5, i: -3, b: false, u: undefined, lit: null, e: 'f', nullable: null }],
      ['containers', { list: [1], fixed: [undefined, 2], map: { a: true, __proto__: 1 } }],
      ['strict', { a: '' }],
      ['loose', { a: '', z: 1 }],
      ['union', ['a']],
      ['tagged', { type: 'c', b: 1 }],
      ['tagged', { d: true }],
      ['tree', { name: 'r', children: [{ name: 'c', children: [] }] }],
    ];
    for (const [key, value] of valid) {
      expect(SCHEMAS[key].safeParse(value).success, key).toBe(true);
      agree(key, value);
    }
  });

  it('the edges zod draws', () => {
    const base = { s: 'a', n: 1, i: 0, b: true, u: 0, lit: 'x', e: 'a', nullable: 1 };
    for (const edit of [
      { u: undefined }, // present and undefined: a required unknown is satisfied
      { n: 10 },
      { n: 0 },
      { i: 1.5 },
      { i: 2 ** 53 },
      { n: Number.NaN },
      { lit: 2 },
      { nullish: null },
      { nul: undefined },
    ]) {
      agree('scalars', { ...base, ...edit });
    }
    const { u: _, ...withoutU } = base;
    agree('scalars', withoutU);
    agree('strict', { a: 'x', c: 1 });
    agree('strict', JSON.parse('{"a":"x","__proto__":1}'));
    agree('containers', { list: [1], map: JSON.parse('{"__proto__":"not a boolean"}') });
    agree('containers', { list: [1], map: Object.create(null) });
    agree('containers', { list: [1], map: new (class M {})() });
    agree('containers', { list: [1], map: [] });
    agree('tagged', { type: undefined, d: true });
    agree('tagged', { type: 'e', b: 1 });
  });

  it('never accepts what zod refuses on values JSON cannot carry (symbols, prototypes)', () => {
    const symbolKeyed = { list: [1], map: { [Symbol('k')]: true } };
    expect(SCHEMAS.containers.safeParse(symbolKeyed).success).toBe(false);
    expect(compiled.containers!(symbolKeyed)).toBe(false);
    const inherited = Object.create({ a: 'from the prototype' });
    agree('loose', inherited);
  });

  it('names shared schemas after the names given, and compiles each once', () => {
    const zShared = z.object({ x: z.string() });
    const source = compileValidators({
      roots: { one: z.object({ a: zShared, b: z.array(zShared) }) },
      names: new Map([[zShared, 'Demo_Shared']]),
      header: '',
    });
    expect(source.match(/function isDemo_Shared\(/g)).toHaveLength(1);
  });

  it.each([
    ['a transform', z.string().transform((s) => s.length)],
    ['a default', z.object({ a: z.string().default('x') })],
    ['a refinement', z.string().refine((s) => s.length > 1)],
    ['a string format', z.object({ url: z.url() })],
    ['coercion', z.coerce.number()],
    ['a catchall with a schema', z.object({}).catchall(z.string())],
    ['record keys with checks', z.record(z.string().min(2), z.string())],
  ])('refuses to compile %s', (_, schema) => {
    expect(() => compileValidators({ roots: { root: schema }, names: new Map(), header: '' })).toThrow(
      /generate-validators: /,
    );
  });
});
