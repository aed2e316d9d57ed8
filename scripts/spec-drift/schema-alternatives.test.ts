import { describe, expect, it } from 'vitest';
import { constValue, SchemaResolver } from './schema-alternatives.js';

const root = {
  paths: {},
  components: {
    schemas: {
      Usage: { type: 'object', required: ['input'], properties: { input: { type: 'integer' } } },
      Base: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      Text: { type: 'object', title: 'Text part', properties: { type: { type: 'string', enum: ['text'] } } },
      Image: { type: 'object', properties: { type: { const: 'image' } } },
      Part: { oneOf: [{ $ref: '#/components/schemas/Text' }, { $ref: '#/components/schemas/Image' }] },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
      SelfAll: { allOf: [{ $ref: '#/components/schemas/SelfAll' }] },
    },
  },
};

describe('SchemaResolver.alternatives', () => {
  const r = new SchemaResolver(root);

  it('splits a 3.1 type array into one alternative per type', () => {
    expect(r.alternatives({ type: ['string', 'null'] }).map((a) => a.kind)).toEqual(['string', 'null']);
  });

  it('adds null for 3.0 nullable, also next to a $ref, and keeps the schema name', () => {
    const alts = r.alternatives({ $ref: '#/components/schemas/Usage', nullable: true });
    expect(alts.map((a) => a.kind)).toEqual(['object', 'null']);
    expect(alts[0].name).toBe('Usage');
    expect([...alts[0].required]).toEqual(['input']);
  });

  it('gives one alternative per oneOf/anyOf member, with member names and titles', () => {
    const alts = r.alternatives({ $ref: '#/components/schemas/Part' });
    expect(alts.map((a) => a.name)).toEqual(['Text', 'Image']);
    expect(alts[0].title).toBe('Text part');
    expect(alts[0].names).toEqual(['Part', 'Text']);
  });

  it('reads const and enum as allowed values; a null in an enum becomes a null alternative', () => {
    expect(r.alternatives({ const: 'image' })).toMatchObject([{ kind: 'string', enumValues: ['image'] }]);
    const alts = r.alternatives({ type: 'string', enum: ['a', 'b', null], nullable: true });
    expect(alts.map((a) => [a.kind, a.enumValues])).toEqual([
      ['string', ['a', 'b']],
      ['null', undefined],
    ]);
  });

  it('merges allOf parts (properties and required united)', () => {
    const alts = r.alternatives({
      allOf: [
        { $ref: '#/components/schemas/Base' },
        { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
      ],
    });
    expect(alts).toHaveLength(1);
    expect([...alts[0].properties.keys()].sort()).toEqual(['id', 'n']);
    expect([...alts[0].required].sort()).toEqual(['id', 'n']);
    expect(alts[0].name).toBeUndefined();
  });

  it('distributes allOf over a union and drops impossible combinations', () => {
    const alts = r.alternatives({
      allOf: [{ type: 'string' }, { oneOf: [{ type: 'string', enum: ['x'] }, { type: 'integer' }] }],
    });
    expect(alts.map((a) => [a.kind, a.enumValues])).toEqual([['string', ['x']]]);
  });

  it('infers object and array kinds from keywords, and treats an empty schema as any', () => {
    expect(r.alternatives({ properties: { a: {} } })[0].kind).toBe('object');
    expect(r.alternatives({ items: { type: 'string' } })[0].kind).toBe('array');
    expect(r.alternatives({ description: 'anything' })[0].kind).toBe('any');
  });

  it('terminates on self-referencing schemas', () => {
    const loop = r.alternatives({ $ref: '#/components/schemas/Loop' });
    expect(loop[0].kind).toBe('object');
    expect(r.alternatives(loop[0].properties.get('next'))[0].name).toBe('Loop');
    expect(r.alternatives({ $ref: '#/components/schemas/SelfAll' })[0].kind).toBe('any');
  });
});

describe('constValue', () => {
  const r = new SchemaResolver(root);
  it('is the single allowed value, ignoring null; undefined when several or open', () => {
    expect(constValue(r, { type: ['string', 'null'], enum: ['text', null] })).toBe('text');
    expect(constValue(r, { type: 'string', enum: ['a', 'b'] })).toBeUndefined();
    expect(constValue(r, { type: 'string' })).toBeUndefined();
  });
});
