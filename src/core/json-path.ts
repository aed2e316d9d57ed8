/**
 * JSON paths as crosswire reports them: `messages[2].content[0].source.media_type`.
 * The root is the empty string.
 */
export type JsonPath = string;

/** `key` matches `^[A-Za-z_$][A-Za-z0-9_$]*$` (a char loop: paths are built on hot translation paths). */
function isIdentifier(key: string): boolean {
  const n = key.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    // A-Z, a-z, _, $ anywhere; 0-9 after the first character
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36) continue;
    if (i > 0 && c >= 48 && c <= 57) continue;
    return false;
  }
  return true;
}

export function childPath(base: JsonPath, key: string | number): JsonPath {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!isIdentifier(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function formatPath(segments: readonly (string | number | symbol)[]): JsonPath {
  let out = '';
  for (const s of segments) out = childPath(out, typeof s === 'symbol' ? String(s) : s);
  return out;
}
