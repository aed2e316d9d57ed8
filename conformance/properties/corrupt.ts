/** Every node position of a JSON value, in pre-order: `[]` is the root. */
export function nodePaths(
  value: unknown,
  base: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(base);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) nodePaths(value[i], [...base, i], out);
  } else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) nodePaths(v, [...base, k], out);
  return out;
}

/** A copy of `value` with the node at `path` replaced by `replacement`. */
export function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    copy[String(head)] = replaceAt(copy[String(head)], rest, replacement);
    return copy;
  }
  return value;
}

/** `value` with its `pick`-th node (mod the node count) replaced by `replacement`: a near-valid, broken input. */
export function corrupt(value: unknown, pick: number, replacement: unknown): unknown {
  const paths = nodePaths(value);
  return replaceAt(value, paths[pick % paths.length]!, replacement);
}
