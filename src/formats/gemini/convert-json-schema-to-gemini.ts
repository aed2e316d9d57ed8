import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isFiniteNumber, isRecord, isStringArray, type JsonObject } from '../../core/narrow.js';
import type { GeminiSchema, GeminiType } from './types.js';

/**
 * JSON Schema (as in Anthropic `input_schema`) -> Gemini's OpenAPI-3.0-style `Schema` subset
 * (docs/wire-formats.md#gemini-schema-subset). `$ref`s are inlined from anywhere in the document (`$defs`, `definitions`);
 * keywords Gemini lacks are converted when the conversion is exact (`const` -> one-value `enum`,
 * `exclusiveMinimum` on integers -> `minimum + 1`, a `null` member of `type` -> `nullable`) and
 * otherwise dropped, each reported as a loss at its path in the input document.
 */

const TYPES: Record<string, GeminiType> = {
  string: 'STRING',
  number: 'NUMBER',
  integer: 'INTEGER',
  boolean: 'BOOLEAN',
  array: 'ARRAY',
  object: 'OBJECT',
  null: 'NULL',
};

/** The `format` values Gemini accepts, by type. */
const FORMATS: Partial<Record<GeminiType, ReadonlySet<string>>> = {
  STRING: new Set(['enum', 'date-time']),
  NUMBER: new Set(['float', 'double']),
  INTEGER: new Set(['int32', 'int64']),
};

/** Keywords that only annotate and are copied as they are. */
const COPIED = new Set(['title', 'description', 'default', 'example', 'pattern', 'minimum', 'maximum']);
/** Integer keywords that proto3 JSON writes as strings (int64). */
const INT64 = new Set(['minItems', 'maxItems', 'minLength', 'maxLength', 'minProperties', 'maxProperties']);
/** Keywords consumed while resolving `$ref`s. */
const DEFINITIONS = new Set(['$defs', 'definitions']);

/** How many times a `$ref` may be expanded inside its own expansion (0: a recursive ref is cut at once). */
const MAX_REF_DEPTH = 0;

interface Walk {
  root: unknown;
  losses: LossCollector;
  /** `$ref` targets being expanded right now, with their depth */
  expanding: Map<string, number>;
}

export function convertJsonSchemaToGemini(schema: unknown, path: JsonPath, losses: LossCollector): GeminiSchema {
  return convert(schema, path, { root: schema, losses, expanding: new Map() });
}

function convert(schema: unknown, path: JsonPath, w: Walk): GeminiSchema {
  if (schema === true) return {};
  if (!isRecord(schema)) {
    if (schema === false) {
      w.losses.add(path, 'the schema `false` has no Gemini equivalent');
      return {};
    }
    throw new TranslationError('invalid_input', 'a JSON Schema must be an object', { path });
  }
  if (typeof schema.$ref === 'string') return convertRef(schema, path, w);
  const out: GeminiSchema = {};
  if (schema.type !== undefined) applyType(schema.type, out, childPath(path, 'type'), w);
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    // the keyword's path is built only for a loss, or for a keyword that holds schemas
    if (key === 'type' || DEFINITIONS.has(key)) continue;
    if (COPIED.has(key)) {
      copyAnnotation(out, key, value, path, w);
    } else if (INT64.has(key)) {
      if (isFiniteNumber(value) && Number.isInteger(value) && value >= 0)
        (out as Record<string, unknown>)[key] = String(value);
      else w.losses.add(childPath(path, key), `${key} must be a non-negative integer for Gemini`);
    } else if (key === 'required' && isStringArray(value)) {
      out.required = value.slice();
    } else {
      convertKeyword(schema, key, value, childPath(path, key), out, w);
    }
  }
  if (out.properties && Object.keys(out.properties).length === 0) delete out.properties;
  if (out.enum !== undefined) checkEnumType(schema, path, out, w);
  if (out.format !== undefined && !(out.type && FORMATS[out.type]?.has(out.format))) {
    w.losses.add(childPath(path, 'format'), `format "${out.format}" is not supported by Gemini for this type`);
    delete out.format;
  }
  return out;
}

/** An annotation `key` of the schema at `path`. */
function copyAnnotation(out: GeminiSchema, key: string, value: unknown, path: JsonPath, w: Walk): void {
  const numeric = key === 'minimum' || key === 'maximum';
  const text = key === 'title' || key === 'description' || key === 'pattern';
  if ((numeric && !isFiniteNumber(value)) || (text && typeof value !== 'string')) {
    w.losses.add(childPath(path, key), `${key} has a value Gemini cannot take`);
    return;
  }
  // an exclusive bound converted earlier may already be tighter: keep the tighter one, whatever the key order
  if (key === 'minimum' && out.minimum !== undefined) out.minimum = Math.max(out.minimum, value as number);
  else if (key === 'maximum' && out.maximum !== undefined) out.maximum = Math.min(out.maximum, value as number);
  else (out as Record<string, unknown>)[key] = value;
}

/**
 * Gemini takes `enum` on STRING schemas only ("enum: only allowed for STRING type"): a string enum
 * (or `const`) without a type is a STRING; on another type the enum is dropped with a loss.
 */
function checkEnumType(schema: JsonObject, path: JsonPath, out: GeminiSchema, w: Walk): void {
  const at = childPath(path, schema.enum !== undefined ? 'enum' : 'const');
  if (out.type === undefined && out.anyOf === undefined) out.type = 'STRING';
  else if (out.type !== 'STRING') {
    w.losses.add(at, 'Gemini takes enums on strings only: the enum of a non-string schema is dropped');
    delete out.enum;
  }
}

function convertKeyword(
  schema: JsonObject,
  key: string,
  value: unknown,
  at: JsonPath,
  out: GeminiSchema,
  w: Walk,
): void {
  switch (key) {
    case 'format':
      if (typeof value === 'string') out.format = value;
      else w.losses.add(at, 'format must be a string');
      return;
    case 'nullable':
      if (typeof value === 'boolean') out.nullable = value || out.nullable === true;
      else w.losses.add(at, 'nullable must be a boolean');
      return;
    case 'enum':
      applyEnum(value, at, out, w);
      return;
    case 'const':
      if (typeof value === 'string') out.enum = [value];
      else if (value === null) out.nullable = true;
      else {
        // keep what Gemini can say about the value: its type
        const t = constType(value);
        if (t !== undefined && out.type === undefined && schema.type === undefined) out.type = t;
        w.losses.add(at, 'Gemini has no const for non-string values: only the type is kept');
      }
      return;
    case 'items':
      if (isRecord(value) || typeof value === 'boolean') out.items = convert(value, at, w);
      else w.losses.add(at, 'tuple-form items are not supported by Gemini');
      return;
    case 'properties':
      out.properties = convertProperties(value, at, w);
      return;
    case 'required':
      if (isStringArray(value)) out.required = value.slice();
      else w.losses.add(at, 'required must be a list of names');
      return;
    case 'propertyOrdering':
      if (isStringArray(value)) out.propertyOrdering = value.slice();
      else w.losses.add(at, 'propertyOrdering must be a list of names');
      return;
    case 'anyOf':
      out.anyOf = convertList(value, at, w);
      return;
    case 'oneOf':
      if (schema.anyOf !== undefined) w.losses.add(at, 'oneOf next to anyOf is not supported by Gemini');
      else {
        out.anyOf = convertList(value, at, w);
        w.losses.add(at, 'oneOf relaxed to anyOf (Gemini has no oneOf): exclusivity is not enforced');
      }
      return;
    case 'allOf':
      mergeAllOf(value, at, out, w);
      return;
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      applyExclusive(key, value, at, out, w);
      return;
    case 'examples':
      if (Array.isArray(value) && value.length > 0) {
        if (out.example === undefined) out.example = value[0];
        if (value.length > 1) w.losses.add(at, 'Gemini takes one example: the others are dropped');
      }
      return;
    default:
      w.losses.add(at, `JSON Schema keyword "${key}" is not supported by Gemini`);
  }
}

function constType(value: unknown): GeminiType | undefined {
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'NUMBER';
  if (Array.isArray(value)) return 'ARRAY';
  if (isRecord(value)) return 'OBJECT';
  return undefined;
}

function applyType(type: unknown, out: GeminiSchema, at: JsonPath, w: Walk): void {
  const names = typeof type === 'string' ? [type] : isStringArray(type) ? type : undefined;
  if (!names) {
    w.losses.add(at, 'type must be a string or a list of strings');
    return;
  }
  const mapped: GeminiType[] = [];
  for (const n of names) {
    const t = TYPES[n];
    if (t === undefined) w.losses.add(at, `unknown type "${n}"`);
    else if (t === 'NULL' && names.length > 1) out.nullable = true;
    else mapped.push(t);
  }
  if (mapped.length === 1) out.type = mapped[0];
  else if (mapped.length > 1) out.anyOf = mapped.map((t) => ({ type: t }));
}

function applyEnum(value: unknown, at: JsonPath, out: GeminiSchema, w: Walk): void {
  if (!Array.isArray(value)) {
    w.losses.add(at, 'enum must be a list');
    return;
  }
  const strings: string[] = [];
  for (const v of value) {
    if (typeof v === 'string') strings.push(v);
    else if (v === null) out.nullable = true;
  }
  if (strings.length + (value.includes(null) ? 1 : 0) !== value.length) {
    w.losses.add(at, 'Gemini enums take strings only: the non-string enum is dropped');
    return;
  }
  if (strings.length === 0) {
    w.losses.add(
      at,
      value.length === 0
        ? 'an empty enum has no Gemini equivalent'
        : 'an enum of only null has no Gemini equivalent: only nullable is kept',
    );
    return;
  }
  out.enum = strings;
}

function applyExclusive(
  key: 'exclusiveMinimum' | 'exclusiveMaximum',
  value: unknown,
  at: JsonPath,
  out: GeminiSchema,
  w: Walk,
): void {
  if (isFiniteNumber(value) && out.type === 'INTEGER' && Number.isInteger(value)) {
    // on integers an exclusive bound is an inclusive bound one step inside: exact
    if (key === 'exclusiveMinimum')
      out.minimum = out.minimum === undefined ? value + 1 : Math.max(out.minimum, value + 1);
    else out.maximum = out.maximum === undefined ? value - 1 : Math.min(out.maximum, value - 1);
    return;
  }
  w.losses.add(at, `${key} is not supported by Gemini`);
}

function convertProperties(value: unknown, at: JsonPath, w: Walk): Record<string, GeminiSchema> {
  if (!isRecord(value)) {
    w.losses.add(at, 'properties must be an object');
    return {};
  }
  const props: Record<string, GeminiSchema> = {};
  for (const name of Object.keys(value)) props[name] = convert(value[name], childPath(at, name), w);
  return props;
}

function convertList(value: unknown, at: JsonPath, w: Walk): GeminiSchema[] {
  if (!Array.isArray(value)) {
    w.losses.add(at, 'expected a list of schemas');
    return [];
  }
  return value.map((s, i) => convert(s, childPath(at, i), w));
}

/** `allOf`: the members' keywords are merged into the schema; a keyword two members set differently is a loss. */
function mergeAllOf(value: unknown, at: JsonPath, out: GeminiSchema, w: Walk): void {
  const parts = convertList(value, at, w);
  const target = out as Record<string, unknown>;
  parts.forEach((part, i) => {
    for (const [k, v] of Object.entries(part)) {
      if (k === 'properties' && isRecord(v)) {
        out.properties = { ...(out.properties ?? {}), ...(v as Record<string, GeminiSchema>) };
      } else if (k === 'required' && isStringArray(v)) {
        out.required = [...new Set([...(out.required ?? []), ...v])];
      } else if (target[k] === undefined) {
        target[k] = v;
      } else if (JSON.stringify(target[k]) !== JSON.stringify(v)) {
        w.losses.add(
          childPath(childPath(at, i), k),
          `allOf members disagree on "${k}": Gemini has no allOf, the first value is kept`,
        );
      }
    }
  });
}

function convertRef(schema: JsonObject, path: JsonPath, w: Walk): GeminiSchema {
  const ref = schema.$ref as string;
  const target = resolvePointer(w.root, ref);
  if (target === undefined) {
    w.losses.add(childPath(path, '$ref'), `$ref "${ref}" cannot be resolved inside the schema`);
    return {};
  }
  const depth = w.expanding.get(ref) ?? 0;
  let resolved: GeminiSchema;
  if (depth > MAX_REF_DEPTH) {
    w.losses.add(childPath(path, '$ref'), `recursive $ref "${ref}" cannot be inlined: cut here`);
    const t = isRecord(target) && typeof target.type === 'string' ? TYPES[target.type] : undefined;
    resolved = t ? { type: t } : {};
  } else {
    w.expanding.set(ref, depth + 1);
    resolved = convert(target, path, w);
    w.expanding.set(ref, depth);
  }
  // keywords beside the $ref (allowed since draft 2019-09) apply too
  const { $ref: _ref, ...siblings } = schema;
  if (Object.keys(siblings).length === 0) return resolved;
  return { ...resolved, ...convert(siblings, path, w) };
}

function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const pointer = ref.slice(1);
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(seg)];
    else if (isRecord(node)) node = node[seg];
    else return undefined;
  }
  return node;
}
