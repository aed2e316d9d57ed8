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
