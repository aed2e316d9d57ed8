/**
 * Post-processing step of `npm run generate` for hey-api 0.95's zod output.
 *
 * For a `oneOf` with a `discriminator`, hey-api 0.95 emits
 *   z.union([z.object({ type: z.literal('text') }).and(zTextBlockParam), …])
 * which tries every member in turn (each a full object parse plus an intersection). Every member schema already
 * pins its discriminator with a literal, so the same set of values is accepted by
 *   z.discriminatedUnion('type', [zTextBlockParam, …])
 * which picks the member by the discriminator in one lookup and reports that member's issues directly.
 * (zod's issue for an unknown discriminator value carries the allowed values as `options`).
 * The rewrite is purely textual and deterministic.
 */
const ITEM = String.raw`z\.object\(\{\s*(\w+): z\.literal\('([^']*)'\)\s*\}\)\.and\((z\w+)\)`;
const BLOCK = new RegExp(String.raw`z\.union\(\[\s*(${ITEM}(?:,\s*${ITEM})*)\s*\]\)`, 'g');
const ITEM_G = new RegExp(ITEM, 'g');

/** The text of `export const <name> = …;` (hey-api ends each top-level definition with a line starting `})` or `]`). */
function definitionOf(source: string, name: string): string | undefined {
  const start = source.indexOf(`export const ${name} = `);
  if (start < 0) return undefined;
  const end = source.indexOf('\nexport const ', start + 1);
  return source.slice(start, end < 0 ? undefined : end);
}

/** The member is a plain object schema pinning `key` to exactly `value` (so zod can index it by that value). */
function pinsDiscriminator(source: string, schema: string, key: string, value: string): boolean {
  const def = definitionOf(source, schema);
  if (def === undefined) return false;
  return def.startsWith(`export const ${schema} = z.object({`) && def.includes(`\n    ${key}: z.literal('${value}')`);
}

export function rewriteDiscriminatedUnions(source: string): string {
  return source.replace(BLOCK, (whole: string, items: string) => {
    const members: { key: string; value: string; schema: string }[] = [];
    for (const m of items.matchAll(ITEM_G)) {
      const [, key, value, schema] = m;
      if (key === undefined || value === undefined || schema === undefined) return whole;
      members.push({ key, value, schema });
    }
    const key = members[0]?.key;
    if (key === undefined || members.some((m) => m.key !== key)) return whole;
    if (new Set(members.map((m) => m.value)).size !== members.length) return whole;
    if (new Set(members.map((m) => m.schema)).size !== members.length) return whole;
    if (!members.every((m) => pinsDiscriminator(source, m.schema, key, m.value))) return whole;
    return [
      `z.discriminatedUnion('${key}', [`,
      ...members.map((m, i) => `    ${m.schema}${i < members.length - 1 ? ',' : ''}`),
      '])',
    ].join('\n');
  });
}
