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
