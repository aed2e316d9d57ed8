import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { convertJsonSchemaToGemini } from './convert-json-schema-to-gemini.js';

function run(schema: unknown) {
  const losses = new LossCollector();
  const out = convertJsonSchemaToGemini(deepFreeze(schema), 'tools[0].input_schema', losses);
  return { out, losses: losses.list };
}

describe('convertJsonSchemaToGemini', () => {
  it('maps types to Gemini enum names and keeps the supported subset', () => {
    const { out, losses } = run({
      type: 'object',
      description: 'd',
      properties: {
        city: { type: 'string', minLength: 1, maxLength: 80, pattern: '^[A-Z]' },
        n: { type: 'integer', minimum: 1, maximum: 5, format: 'int32' },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
      },
      required: ['city'],
    });
    expect(losses).toEqual([]);
    expect(out).toEqual({
      type: 'OBJECT',
      description: 'd',
      properties: {
        city: { type: 'STRING', minLength: '1', maxLength: '80', pattern: '^[A-Z]' },
        n: { type: 'INTEGER', minimum: 1, maximum: 5, format: 'int32' },
        tags: { type: 'ARRAY', items: { type: 'STRING', enum: ['a', 'b'] }, minItems: '1' },
      },
      required: ['city'],
    });
  });

  it('inlines $ref from $defs and reports nothing for the consumed definitions', () => {
    const { out, losses } = run({
      type: 'object',
      properties: { home: { $ref: '#/$defs/Addr' }, work: { $ref: '#/definitions/Addr2', description: 'office' } },
      $defs: { Addr: { type: 'object', properties: { zip: { type: 'string' } } } },
      definitions: { Addr2: { type: 'string' } },
    });
    expect(losses).toEqual([]);
    expect(out.properties?.home).toEqual({ type: 'OBJECT', properties: { zip: { type: 'STRING' } } });
    expect(out.properties?.work).toEqual({ type: 'STRING', description: 'office' });
  });

  it('cuts a recursive $ref with a loss instead of looping', () => {
    const { out, losses } = run({
      $defs: { Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } } },
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
    });
    expect(out.properties?.root).toEqual({ type: 'OBJECT', properties: { child: { type: 'OBJECT' } } });
    expect(losses).toEqual([
      {
        path: 'tools[0].input_schema.properties.root.properties.child.$ref',
        reason: expect.stringContaining('recursive'),
      },
    ]);
  });

  it('converts const to a one-value enum and null types to nullable', () => {
    const { out, losses } = run({ type: 'object', properties: { k: { const: 'x' }, m: { type: ['string', 'null'] } } });
    expect(losses).toEqual([]);
    expect(out.properties).toEqual({ k: { type: 'STRING', enum: ['x'] }, m: { type: 'STRING', nullable: true } });
  });

  it('types an enum without a type as STRING and drops a string enum on another type (Gemini: "enum: only allowed for STRING type")', () => {
    const { out, losses } = run({
      type: 'object',
      properties: {
        u: { enum: ['c', 'f'] },
        n: { type: 'integer', enum: ['1', '2'] },
        z: { enum: ['a', null] },
        o: { enum: [null] },
      },
    });
    expect(out.properties).toEqual({
      u: { type: 'STRING', enum: ['c', 'f'] },
      n: { type: 'INTEGER' },
      z: { type: 'STRING', enum: ['a'], nullable: true },
      o: { nullable: true },
    });
    expect(losses).toEqual([
      { path: 'tools[0].input_schema.properties.n.enum', reason: expect.stringContaining('strings only') },
      { path: 'tools[0].input_schema.properties.o.enum', reason: expect.stringContaining('only null') },
    ]);
  });

  it('keeps the tighter bound when minimum/maximum sit beside exclusive bounds, in any key order', () => {
    expect(run({ type: 'integer', exclusiveMinimum: 5, minimum: 0, maximum: 100, exclusiveMaximum: 50 }).out).toEqual({
      type: 'INTEGER',
      minimum: 6,
      maximum: 49,
    });
    expect(run({ type: 'integer', minimum: 0, exclusiveMinimum: 5 }).out).toEqual({ type: 'INTEGER', minimum: 6 });
    expect(run({ type: 'integer', exclusiveMinimum: 0, minimum: 3 }).out).toEqual({ type: 'INTEGER', minimum: 3 });
  });

  it('drops unsupported keywords and reports each with its path', () => {
    const { out, losses } = run({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: { x: { type: 'number', exclusiveMinimum: 0, multipleOf: 2 }, c: { const: 3 } },
    });
    expect(out).toEqual({ type: 'OBJECT', properties: { x: { type: 'NUMBER' }, c: { type: 'INTEGER' } } });
    expect(losses.map((l) => l.path)).toEqual([
      'tools[0].input_schema.$schema',
      'tools[0].input_schema.additionalProperties',
      'tools[0].input_schema.properties.x.exclusiveMinimum',
      'tools[0].input_schema.properties.x.multipleOf',
      'tools[0].input_schema.properties.c.const',
    ]);
  });

  it('keeps the type of a non-string const (an empty Gemini schema says nothing), with a loss', () => {
    const { out, losses } = run({
      type: 'object',
      properties: { b: { const: true }, f: { const: 1.5 }, t: { type: 'boolean', const: false } },
    });
    expect(out.properties).toEqual({ b: { type: 'BOOLEAN' }, f: { type: 'NUMBER' }, t: { type: 'BOOLEAN' } });
    expect(losses.map((l) => l.path)).toEqual([
      'tools[0].input_schema.properties.b.const',
      'tools[0].input_schema.properties.f.const',
      'tools[0].input_schema.properties.t.const',
    ]);
  });

  it('turns exclusive bounds on integers into exact inclusive bounds', () => {
    const { out, losses } = run({ type: 'integer', exclusiveMinimum: 0, exclusiveMaximum: 10 });
    expect(losses).toEqual([]);
    expect(out).toEqual({ type: 'INTEGER', minimum: 1, maximum: 9 });
  });

  it('relaxes oneOf to anyOf with a loss, merges allOf', () => {
    const { out, losses } = run({
      oneOf: [{ type: 'string' }, { type: 'integer' }],
      allOf: [
        { properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { type: 'boolean' } }, required: ['b'] },
      ],
    });
    expect(out.anyOf).toEqual([{ type: 'STRING' }, { type: 'INTEGER' }]);
    expect(out.properties).toEqual({ a: { type: 'STRING' }, b: { type: 'BOOLEAN' } });
    expect(out.required).toEqual(['a', 'b']);
    expect(losses).toEqual([{ path: 'tools[0].input_schema.oneOf', reason: expect.stringContaining('anyOf') }]);
  });

  it('drops formats Gemini rejects and non-string enums', () => {
    const { out, losses } = run({
      type: 'object',
      properties: { e: { type: 'string', format: 'email' }, n: { type: 'integer', enum: [1, 2] } },
    });
    expect(out.properties).toEqual({ e: { type: 'STRING' }, n: { type: 'INTEGER' } });
    expect(losses.map((l) => l.path)).toEqual([
      'tools[0].input_schema.properties.e.format',
      'tools[0].input_schema.properties.n.enum',
    ]);
  });

  it('omits an empty properties object (Gemini rejects it)', () => {
    expect(run({ type: 'object', properties: {} }).out).toEqual({ type: 'OBJECT' });
  });

  it('splits a multi-type union into anyOf', () => {
    expect(run({ type: ['string', 'integer', 'null'] }).out).toEqual({
      anyOf: [{ type: 'STRING' }, { type: 'INTEGER' }],
      nullable: true,
    });
  });

  it('throws a typed error for a non-object schema', () => {
    expect(() => run('nope')).toThrow(TranslationError);
  });

  it('strict mode turns a drop into an error', () => {
    const losses = new LossCollector(true);
    expect(() => convertJsonSchemaToGemini({ type: 'object', additionalProperties: false }, 's', losses)).toThrow(
      /cannot carry over/,
    );
  });
});
