/**
 * Copy-on-write replacement of values deep in JSON: the result shares every untouched object with the input,
 * and the input is never written to.
 */
import { isRecord } from '../core/narrow.js';

export interface Replacement {
  /** keys from the root to the value to replace; every container on the way exists */
  keys: readonly (string | number)[];
  value: unknown;
}

/** `root` with each replacement applied, copying only the containers on the replaced paths. */
export function replaceAt<T>(root: T, replacements: readonly Replacement[]): T {
  if (replacements.length === 0) return root;
  // original container -> its copy, so siblings on one path share one copy
  const copies = new Map<object, Record<string | number, unknown>>();
  const copyOf = (v: unknown): Record<string | number, unknown> => {
    if (!(Array.isArray(v) || isRecord(v)))
      throw new Error('replaceAt: a path runs through a value that is not a container');
    let c = copies.get(v);
    if (!c) {
      c = (Array.isArray(v) ? [...v] : { ...v }) as Record<string | number, unknown>;
      copies.set(v, c);
    }
    return c;
  };
  const top = copyOf(root);
  for (const { keys, value } of replacements) {
    let original: unknown = root;
    let copy = top;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) {
        copy[key] = value;
        return;
      }
      original = (original as Record<string | number, unknown>)[key];
      const next = copyOf(original);
      copy[key] = next;
      copy = next;
    });
  }
  return top as T;
}
