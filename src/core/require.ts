import { TranslationError } from './errors.js';
import { childPath, type JsonPath } from './json-path.js';
import { isFiniteNumber, isRecord, type JsonObject } from './narrow.js';

/** `v` as a string, else a typed error at `path` (or at `path`'s child `key`: built only on failure). */
export function requireString(v: unknown, path: JsonPath, key?: string | number): string {
  if (typeof v !== 'string')
    throw new TranslationError('invalid_input', 'expected a string', {
      path: key === undefined ? path : childPath(path, key),
    });
  return v;
}

/** An input error at `path`. */
export function invalid(message: string, path: JsonPath): TranslationError {
  return new TranslationError('invalid_input', message, { path });
}

/** `body` is a JSON object, else an input error at the root. */
export function requireObjectBody(body: unknown): asserts body is JsonObject {
  if (!isRecord(body)) throw invalid('request body must be a JSON object', '');
}

/** `body[key]` as a finite number, undefined when absent or null, else an input error at `key`. */
export function optionalNumber(body: JsonObject, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!isFiniteNumber(v)) throw invalid(`${key} must be a number`, key);
  return v;
}
