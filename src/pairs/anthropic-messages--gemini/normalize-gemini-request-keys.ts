import { isRecord } from '../../core/narrow.js';

/**
 * The Gemini API reads its JSON with the proto3 JSON mapping, which accepts the proto field names
 * (`system_instruction`, `generation_config`, `inline_data.mime_type`, ...) as well as the lowerCamelCase
 * ones (docs/wire-formats.md#gemini-endpoints); Google's own REST examples use the snake_case spelling. This returns the
 * request with every *field name* in lowerCamelCase, so the translation reads one spelling. What is data,
 * not fields, keeps its keys: `functionCall.args`, `functionResponse.response`, `parametersJsonSchema`,
 * `responseJsonSchema`, a Schema's `properties` names, `default`, `example`, `labels`.
 * Unchanged subtrees are shared and the input is never modified; a request already in lowerCamelCase is
 * returned as it is. When both spellings of a field are present, the lowerCamelCase one wins.
 * Loss paths of the translation use the lowerCamelCase names.
 */
export function normalizeGeminiRequestKeys(body: Record<string, unknown>): Record<string, unknown> {
  // the common case, a request already in lowerCamelCase, is found by a walk that allocates nothing
  if (!hasSnakeField(body, '')) return body;
  return fields(body, '') as Record<string, unknown>;
}

/**
 * Whether `fields` could change anything: some field name it would rename holds `_` (the same walk, over the
 * same fields, skipping the same data). Only objects are visited (a scalar holds no field name), and keys are walked
 * with `for…in` without an own-key check: an inherited key could only make this answer yes for a request that
 * `fields` then returns unchanged, never hide a snake_case field.
 */
function hasSnakeField(value: unknown, parent: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (hasSnakeField(value[i], parent)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (key.includes('_')) return true;
    const v = record[key];
    if (typeof v !== 'object' || v === null) continue;
    if (DATA.has(key) || (key === 'response' && parent === 'functionResponse')) continue;
    if (key === 'properties' && !Array.isArray(v)) {
      const names = v as Record<string, unknown>;
      for (const name in names) if (hasSnakeField(names[name], 'properties')) return true;
    } else if (hasSnakeField(v, key)) return true;
  }
  return false;
}

/** Fields whose value is free-form data (google.protobuf.Struct / Value, or a map of user values). */
const DATA = new Set(['args', 'parametersJsonSchema', 'responseJsonSchema', 'default', 'example', 'labels']);

function camel(key: string): string {
  return key.includes('_') ? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : key;
}

function fields(value: unknown, parent: string): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const n = fields(v, parent);
      if (n !== v) changed = true;
      return n;
    });
    return changed ? out : value;
  }
  if (!isRecord(value)) return value;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const name = camel(key);
    const v = value[key];
    let n: unknown;
    if (DATA.has(name) || (name === 'response' && parent === 'functionResponse')) n = v;
    else if (name === 'properties' && isRecord(v)) n = schemaMap(v);
    else n = fields(v, name);
    if (name !== key) {
      changed = true;
      // the lowerCamelCase spelling, when also present, wins
      if (Object.hasOwn(value, name)) continue;
    }
    if (n !== v) changed = true;
    out[name] = n;
  }
  return changed ? out : value;
}

/** A Schema's `properties`: the names are the caller's, the values are Schemas. */
function schemaMap(map: Record<string, unknown>): Record<string, unknown> {
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(map)) {
    const v = map[name];
    const n = fields(v, 'properties');
    if (n !== v) changed = true;
    out[name] = n;
  }
  return changed ? out : map;
}
