import { describe, expect, it } from 'vitest';
import { argumentsFromSchema } from './arguments-from-schema.js';

describe('argumentsFromSchema', () => {
  it('fills required properties by type', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 3, maximum: 10 },
        ratio: { type: 'number', exclusiveMinimum: 0 },
        verbose: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        where: { type: 'object', properties: { lat: { type: 'number' } }, required: ['lat'] },
        optional: { type: 'string' },
      },
      required: ['city', 'unit', 'days', 'ratio', 'verbose', 'tags', 'where'],
    };
    expect(argumentsFromSchema(schema)).toEqual({
      city: 'example_city',
      unit: 'celsius',
      days: 3,
      ratio: 1,
      verbose: true,
      tags: ['example_tags'],
      where: { lat: 1 },
    });
  });

  it('fills every property when none is required; honours const, default, anyOf and nullable types', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { const: 'fixed' },
        b: { type: 'string', default: 'dflt' },
        c: { anyOf: [{ type: 'integer', maximum: 0 }, { type: 'string' }] },
        d: { type: ['null', 'string'] },
        e: { type: 'null' },
      },
    };
    expect(argumentsFromSchema(schema)).toEqual({ a: 'fixed', b: 'dflt', c: 0, d: 'example_d', e: null });
  });

  it('gives an object for a missing or non-object schema, and stops on deep recursion', () => {
    expect(argumentsFromSchema(undefined)).toEqual({});
    expect(argumentsFromSchema({ type: 'string' })).toEqual({});
    expect(argumentsFromSchema({ type: 'object' })).toEqual({});
    const deep: Record<string, unknown> = { type: 'object', properties: {} };
    let cur = deep;
    for (let i = 0; i < 20; i++) {
      const next: Record<string, unknown> = { type: 'object', properties: {} };
      (cur.properties as Record<string, unknown>).x = next;
      cur = next;
    }
    expect(JSON.stringify(argumentsFromSchema(deep))).toBe('{"x":{"x":{"x":{"x":{"x":{"x":{}}}}}}}');
  });
});
