import { isRecord } from '../../src/core/narrow.js';
/**
 * Builds tool-call arguments from a tool's JSON Schema, deterministically: `const`, then the first `enum` value,
 * then `default`, then a value by type (string `example_<property>`, number/integer its `minimum` or 1, boolean
 * true, null, arrays of one item, objects with their `required` properties, or all properties when none are
 * required). `anyOf`/`oneOf`/`allOf` use their first member. The result is always an object.
 */
export function argumentsFromSchema(schema: unknown): Record<string, unknown> {
  const value = valueFor(schema, '', 0);
  return isRecord(value) ? value : {};
}

const MAX_DEPTH = 6;

function firstType(type: unknown): string | undefined {
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null') ?? 'null';
  return undefined;
}

function valueFor(schema: unknown, name: string, depth: number): unknown {
  if (!isRecord(schema)) return `example_${name}`;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if ('default' in schema) return schema.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const members = schema[key];
    if (Array.isArray(members) && members.length > 0) return valueFor(members[0], name, depth);
  }
  const type = firstType(schema.type) ?? (isRecord(schema.properties) ? 'object' : undefined);
  switch (type) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : objectFor(schema, depth);
    case 'array':
      return depth >= MAX_DEPTH ? [] : [valueFor(schema.items, name, depth + 1)];
    case 'integer':
    case 'number':
      return numberFor(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return name === '' ? 'example' : `example_${name}`;
  }
}

function objectFor(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  const names = required.length > 0 ? required : Object.keys(properties);
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = valueFor(properties[name], name, depth + 1);
  return out;
}

function numberFor(schema: Record<string, unknown>): number {
  let n = typeof schema.minimum === 'number' ? schema.minimum : 1;
  if (typeof schema.exclusiveMinimum === 'number' && n <= schema.exclusiveMinimum) n = schema.exclusiveMinimum + 1;
  if (typeof schema.maximum === 'number' && n > schema.maximum) n = schema.maximum;
  return schema.type === 'integer' ? Math.ceil(n) : n;
}
