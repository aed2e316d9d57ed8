import { childPath } from '../../src/core/json-path.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function show(v: unknown): string {
  if (v === undefined) return '<absent>';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** One differing path of two JSON values (`undefined`: absent). */
export interface DiffEntry {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** What kind of element an array item is, for aligning two lists: its `type`, else its keys (Gemini parts, Converse blocks). */
function kindOf(v: unknown): string {
  if (isObject(v)) return typeof v.type === 'string' ? `type:${v.type}` : `keys:${Object.keys(v).sort().join(',')}`;
  return `value:${JSON.stringify(v)}`;
}

/**
 * Pairs of indexes (expected, actual) of a longest common subsequence of the lists' element kinds; elements left
 * out are missing or extra.
 */
function alignLists(e: readonly unknown[], a: readonly unknown[]): [number | undefined, number | undefined][] {
  const ke = e.map(kindOf);
  const ka = a.map(kindOf);
  const n = e.length;
  const m = a.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = ke[i] === ka[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: [number | undefined, number | undefined][] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ke[i] === ka[j]) out.push([i++, j++]);
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push([undefined, j++]);
    else out.push([i++, undefined]);
  }
  return out;
}

export interface DiffOptions {
  /** at most this many differences (default 20) */
  limit?: number;
  /**
   * align lists by their elements' kinds before comparing (an inserted or dropped element is one difference, not a
   * shift of every later one); the path of a paired element is its expected index
   */
  align?: boolean;
}

/** The differing paths of two JSON values, at most `limit` (key order ignored). */
export function jsonDiffEntries(expected: unknown, actual: unknown, options: number | DiffOptions = {}): DiffEntry[] {
  const { limit = 20, align = false } = typeof options === 'number' ? { limit: options } : options;
  const out: DiffEntry[] = [];
  const walk = (e: unknown, a: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (Array.isArray(e) && Array.isArray(a)) {
      if (align && e.length !== a.length) {
        for (const [i, j] of alignLists(e, a)) {
          if (i !== undefined && j !== undefined) walk(e[i], a[j], childPath(path, i));
          else if (out.length < limit)
            out.push({
              path: childPath(path, i ?? j!),
              expected: i === undefined ? undefined : e[i],
              actual: j === undefined ? undefined : a[j],
            });
        }
        return;
      }
      const n = Math.max(e.length, a.length);
      for (let i = 0; i < n; i++) walk(e[i], a[i], childPath(path, i));
      return;
    }
    if (isObject(e) && isObject(a)) {
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of keys) walk(e[k], a[k], childPath(path, k));
      return;
    }
    if (!Object.is(e, a)) out.push({ path: path === '' ? '<root>' : path, expected: e, actual: a });
  };
  walk(expected, actual, '');
  return out;
}

/**
 * The differences between two JSON values, one line per differing path
 * (`path: expected X, got Y`), at most `limit` lines. Empty when equal (key order ignored).
 */
export function jsonDiff(expected: unknown, actual: unknown, options: number | DiffOptions = 20): string[] {
  return jsonDiffEntries(expected, actual, options).map(
    (d) => `${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`,
  );
}

export function jsonEqual(expected: unknown, actual: unknown): boolean {
  return jsonDiff(expected, actual, 1).length === 0;
}

/** Where two byte strings first differ, with the SSE line around it, or `''` when equal. */
export function bytesDiff(expected: Uint8Array, actual: Uint8Array): string {
  const n = Math.min(expected.length, actual.length);
  let i = 0;
  while (i < n && expected[i] === actual[i]) i++;
  if (i === n && expected.length === actual.length) return '';
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  const before = text(expected.subarray(0, i));
  const line = before.split('\n').length;
  const start = before.lastIndexOf('\n') + 1;
  const lineOf = (b: Uint8Array) => {
    const rest = text(b).slice(start);
    const end = rest.indexOf('\n');
    return JSON.stringify(end === -1 ? rest : rest.slice(0, end + 1));
  };
  return [
    `first difference at byte ${i} (line ${line}); expected ${expected.length} bytes, got ${actual.length}`,
    `  expected: ${lineOf(expected)}`,
    `  actual:   ${lineOf(actual)}`,
  ].join('\n');
}
