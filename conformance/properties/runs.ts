/**
 * Property run counts. `CROSSWIRE_PROPERTY_RUNS` sets the base (default 60; `npm run conformance:deep` sets 2000);
 * `weight` scales it for expensive properties (never below 5 runs).
 */
export function runs(weight = 1): number {
  const raw = Number(process.env.CROSSWIRE_PROPERTY_RUNS);
  const base = Number.isFinite(raw) && raw > 0 ? raw : 60;
  return Math.max(5, Math.round(base * weight));
}

/** fast-check parameters for a property: run count, and a seed from `CROSSWIRE_PROPERTY_SEED` to replay a failure. */
export function params(weight = 1): { numRuns: number; seed?: number } {
  const seed = Number(process.env.CROSSWIRE_PROPERTY_SEED);
  return Number.isInteger(seed) ? { numRuns: runs(weight), seed } : { numRuns: runs(weight) };
}

/** A test timeout that grows with the run count (deep mode runs 2000 times what the default runs 60). */
export function timeout(weight = 1): number {
  return Math.max(30_000, runs(weight) * 60);
}
