/**
 * A broken rule found by a stream checker. `index` is the position of the offending event in the input array
 * (the array length when the problem is something missing at the end). Rules named `warn:*` are warnings: the
 * stream is still valid, but it uses something a checker does not know (new event or delta types).
 */
export interface Violation {
  rule: string;
  index: number;
  message: string;
}

/** Violations that are errors, i.e. every one whose rule is not a `warn:` rule. */
export function errorsOnly(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => !v.rule.startsWith('warn:'));
}

export { isRecord } from '../../src/core/narrow.js';

/** Returned by `tryParseJson` for text that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not-json');

/** The parsed value of `text`, or `NOT_JSON`. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Whether two JSON values are equal (objects compared by their keys, in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameJson((a as Record<string, unknown>)[k], rb[k]));
}
