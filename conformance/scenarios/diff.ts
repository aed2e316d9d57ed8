import { childPath } from '../../src/core/json-path.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  if (v === undefined) return '<absent>';
  const s = JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * The differences between two JSON values, one line per differing path
 * (`path: expected X, got Y`), at most `limit` lines. Empty when equal (key order ignored).
 */
export function jsonDiff(expected: unknown, actual: unknown, limit = 20): string[] {
  const out: string[] = [];
  const walk = (e: unknown, a: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (Array.isArray(e) && Array.isArray(a)) {
      const n = Math.max(e.length, a.length);
      for (let i = 0; i < n; i++) walk(e[i], a[i], childPath(path, i));
      return;
    }
    if (isObject(e) && isObject(a)) {
      const keys = new Set([...Object.keys(e), ...Object.keys(a)]);
      for (const k of keys) walk(e[k], a[k], childPath(path, k));
      return;
    }
    if (!Object.is(e, a)) out.push(`${path === '' ? '<root>' : path}: expected ${show(e)}, got ${show(a)}`);
  };
  walk(expected, actual, '');
  return out;
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
