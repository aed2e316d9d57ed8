/** The default base, and the fewest runs any property gets when the base is at least this. */
export const DEFAULT_RUNS = 100;

/**
 * Property run counts. `CROSSWIRE_PROPERTY_RUNS` sets the base (default 100; `npm run conformance:deep` sets 2000);
 * `weight` scales it: above 1 for cheap properties, below 1 for expensive ones — but never below 100 runs (nor below
 * the base, when a smaller base is asked for, as the mutant runner may), so a weight only thins deep runs.
 */
export function runs(weight = 1): number {
  const raw = Number(process.env.CROSSWIRE_PROPERTY_RUNS);
  const base = Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_RUNS;
  return Math.max(Math.min(base, DEFAULT_RUNS), Math.round(base * weight));
}

/** fast-check parameters for a property: run count, and a seed from `CROSSWIRE_PROPERTY_SEED` to replay a failure. */
export function params(weight = 1): { numRuns: number; seed?: number } {
  const seed = Number(process.env.CROSSWIRE_PROPERTY_SEED);
  return Number.isInteger(seed) ? { numRuns: runs(weight), seed } : { numRuns: runs(weight) };
}

/** A test timeout that grows with the run count (deep mode runs 2000 where the default runs 100). */
export function timeout(weight = 1): number {
  return Math.max(30_000, runs(weight) * 60);
}
