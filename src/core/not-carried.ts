import type { LossCollector } from './losses.js';
import type { JsonObject } from './narrow.js';

/** Why a request field is not carried: a reason, or a reason and the values that carry nothing (no loss then). */
export type NotCarried = string | { reason: string; inert?: (value: unknown) => boolean };

/**
 * Reports each top-level field of `body` that the translation did not handle: a field outside `handled` whose value is
 * not null or undefined is a loss, with its reason from `table` (else `fallback`); a value the table marks inert is
 * not. Own keys only: a client key `__proto__` or `constructor` is a field like any other.
 */
export function reportNotCarried(
  body: JsonObject,
  handled: ReadonlySet<string>,
  table: Readonly<Record<string, NotCarried>>,
  fallback: string,
  losses: LossCollector,
): void {
  for (const key of Object.keys(body)) {
    if (handled.has(key)) continue;
    const v = body[key];
    if (v === undefined || v === null) continue;
    const nc = Object.hasOwn(table, key) ? table[key] : undefined;
    if (nc === undefined) losses.add(key, fallback);
    else if (typeof nc === 'string') losses.add(key, nc);
    else if (!nc.inert?.(v)) losses.add(key, nc.reason);
  }
}
