import type { JsonPath } from '../core/json-path.js';

/** One problem found by a validator: where (a JSON path into the validated value) and what. */
export interface ValidationIssue {
  path: JsonPath;
  message: string;
}

/** The result of `validateRequest` / `validateResponse` / `validateStreamEvent`. `errors` is empty when `ok`. */
export interface ValidationResult {
  ok: boolean;
  errors: ValidationIssue[];
}
