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
 * A member that the mapping names for several values is emitted by hey-api as
 *   z.object({ type: z.union([z.literal('a'), z.literal('b')]) }).and(zX)
 * and is kept when `zX` pins the key with `z.enum([...])` of exactly those values (zod indexes each of them).
 * The rewrite is purely textual and deterministic.
 */
const LITERAL = String.raw`z\.literal\('[^']*'\)`;
const VALUE = String.raw`(?:${LITERAL}|z\.union\(\[\s*${LITERAL}(?:,\s*${LITERAL})*\s*\]\))`;
const ITEM = String.raw`z\.object\(\{\s*(\w+): (${VALUE})\s*\}\)\.and\((z\w+)\)`;
const BLOCK = new RegExp(String.raw`z\.union\(\[\s*(${ITEM}(?:,\s*${ITEM})*)\s*\]\)`, 'g');
const ITEM_G = new RegExp(ITEM, 'g');
const QUOTED_G = /'([^']*)'/g;

/** The text of `export const <name> = …;` (hey-api ends each top-level definition with a line starting `})` or `]`). */
function definitionOf(source: string, name: string): string | undefined {
  const start = source.indexOf(`export const ${name} = `);
  if (start < 0) return undefined;
  const end = source.indexOf('\nexport const ', start + 1);
  return source.slice(start, end < 0 ? undefined : end);
}

/** The quoted values of a `z.literal('a')` or `z.union([z.literal('a'), …])` / `z.enum(['a', …])` text. */
function quotedValues(text: string): string[] {
  return [...text.matchAll(QUOTED_G)].map((m) => m[1] ?? '');
}

/**
 * The member is a plain object schema pinning `key` to exactly `values`: a `z.literal` for one value, a `z.enum`
 * of the same set for several (so zod can index it by each value).
 */
function pinsDiscriminator(source: string, schema: string, key: string, values: readonly string[]): boolean {
  const def = definitionOf(source, schema);
  if (def === undefined || !def.startsWith(`export const ${schema} = z.object({`)) return false;
  if (values.length === 1) return def.includes(`\n    ${key}: z.literal('${values[0]}')`);
  const start = def.indexOf(`\n    ${key}: z.enum([`);
  if (start < 0) return false;
  const end = def.indexOf('])', start);
  if (end < 0) return false;
  const pinned = quotedValues(def.slice(start, end));
  return pinned.length === values.length && values.every((v) => pinned.includes(v));
}

export function rewriteDiscriminatedUnions(source: string): string {
  return source.replace(BLOCK, (whole: string, items: string) => {
    const members: { key: string; values: string[]; schema: string }[] = [];
    for (const m of items.matchAll(ITEM_G)) {
      const [, key, value, schema] = m;
      if (key === undefined || value === undefined || schema === undefined) return whole;
      members.push({ key, values: quotedValues(value), schema });
    }
    const key = members[0]?.key;
    if (key === undefined || members.some((m) => m.key !== key)) return whole;
    const values = members.flatMap((m) => m.values);
    if (new Set(values).size !== values.length) return whole;
    if (new Set(members.map((m) => m.schema)).size !== members.length) return whole;
    if (!members.every((m) => pinsDiscriminator(source, m.schema, key, m.values))) return whole;
    return [
      `z.discriminatedUnion('${key}', [`,
      ...members.map((m, i) => `    ${m.schema}${i < members.length - 1 ? ',' : ''}`),
      '])',
    ].join('\n');
  });
}
