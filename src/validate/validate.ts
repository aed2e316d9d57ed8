/**
 * Runtime validation of wire bodies against the generated zod schemas: never throws, for any input.
 */
import type { z } from 'zod';
import type { WireFormatId } from '../core/formats.js';
import { FORMAT_SCHEMAS, type FormatSchemas } from './format-schemas.js';
import type { ValidationResult } from './types.js';
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
    const result = schema.safeParse(value);
    if (result.success) return { ok: true, errors: [] };
    const errors = zodIssuesToErrors(result.error.issues, value);
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: '', message: 'invalid' }] };
  } catch (err) {
    // Stack overflow on absurd nesting, hostile getters/proxies: still a result, never an exception.
    const reason =
      err instanceof RangeError ? 'value is nested too deeply to validate' : 'value could not be validated';
    return fail(`${reason} (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Validates a request body in `format` (e.g. a Messages `MessageCreateParams`). */
export function validateRequest(format: WireFormatId, body: unknown): ValidationResult {
  return run(format, 'request', body);
}

/** Validates a successful non-stream response body in `format` (e.g. a Messages `Message`). */
export function validateResponse(format: WireFormatId, body: unknown): ValidationResult {
  return run(format, 'response', body);
}

/**
 * Validates one parsed stream event in `format` (Anthropic and OpenAI Responses: the event JSON; OpenAI Chat: a chunk,
 * `{error}` or `'[DONE]'`).
 */
export function validateStreamEvent(format: WireFormatId, event: unknown): ValidationResult {
  return run(format, 'streamEvent', event);
}
