type Json = Record<string, unknown>;

type Leaf = { jsonPath: string; value: unknown };

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The scalar values of a JSON value with their paths, in document order; undefined if it holds an empty container. */
function leaves(value: unknown, path: string): Leaf[] | undefined {
  if (typeof value !== 'object' || value === null) return [{ jsonPath: path, value }];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [`${path}[${i}]`, v] as const)
    : Object.entries(value).map(
        ([k, v]) =>
          [PLAIN_NAME.test(k) ? `${path}.${k}` : `${path}['${k.replace(/[\\']/g, (c) => `\\${c}`)}']`, v] as const,
      );
  if (entries.length === 0) return path === '$' ? [] : undefined;
  const out: Leaf[] = [];
  for (const [p, v] of entries) {
    const inner = leaves(v, p);
    if (inner === undefined) return undefined;
    out.push(...inner);
  }
  return out;
}

/**
 * The parts of a Gemini function call with streamed arguments (docs/wire-formats.md#gemini-stream): the named part
 * with `willContinue`, one part per value (a string in the pieces `split` gives, `willContinue` on all but the
 * last), the empty part that ends the call. Undefined when the arguments hold an empty object or list, which
 * partial arguments cannot express (the call then comes whole).
 */
export function geminiStreamedCallParts(
  args: Json,
  head: { id?: string; name: string },
  split: (s: string) => string[],
): Json[] | undefined {
  const values = leaves(args, '$');
  if (values === undefined) return undefined;
  const parts: Json[] = [{ functionCall: { ...head, willContinue: true } }];
  for (const { jsonPath, value } of values) {
    const pieces: Json[] = [];
    if (typeof value === 'string') {
      const texts = split(value);
      if (texts.length === 0) texts.push('');
      texts.forEach((t, i) => {
        pieces.push(
          i < texts.length - 1 ? { jsonPath, stringValue: t, willContinue: true } : { jsonPath, stringValue: t },
        );
      });
    } else if (typeof value === 'number') pieces.push({ jsonPath, numberValue: value });
    else if (typeof value === 'boolean') pieces.push({ jsonPath, boolValue: value });
    else pieces.push({ jsonPath, nullValue: 'NULL_VALUE' });
    for (const p of pieces) parts.push({ functionCall: { partialArgs: [p], willContinue: true } });
  }
  parts.push({ functionCall: {} });
  return parts;
}
