/**
 * The validators' fast path: the predicates `npm run generate` compiles from the zod schemas
 * (`generated/validators.gen.ts`, scripts/generate-validators.ts), looked up by the schema they were compiled from.
 * A predicate says true exactly when its schema accepts the value (src/validate/fast-path.test.ts), so a value it
 * accepts needs no zod; zod runs only to explain a value it refuses (or to decide a value it could not check).
 */
import type { z } from 'zod';
import { VALIDATORS } from '../../generated/validators.gen.js';
import { COMPILED_SCHEMAS } from './format-schemas.js';

const BY_SCHEMA = new Map<z.ZodType, (value: unknown) => boolean>();
for (const [name, schema] of Object.entries(COMPILED_SCHEMAS)) {
  const predicate = Object.hasOwn(VALIDATORS, name) ? VALIDATORS[name] : undefined;
  if (predicate !== undefined) BY_SCHEMA.set(schema, predicate);
}

/** The compiled predicate of `schema`, if `npm run generate` compiled one. */
export function compiledCheck(schema: z.ZodType): ((value: unknown) => boolean) | undefined {
  return BY_SCHEMA.get(schema);
}

/**
 * True when `schema`'s compiled predicate accepts `value`. False when it refuses it, when it throws (a value nested
 * too deeply, a hostile getter: zod then decides, as it did before the fast path) or when there is no predicate.
 */
export function passesCompiledCheck(schema: z.ZodType, value: unknown): boolean {
  const predicate = BY_SCHEMA.get(schema);
  if (predicate === undefined) return false;
  try {
    return predicate(value);
  } catch {
    return false;
  }
}
