/**
 * Runtime validation of wire bodies against the generated zod schemas: never throws, for any input. A value the
 * schema's compiled predicate accepts (fast-checks.ts) is valid without running zod; zod runs for the rest and says
 * what is wrong (or, for a value the predicate could not check, that it is valid after all).
 */
import type { z } from 'zod';
import type { WireFormatId } from '../core/formats.js';
import { passesCompiledCheck } from './fast-checks.js';
import { FORMAT_SCHEMAS, type FormatSchemas } from './format-schemas.js';
import type { ValidatedRequest, ValidatedResponse, ValidatedStreamEvent, ValidationResult } from './types.js';
import { zodIssuesToErrors } from './zod-issues-to-errors.js';

type Kind = keyof FormatSchemas;

function fail(message: string, path = ''): ValidationResult {
  return { ok: false, errors: [{ path, message }] };
}

function schemaFor(format: WireFormatId, kind: Kind, value: unknown): z.ZodType | string {
  const entry = Object.hasOwn(FORMAT_SCHEMAS, format) ? FORMAT_SCHEMAS[format] : undefined;
  if (entry === undefined) {
    const known = Object.keys(FORMAT_SCHEMAS).join(', ');
    return `no validator for format ${JSON.stringify(format)} (validators exist for: ${known})`;
  }
  const s = entry[kind];
  return typeof s === 'function' ? s(value) : s;
}

function run(format: WireFormatId, kind: Kind, value: unknown): ValidationResult {
  try {
    const schema = schemaFor(format, kind, value);
    if (typeof schema === 'string') return fail(schema);
    if (passesCompiledCheck(schema, value)) return { ok: true, errors: [], value };
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, errors: [], value };
    const errors = zodIssuesToErrors(result.error.issues, value);
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: '', message: 'invalid' }] };
  } catch (err) {
    // Stack overflow on absurd nesting, hostile getters/proxies: still a result, never an exception.
    const reason =
      err instanceof RangeError ? 'value is nested too deeply to validate' : 'value could not be validated';
    return fail(`${reason} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/**
 * Validates a request body in `format` (e.g. a Messages `MessageCreateParams`). When `ok`, `value` is the body typed
 * as the format's request.
 */
export function validateRequest<F extends WireFormatId>(
  format: F,
  body: unknown,
): ValidationResult<ValidatedRequest<F>> {
  return run(format, 'request', body) as ValidationResult<ValidatedRequest<F>>;
}

/** Validates a successful non-stream response body in `format` (e.g. a Messages `Message`). */
export function validateResponse<F extends WireFormatId>(
  format: F,
  body: unknown,
): ValidationResult<ValidatedResponse<F>> {
  return run(format, 'response', body) as ValidationResult<ValidatedResponse<F>>;
}

/**
 * Validates one parsed stream event in `format` (Anthropic and OpenAI Responses: the event JSON; OpenAI Chat: a chunk,
 * `{error}` or `'[DONE]'`).
 */
export function validateStreamEvent<F extends WireFormatId>(
  format: F,
  event: unknown,
): ValidationResult<ValidatedStreamEvent<F>> {
  return run(format, 'streamEvent', event) as ValidationResult<ValidatedStreamEvent<F>>;
}
