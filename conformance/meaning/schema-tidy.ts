import type * as z from 'zod';
import { isRecord } from '../../src/core/narrow.js';

/**
 * What the generated zod schemas (`generated/<format>/zod.gen.ts`, from `spec/`) say about a JSON value, used to
 * judge by meaning: which keys the format defines (anything else is a vendor extension a client ignores) and which
 * fields may be `null` or absent (there `null` and absent mean the same). Read from the schemas themselves, so a spec
 * change moves the rule with it; no hand list of nullable fields.
 */

/** The parts of a zod v4 schema definition this module reads (`schema._zod.def`). */
interface Def {
  type: string;
  innerType?: Node;
  getter?: () => Node;
  in?: Node;
  out?: Node;
  shape?: Record<string, Node>;
  catchall?: Node;
  element?: Node;
  options?: readonly Node[];
  discriminator?: string;
  valueType?: Node;
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
}

interface Node {
  _zod: { def: Def };
}

function defOf(s: z.ZodType | Node): Def {
  return (s as unknown as Node)._zod.def;
}

function asZod(n: Node): z.ZodType {
  return n as unknown as z.ZodType;
}

/** A schema without its wrappers (optional, nullable, lazy, pipe, default, …), and what the wrappers allowed. */
export interface Unwrapped {
  node: Node;
  optional: boolean;
  nullable: boolean;
}

export function unwrap(schema: z.ZodType | Node): Unwrapped {
  let node = schema as unknown as Node;
  let optional = false;
  let nullable = false;
  for (let i = 0; i < 64; i++) {
    const d = defOf(node);
    if (d.type === 'optional' && d.innerType) {
      optional = true;
      node = d.innerType;
    } else if (d.type === 'nullable' && d.innerType) {
      nullable = true;
      node = d.innerType;
    } else if ((d.type === 'default' || d.type === 'prefault' || d.type === 'catch') && d.innerType) {
      optional = true;
      node = d.innerType;
    } else if ((d.type === 'readonly' || d.type === 'nonoptional') && d.innerType) {
      node = d.innerType;
    } else if (d.type === 'lazy' && d.getter) {
      node = d.getter();
    } else if (d.type === 'pipe' && d.in) {
      node = d.in;
    } else {
      break;
    }
  }
  return { node, optional, nullable };
}

/** The object schema a union member stands for, if it is one. */
function objectShape(n: Node): Record<string, Node> | undefined {
  const d = defOf(unwrap(n).node);
  return d.type === 'object' ? d.shape : undefined;
}

/** The member of a union that describes `value`: by discriminator, else the first that parses, else the closest object. */
function unionMember(d: Def, value: unknown): Node | undefined {
  const options = d.options ?? [];
  if (d.discriminator !== undefined && isRecord(value)) {
    const tag = value[d.discriminator];
    const hit = options.find((o) => {
      const prop = objectShape(o)?.[d.discriminator!];
      const pd = prop ? defOf(unwrap(prop).node) : undefined;
      return pd?.type === 'literal' && (pd.values ?? []).includes(tag);
    });
    if (hit) return hit;
  }
  const parsed = options.find((o) => asZod(o).safeParse(value).success);
  if (parsed) return parsed;
  if (!isRecord(value)) return undefined;
  let best: Node | undefined;
  let bestScore = 0;
  for (const o of options) {
    const shape = objectShape(o);
    if (!shape) continue;
    const score = Object.keys(value).filter((k) => k in shape).length;
    if (score > bestScore) {
      best = o;
      bestScore = score;
    }
  }
  return best;
}

/** The member of the union `schema` that describes `value` (as `tidy` picks it); undefined when it is no union. */
export function unionMemberFor(schema: z.ZodType, value: unknown): z.ZodType | undefined {
  const d = defOf(unwrap(schema).node);
  if (d.type !== 'union') return undefined;
  const member = unionMember(d, value);
  return member ? asZod(member) : undefined;
}

export interface TidyOptions {
  /** keys to drop wherever they occur (the format's own extensions, e.g. crosswire's OpenAI extensions) */
  ignoreKeys?: ReadonlySet<string>;
}

/**
 * `value` as a client of the format reads it: keys the schema does not define dropped (vendor extensions), `null`
 * dropped where the field is optional or nullable (null ≡ absent), `undefined` dropped; everything else as it is.
 * A value the schema does not describe at all is returned unchanged.
 */
export function tidy(schema: z.ZodType | Node, value: unknown, options: TidyOptions = {}): unknown {
  const { node } = unwrap(schema);
  const d = defOf(node);
  switch (d.type) {
    case 'object': {
      if (!isRecord(value)) return value;
      const shape = d.shape ?? {};
      const open = d.catchall !== undefined && defOf(d.catchall).type !== 'never';
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined || options.ignoreKeys?.has(k)) continue;
        const prop = shape[k];
        if (!prop) {
          if (open && d.catchall) out[k] = tidy(d.catchall, v, options);
          continue;
        }
        const p = unwrap(prop);
        if (v === null && (p.optional || p.nullable)) continue;
        out[k] = tidy(prop, v, options);
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) && d.element ? value.map((v) => tidy(d.element!, v, options)) : value;
    case 'record':
      if (!isRecord(value) || !d.valueType) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(d.valueType!, v, options)]));
    case 'union': {
      const member = unionMember(d, value);
      return member ? tidy(member, value, options) : value;
    }
    default:
      return value;
  }
}

/**
 * `value` with `null` filled in where a required field is nullable and absent: the spec check of the meaning level,
 * where absent and `null` mean the same (an official SDK reads both as `null`). Nothing else changes.
 */
export function completeNullables(schema: z.ZodType | Node, value: unknown): unknown {
  const { node } = unwrap(schema);
  const d = defOf(node);
  switch (d.type) {
    case 'object': {
      if (!isRecord(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, prop] of Object.entries(d.shape ?? {})) {
        const p = unwrap(prop);
        if (value[k] === undefined) {
          if (p.nullable && !p.optional) out[k] = null;
        }
      }
      for (const [k, v] of Object.entries(value)) {
        const prop = d.shape?.[k];
        out[k] = prop ? completeNullables(prop, v) : v;
      }
      return out;
    }
    case 'array':
      return Array.isArray(value) && d.element ? value.map((v) => completeNullables(d.element!, v)) : value;
    case 'record':
      if (!isRecord(value) || !d.valueType) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, completeNullables(d.valueType!, v)]));
    case 'union': {
      const member = unionMember(d, value);
      return member ? completeNullables(member, value) : value;
    }
    default:
      return value;
  }
}

function camel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * `value` as a proto3 JSON parser reads it (Google's APIs): a field named by its proto name (`system_instruction`,
 * `mime_type`) is the lowerCamelCase field, and an enum value in any letter case is that enum value (`"object"` is
 * `OBJECT`). Free-form fields (`args`, `response`, JSON Schemas) are left as they are.
 */
export function protoJsonReading(schema: z.ZodType | Node, value: unknown): unknown {
  const { node } = unwrap(schema);
  const d = defOf(node);
  switch (d.type) {
    case 'object': {
      if (!isRecord(value)) return value;
      const shape = d.shape ?? {};
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const name = k in shape ? k : camel(k) in shape ? camel(k) : k;
        // a proto name and its camelCase both given: the camelCase one wins, as it does for the service
        if (name !== k && name in value) continue;
        const prop = shape[name];
        out[name] = prop ? protoJsonReading(prop, v) : v;
      }
      return out;
    }
    case 'enum': {
      if (typeof value !== 'string') return value;
      const names = Object.values(d.entries ?? {}).filter((e): e is string => typeof e === 'string');
      if (names.includes(value)) return value;
      return names.find((n) => n.toLowerCase() === value.toLowerCase()) ?? value;
    }
    case 'array':
      return Array.isArray(value) && d.element ? value.map((v) => protoJsonReading(d.element!, v)) : value;
    case 'record':
      if (!isRecord(value) || !d.valueType) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, protoJsonReading(d.valueType!, v)]));
    case 'union': {
      const member = unionMember(d, value);
      return member ? protoJsonReading(member, value) : value;
    }
    default:
      return value;
  }
}
