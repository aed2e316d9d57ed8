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
