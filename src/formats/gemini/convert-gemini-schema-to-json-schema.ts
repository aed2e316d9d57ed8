import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';

/**
 * Gemini `Schema` (OpenAPI-3.0 style, upper-case type names, int64 counts as strings) -> JSON
 * Schema. Every Gemini keyword has a JSON Schema equivalent except `propertyOrdering`, which is
 * reported as a loss. `nullable: true` becomes a `null` member of `type` (and of `enum`, when there is one).
 */

const COUNTS = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);
const COPIED = new Set([
  'format',
  'title',
  'description',
  'pattern',
  'minimum',
  'maximum',
  'default',
  'enum',
  'required',
]);

/** Gemini's type names in JSON Schema's spelling (`toLowerCase` for any other). */
const LOWER = new Map(
  ['STRING', 'NUMBER', 'INTEGER', 'BOOLEAN', 'ARRAY', 'OBJECT', 'NULL'].map((t) => [t, t.toLowerCase()]),
);

export function convertGeminiSchemaToJsonSchema(
  schema: unknown,
  path: JsonPath,
  losses: LossCollector,
): Record<string, unknown> {
  if (!isRecord(schema)) throw new TranslationError('invalid_input', 'a Gemini Schema must be an object', { path });
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    // the keyword's path is built only for a loss, an error or a keyword that holds schemas
    if (key === 'type') {
      if (typeof value === 'string' && value !== 'TYPE_UNSPECIFIED') out.type = LOWER.get(value) ?? value.toLowerCase();
      else if (value !== 'TYPE_UNSPECIFIED') losses.add(childPath(path, key), 'type must be a string');
    } else if (key === 'nullable') {
      // applied below, once `type` is known
    } else if (COUNTS.has(key)) {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) out[key] = n;
      else losses.add(childPath(path, key), `${key} must be a non-negative integer`);
    } else if (COPIED.has(key)) {
      out[key] = value;
    } else if (key === 'example') {
      out.examples = [value];
    } else if (key === 'items') {
      out.items = convertGeminiSchemaToJsonSchema(value, childPath(path, key), losses);
    } else if (key === 'anyOf') {
      const at = childPath(path, key);
      if (Array.isArray(value))
        out.anyOf = value.map((s, i) => convertGeminiSchemaToJsonSchema(s, childPath(at, i), losses));
      else losses.add(at, 'anyOf must be a list');
    } else if (key === 'properties') {
      const at = childPath(path, key);
      if (!isRecord(value)) throw new TranslationError('invalid_input', 'properties must be an object', { path: at });
      const props: Record<string, unknown> = {};
      for (const name of Object.keys(value))
        props[name] = convertGeminiSchemaToJsonSchema(value[name], childPath(at, name), losses);
      out.properties = props;
    } else if (key === 'propertyOrdering') {
      losses.add(childPath(path, key), 'JSON Schema has no property ordering');
    } else {
      losses.add(childPath(path, key), `Schema field "${key}" is not supported`);
    }
  }
  if (schema.nullable === true) {
    // an enum restricts the values too: without null in it, null would still be rejected
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.anyOf)) out.anyOf = [...out.anyOf, { type: 'null' }];
    else losses.add(childPath(path, 'nullable'), 'nullable without a type cannot be expressed');
  }
  return out;
}
