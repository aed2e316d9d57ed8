import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { convertGeminiSchemaToJsonSchema } from './convert-gemini-schema-to-json-schema.js';
import { convertJsonSchemaToGemini } from './convert-json-schema-to-gemini.js';

describe('convertGeminiSchemaToJsonSchema', () => {
  it('lower-cases types, parses int64 counts, maps nullable and example', () => {
    const losses = new LossCollector();
    const out = convertGeminiSchemaToJsonSchema(
      {
        type: 'OBJECT',
        properties: {
          q: { type: 'STRING', maxLength: '10', nullable: true, example: 'x' },
          l: { type: 'ARRAY', items: { type: 'INTEGER' }, minItems: '1' },
        },
        required: ['q'],
        propertyOrdering: ['q', 'l'],
      },
      'tools[0].functionDeclarations[0].parameters',
      losses,
    );
    expect(out).toEqual({
      type: 'object',
      properties: {
        q: { type: ['string', 'null'], maxLength: 10, examples: ['x'] },
        l: { type: 'array', items: { type: 'integer' }, minItems: 1 },
      },
      required: ['q'],
    });
    expect(losses.list).toEqual([
      { path: 'tools[0].functionDeclarations[0].parameters.propertyOrdering', reason: expect.any(String) },
    ]);
  });

  it('round-trips the Gemini subset through JSON Schema', () => {
    const gemini = {
      type: 'OBJECT',
      properties: { a: { type: 'STRING', enum: ['x', 'y'] }, b: { type: 'NUMBER', minimum: 0 } },
      required: ['a'],
    };
    const losses = new LossCollector(true);
    const json = convertGeminiSchemaToJsonSchema(gemini, '', losses);
    expect(convertJsonSchemaToGemini(json, '', losses)).toEqual(gemini);
  });

  it('lets null through a nullable enum (an enum without null would still reject it), and round-trips it', () => {
    const losses = new LossCollector(true);
    const gemini = { type: 'STRING', enum: ['asc', 'desc'], nullable: true };
    const json = convertGeminiSchemaToJsonSchema(gemini, '', losses);
    expect(json).toEqual({ type: ['string', 'null'], enum: ['asc', 'desc', null] });
    expect(convertJsonSchemaToGemini(json, '', losses)).toEqual(gemini);
    expect(convertGeminiSchemaToJsonSchema({ type: 'STRING', enum: ['a'] }, '', losses)).toEqual({
      type: 'string',
      enum: ['a'],
    });
  });

  it('rejects a non-object schema with a typed error', () => {
    expect(() => convertGeminiSchemaToJsonSchema([], 'p', new LossCollector())).toThrow(TranslationError);
  });
});
