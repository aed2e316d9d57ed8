/** Narrowing helpers for parsed JSON/YAML documents. */

export type JsonRecord = { [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** Resolves a local JSON pointer (`#/components/schemas/X`) in `root`; undefined when it does not resolve. */
export function resolvePointer(root: JsonRecord, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Array.isArray(node) ? node[Number(key)] : field(node, key);
    if (node === undefined) return undefined;
  }
  return node;
}

/** The last segment of a `$ref` (the schema name). */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
