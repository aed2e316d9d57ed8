/** Parse a crosswire JSON path (`messages[2].content[0]["odd key"].x`) into segments. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

/** A copy of `value` without the node at `path` (array elements are removed, object keys deleted). */
export function withoutPath(value: unknown, path: readonly (string | number)[]): unknown {
  if (path.length === 0) return undefined;
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    if (head >= value.length) return value;
    if (rest.length === 0) return value.filter((_, i) => i !== head);
    return value.map((v, i) => (i === head ? withoutPath(v, rest) : v));
  }
  if (typeof value === 'object' && value !== null && typeof head === 'string' && head in value) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rest.length === 0) delete copy[head];
    else copy[head] = withoutPath(copy[head], rest);
    return copy;
  }
  return value;
}

/** `value` without every path in `paths` (deepest / last first, so indexes stay valid). */
export function withoutPaths(value: unknown, paths: readonly string[]): unknown {
  const parsed = paths.map(parsePath).sort((a, b) => compareDesc(a, b));
  return parsed.reduce((v, p) => withoutPath(v, p), value);
}

function compareDesc(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return b.length - a.length;
}
