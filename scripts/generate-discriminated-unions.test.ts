import { describe, expect, it } from 'vitest';
import { rewriteDiscriminatedUnions } from './generate-discriminated-unions.js';

const members = `export const zA = z.object({
    type: z.literal('a'),
    x: z.string()
});

export const zB = z.object({
    type: z.literal('b')
});
`;

const union = `export const zU = z.union([
    z.object({
        type: z.literal('a')
    }).and(zA),
    z.object({
        type: z.literal('b')
    }).and(zB)
]);
`;

describe('rewriteDiscriminatedUnions', () => {
  it('turns a union of discriminator intersections into z.discriminatedUnion', () => {
    const out = rewriteDiscriminatedUnions(members + union);
    expect(out).toContain("export const zU = z.discriminatedUnion('type', [\n    zA,\n    zB\n]);");
    expect(out).not.toContain('z.union');
    expect(out.startsWith(members)).toBe(true);
  });

  it('leaves the union alone when a member does not pin the discriminator to that value', () => {
    const loose = members.replace("type: z.literal('b')", 'type: z.string()');
    expect(rewriteDiscriminatedUnions(loose + union)).toBe(loose + union);
  });

  it('leaves the union alone when two values map to the same schema', () => {
    const shared = union.replace('.and(zB)', '.and(zA)');
    expect(rewriteDiscriminatedUnions(members + shared)).toBe(members + shared);
  });

  it('leaves plain unions alone', () => {
    const plain = 'export const zC = z.union([\n    z.string(),\n    z.array(zA)\n]);\n';
    expect(rewriteDiscriminatedUnions(members + plain)).toBe(members + plain);
  });

  it('is idempotent', () => {
    const once = rewriteDiscriminatedUnions(members + union);
    expect(rewriteDiscriminatedUnions(once)).toBe(once);
  });
});

describe('rewriteDiscriminatedUnions: a member named for several values', () => {
  const enumMembers = `export const zA = z.object({
    type: z.enum(['a', 'a2']),
    x: z.string()
});

export const zB = z.object({
    type: z.literal('b')
});
`;
  const enumUnion = `export const zU = z.union([
    z.object({
        type: z.union([
            z.literal('a'),
            z.literal('a2')
        ])
    }).and(zA),
    z.object({
        type: z.literal('b')
    }).and(zB)
]);
`;

  it('keeps the member once when it pins the key with z.enum of exactly those values', () => {
    const out = rewriteDiscriminatedUnions(enumMembers + enumUnion);
    expect(out).toContain("export const zU = z.discriminatedUnion('type', [\n    zA,\n    zB\n]);");
  });

  it('leaves the union alone when the enum has a value the mapping does not name', () => {
    const wider = enumMembers.replace("z.enum(['a', 'a2'])", "z.enum(['a', 'a2', 'a3'])");
    expect(rewriteDiscriminatedUnions(wider + enumUnion)).toBe(wider + enumUnion);
  });

  it('leaves the union alone when the member pins only a single literal', () => {
    const single = enumMembers.replace("z.enum(['a', 'a2'])", "z.literal('a')");
    expect(rewriteDiscriminatedUnions(single + enumUnion)).toBe(single + enumUnion);
  });

  it('leaves the union alone when two members claim the same value', () => {
    const clash = enumUnion.replace("type: z.literal('b')\n    }).and(zB)", "type: z.literal('a2')\n    }).and(zB)");
    const bPins = enumMembers.replace("type: z.literal('b')", "type: z.literal('a2')");
    expect(rewriteDiscriminatedUnions(bPins + clash)).toBe(bPins + clash);
  });
});
