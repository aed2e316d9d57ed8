import { isRecord } from '../../src/core/narrow.js';

/** Shared pieces of the meaning projections (one module per format beside this one). */

export type Json = Record<string, unknown>;

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function rec(v: unknown): Json {
  return isRecord(v) ? v : {};
}

/** A copy of `o` without the keys whose value is `undefined` (so absent and undefined compare the same). */
export function defined(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Ids a gateway mints (tool-call ids, function-call ids): what matters is which call a result answers, not the
 * spelling. `ordinal(id)` gives the same `#n` for the same id, in order of first appearance in one value.
 */
export function idNamer(): (id: unknown) => unknown {
  const seen = new Map<unknown, string>();
  return (id) => {
    if (id === undefined || id === null || id === '') return undefined;
    let n = seen.get(id);
    if (n === undefined) {
      n = `#${seen.size + 1}`;
      seen.set(id, n);
    }
    return n;
  };
}

/** Tool arguments as a client reads them: parsed JSON (`""` ≡ `{}`), or a marker when they do not parse. */
export function parseArguments(s: unknown): unknown {
  if (typeof s !== 'string') return s ?? {};
  if (s.trim() === '') return {};
  try {
    return JSON.parse(s);
  } catch {
    return { $unparsable: s };
  }
}

/** Keys of a JSON Schema that say nothing about the values it accepts. */
const NO_MEANING = new Set(['$schema', '$id', '$comment', 'propertyOrdering']);

/**
 * A tool's JSON Schema as the model reads it: type names in lower case (Gemini writes `OBJECT`), a type list sorted
 * and Gemini's `nullable: true` as a `null` type; empty `$defs` / `definitions` / `required` / `properties` and an
 * empty `description` dropped; `required` as a set; local `$ref`s written out (`inlineRefs`). Nested schemas likewise. (`$schema` and Gemini's
 * `propertyOrdering` carry nothing a model sees.)
 */
export function canonicalSchema(schema: unknown): unknown {
  return canonicalNode(inlineRefs(schema));
}

function canonicalNode(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(canonicalNode);
  if (!isRecord(s)) return s;
  const out: Json = {};
  const types = new Set<string>();
  for (const [k, v] of Object.entries(s)) {
    if (NO_MEANING.has(k) || v === undefined) continue;
    switch (k) {
      case 'type':
        for (const t of Array.isArray(v) ? v : [v]) if (typeof t === 'string') types.add(t.toLowerCase());
        break;
      case 'nullable':
        if (v === true) types.add('null');
        break;
      case 'required':
        if (Array.isArray(v) && v.length > 0) out.required = [...v].map(String).sort();
        break;
      case 'description':
        if (v !== '') out.description = v;
        break;
      case 'properties':
      case '$defs':
      case 'definitions':
      case 'patternProperties':
        if (isRecord(v) && Object.keys(v).length > 0)
          out[k] = Object.fromEntries(Object.entries(v).map(([name, p]) => [name, canonicalNode(p)]));
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        out[k] = canonicalNode(v);
        break;
      default:
        out[k] = v;
    }
  }
  // `nullable` alone (no type) says nothing
  if (types.size > 0 && !(types.size === 1 && types.has('null') && s.type === undefined)) {
    const list = [...types].sort();
    out.type = list.length === 1 ? list[0] : list;
  }
  return out;
}

/**
 * A JSON Schema with its local references (`#/$defs/x`, `#/definitions/x`) replaced by what they name, and the
 * definitions dropped when nothing refers to them any more: the same schema, written out. A reference nested deeper
 * than a few levels (a recursive type) is left as it is.
 */
export function inlineRefs(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const defs: Json = { ...rec(schema.definitions), ...rec(schema.$defs) };
  if (Object.keys(defs).length === 0) return schema;
  const resolve = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => resolve(x, depth));
    if (!isRecord(v)) return v;
    if (typeof v.$ref === 'string' && depth < 8) {
      const m = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(v.$ref);
      const target = m ? defs[m[1]!] : undefined;
      if (target !== undefined) {
        const { $ref: _, ...rest } = v;
        return resolve({ ...rec(target), ...rest }, depth + 1);
      }
    }
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, k === '$defs' || k === 'definitions' ? x : resolve(x, depth)]),
    );
  };
  const out = rec(resolve(schema, 0));
  if (!JSON.stringify(out).includes('"$ref"')) {
    const { $defs: _d, definitions: _f, ...rest } = out;
    return rest;
  }
  return out;
}

/** Drop the keys whose value equals the given default (`stream: false`, `n: 1`, …): an explicit default ≡ absent. */
export function dropDefaults(o: Json, defaults: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) {
    if (k in defaults && JSON.stringify(defaults[k]) === JSON.stringify(v)) continue;
    out[k] = v;
  }
  return out;
}

/** `[]`, `{}`, `''` and `undefined`: a value that says nothing when optional. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return isRecord(v) && Object.keys(v).length === 0;
}

/** A copy of `o` without the listed keys when their value is empty (`system: []` ≡ absent). */
export function dropEmpty(o: Json, keys: readonly string[]): Json {
  const out: Json = { ...o };
  for (const k of keys) if (isEmpty(out[k])) delete out[k];
  return out;
}
