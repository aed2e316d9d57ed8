import type * as z from 'zod';
import { isRecord } from '../../src/core/narrow.js';
import { unionMemberFor, unwrap } from '../meaning/schema-tidy.js';

/**
 * The fields of a request body that its format's spec does not define, at every depth: the generated zod schemas
 * (`generated/<format>/zod.gen.ts`) strip unknown keys, so the strict mocks walk the body against the same schemas
 * and answer what is left over with the provider's own 400 (`provider-wording.ts`). An object schema with a
 * `catchall` (the spec's `additionalProperties`) is open; so is any schema in `open` (e.g. a JSON Schema field the
 * spec models only in part). Free-form fields (`z.unknown()`, records of unknown) are never walked into.
 */

/**
 * One step of the path to an unknown field: an object key, an array index, the tag of the union member taken, or
 * an entry of a map (a record: its key, and its position among the map's keys).
 */
export type Segment = { key: string } | { index: number } | { tag: string } | { entry: string; position: number };

export interface UnknownField {
  /** where the object holding the unknown key is (empty: the body itself) */
  at: readonly Segment[];
  /** the unknown key, as the body spells it */
  key: string;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: readonly z.ZodType[];
  discriminator?: string;
}

const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function walk(schema: z.ZodType, value: unknown, at: Segment[], open: ReadonlySet<unknown>, out: UnknownField[]): void {
  if (open.has(schema)) return;
  const node = unwrap(schema).node as unknown as z.ZodType;
  if (open.has(node)) return;
  const d = defOf(node);
  switch (d.type) {
    case 'object': {
      if (!isRecord(value)) return;
      const shape = d.shape ?? {};
      const catchall = d.catchall !== undefined && defOf(d.catchall).type !== 'never' ? d.catchall : undefined;
      for (const [k, v] of Object.entries(value)) {
        const prop = Object.hasOwn(shape, k) ? shape[k] : catchall;
        if (prop === undefined) out.push({ at: [...at], key: k });
        else walk(prop, v, [...at, { key: k }], open, out);
      }
      return;
    }
    case 'array':
      if (Array.isArray(value) && d.element)
        value.forEach((v, i) => {
          walk(d.element!, v, [...at, { index: i }], open, out);
        });
      return;
    case 'record':
      if (isRecord(value) && d.valueType)
        Object.entries(value).forEach(([k, v], position) => {
          walk(d.valueType!, v, [...at, { entry: k, position }], open, out);
        });
      return;
    case 'union': {
      const member = bestMember(node, d, value, at, open);
      if (!member) return;
      const tag = unionTag(d, value);
      walk(member, value, tag === undefined ? at : [...at, { tag }], open, out);
      return;
    }
    default:
      return;
  }
}

/**
 * The tag a validator names a union member by: the value's `type` (Anthropic's paths read
 * `messages.0.content.1.tool_use.text`); a union told apart by another key (a message's `role`) adds no step.
 */
function unionTag(d: Def, value: unknown): string | undefined {
  if (!isRecord(value) || (d.discriminator ?? 'type') !== 'type') return undefined;
  return typeof value.type === 'string' ? value.type : undefined;
}

/**
 * The union member `value` is read as: of the members it is valid against, the one that leaves the fewest unknown
 * fields (a body is strictly valid when one member accepts all its keys); none valid: the member the meaning level
 * would pick (by discriminator, else by the keys it shares).
 */
function bestMember(
  union: z.ZodType,
  d: Def,
  value: unknown,
  at: Segment[],
  open: ReadonlySet<unknown>,
): z.ZodType | undefined {
  const valid = (d.options ?? []).filter((o) => o.safeParse(value).success);
  if (valid.length === 1) return valid[0];
  let best: z.ZodType | undefined;
  let fewest = Number.POSITIVE_INFINITY;
  for (const o of valid) {
    const found: UnknownField[] = [];
    walk(o, value, at, open, found);
    if (found.length < fewest) {
      best = o;
      fewest = found.length;
    }
  }
  return best ?? unionMemberFor(union, value);
}

/** The fields of `value` that `schema` does not define, in body order. */
export function unknownFields(
  schema: z.ZodType,
  value: unknown,
  open: ReadonlySet<unknown> = new Set(),
): UnknownField[] {
  const out: UnknownField[] = [];
  walk(schema, value, [], open, out);
  return out;
}
