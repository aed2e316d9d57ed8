/**
 * JSON paths as crosswire reports them: `messages[2].content[0].source.media_type`.
 * The root is the empty string.
 */
export type JsonPath = string;

export function childPath(base: JsonPath, key: string | number): JsonPath {
  if (typeof key === 'number') return `${base}[${key}]`;
  const safe = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : JSON.stringify(key);
  if (safe !== key) return `${base}[${safe}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function formatPath(segments: readonly (string | number | symbol)[]): JsonPath {
  let out = '';
  for (const s of segments) out = childPath(out, typeof s === 'symbol' ? String(s) : s);
  return out;
}
