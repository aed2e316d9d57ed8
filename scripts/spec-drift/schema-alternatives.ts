/**
 * Flattens a JSON Schema node into the list of its alternatives ("what kinds of value does it accept"), resolving
 * `$ref`, `allOf` (merged), `oneOf`/`anyOf` (one alternative per member), `type` arrays, `const`/`enum` and the
 * OpenAPI-3.0 `nullable: true` (also next to a `$ref`). Properties stay unresolved schema nodes: the comparison
 * resolves them lazily, level by level, so cyclic schemas are fine.
 */
import { field, isRecord, type JsonRecord, refName, resolvePointer } from './json.js';

export type Kind = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'any';

const KINDS: ReadonlySet<string> = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

export interface Alternative {
  readonly kind: Kind;
  /** Allowed values; undefined when any value of the kind is allowed. */
  readonly enumValues?: readonly unknown[];
  /** Declared properties (object kind): name → schema node. */
  readonly properties: ReadonlyMap<string, unknown>;
  /** The named schema that declares each property (allOf parts keep their own names). */
  readonly origins: ReadonlyMap<string, string>;
  readonly required: ReadonlySet<string>;
  /** `additionalProperties` when it is a schema (a map's value schema). */
  readonly additional?: unknown;
  /** Array item schema. */
  readonly items?: unknown;
  /** Named schemas (`$ref` targets) passed through to reach this alternative, outermost first. */
  readonly names: readonly string[];
  /** The named schema this alternative is (the innermost `$ref` target that is not merged with others). */
  readonly name?: string;
  readonly title?: string;
}

const ANY: Alternative = { kind: 'any', properties: new Map(), origins: new Map(), required: new Set(), names: [] };
/** Cap on alternatives produced by distributing an `allOf` over unions. */
const MAX_ALTERNATIVES = 64;

/** Resolves schema nodes of one document into alternatives, memoised per node. */
export class SchemaResolver {
  private readonly memo = new WeakMap<object, readonly Alternative[]>();
  private readonly active = new Set<object>();

  constructor(readonly root: JsonRecord) {}

  alternatives(node: unknown): readonly Alternative[] {
    if (node === true || node === undefined) return [ANY];
    if (node === false) return [];
    if (!isRecord(node)) return [ANY];
    const cached = this.memo.get(node);
    if (cached) return cached;
    if (this.active.has(node)) return [ANY]; // a cycle through $ref/allOf: stop here
    this.active.add(node);
    try {
      const result = this.compute(node);
      this.memo.set(node, result);
      return result;
    } finally {
      this.active.delete(node);
    }
  }

  /** The named schema a node refers to directly, if any. */
  refTarget(node: unknown): string | undefined {
    const ref = field(node, '$ref');
    return typeof ref === 'string' ? refName(ref) : undefined;
  }

  private compute(node: JsonRecord): readonly Alternative[] {
    let result: Alternative[];
    const ref = node.$ref;
    if (typeof ref === 'string') {
      const target = resolvePointer(this.root, ref);
      const name = refName(ref);
      result = this.alternatives(target).map((a) => ({
        ...a,
        names: [name, ...a.names],
        name: a.name ?? name,
        origins: withOrigin(a, name),
      }));
      // 3.1 allows siblings next to $ref: apply the structural ones as an extra allOf part.
      const rest = structuralSiblings(node);
      if (rest) result = mergeAll([result, this.alternatives(rest)]);
    } else {
      const parts: (readonly Alternative[])[] = [];
      const own = ownAlternatives(node);
      if (own) parts.push(own);
      const union = [...arrayField(node, 'oneOf'), ...arrayField(node, 'anyOf')];
      if (union.length > 0) parts.push(union.flatMap((m) => this.alternatives(m)));
      for (const part of arrayField(node, 'allOf')) parts.push(this.alternatives(part));
      result = parts.length === 0 ? [{ ...ANY, title: titleOf(node) }] : mergeAll(parts);
      const title = titleOf(node);
      if (title && result.length === 1 && !result[0].title) result = [{ ...result[0], title }];
    }
    if (node.nullable === true && !result.some((a) => a.kind === 'null' || a.kind === 'any')) {
      result = [...result, { ...ANY, kind: 'null' }];
    }
    return result;
  }
}

/** Property origins with `name` filled in for the properties that have none yet. */
function withOrigin(a: Alternative, name: string): ReadonlyMap<string, string> {
  if (a.properties.size === a.origins.size) return a.origins;
  const out = new Map(a.origins);
  for (const key of a.properties.keys()) if (!out.has(key)) out.set(key, name);
  return out;
}

function arrayField(node: JsonRecord, key: string): unknown[] {
  const v = node[key];
  return Array.isArray(v) ? v : [];
}

function titleOf(node: JsonRecord): string | undefined {
  return typeof node.title === 'string' ? node.title : undefined;
}

/** Siblings of a `$ref` that constrain the value (not `description`, `nullable` and the like). */
function structuralSiblings(node: JsonRecord): JsonRecord | undefined {
  const keys = ['type', 'properties', 'required', 'enum', 'const', 'items', 'allOf', 'oneOf', 'anyOf'];
  const out: JsonRecord = {};
  let any = false;
  for (const k of keys) {
    if (k in node) {
      out[k] = node[k];
      any = true;
    }
  }
  return any ? out : undefined;
}

/** The alternatives from the node's own keywords; undefined when it has none (a pure union or allOf). */
function ownAlternatives(node: JsonRecord): Alternative[] | undefined {
  const declared = node.type;
  let types: string[] = Array.isArray(declared)
    ? declared.filter((t): t is string => typeof t === 'string')
    : typeof declared === 'string'
      ? [declared]
      : [];
  let values: unknown[] | undefined = Array.isArray(node.enum) ? node.enum : undefined;
  if ('const' in node) values = [node.const];
  const properties = new Map<string, unknown>(isRecord(node.properties) ? Object.entries(node.properties) : []);
  const required = new Set(arrayField(node, 'required').filter((r): r is string => typeof r === 'string'));
  const additional = isRecord(node.additionalProperties) ? node.additionalProperties : undefined;
  const items = 'items' in node ? node.items : undefined;
  if (types.length === 0) {
    if (properties.size > 0 || required.size > 0 || 'additionalProperties' in node) types = ['object'];
    else if (items !== undefined) types = ['array'];
    else if (values) types = [...new Set(values.map(kindOfValue))];
    else return undefined;
  }
  if (values?.includes(null) && !types.includes('null')) types.push('null');
  const title = titleOf(node);
  const out: Alternative[] = [];
  for (const t of types) {
    if (!KINDS.has(t)) continue;
    const kind = t as Kind;
    const kindValues = values?.filter((v) => v !== null && valueFits(kind, v));
    if (values && kind !== 'null' && kindValues?.length === 0) continue;
    out.push({
      kind,
      enumValues: kind === 'null' ? undefined : kindValues,
      properties: kind === 'object' ? properties : new Map(),
      origins: new Map(),
      required: kind === 'object' ? required : new Set(),
      additional: kind === 'object' ? additional : undefined,
      items: kind === 'array' ? items : undefined,
      names: [],
      title,
    });
  }
  return out;
}

function kindOfValue(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'object') return typeof v as Kind;
  return 'any';
}

function valueFits(kind: Kind, v: unknown): boolean {
  const k = kindOfValue(v);
  return k === kind || (kind === 'number' && k === 'integer');
}

/** Intersects lists of alternatives (allOf): the cross product of compatible pairs, capped. */
function mergeAll(parts: readonly (readonly Alternative[])[]): Alternative[] {
  let acc: Alternative[] = [...parts[0]];
  for (const part of parts.slice(1)) {
    const next: Alternative[] = [];
    for (const a of acc) {
      for (const b of part) {
        const m = mergePair(a, b);
        if (m) next.push(m);
        if (next.length >= MAX_ALTERNATIVES) break;
      }
    }
    acc = next;
  }
  return acc;
}

function mergePair(a: Alternative, b: Alternative): Alternative | undefined {
  let kind: Kind;
  if (a.kind === 'any') kind = b.kind;
  else if (b.kind === 'any' || a.kind === b.kind) kind = a.kind;
  else if ((a.kind === 'integer' && b.kind === 'number') || (a.kind === 'number' && b.kind === 'integer'))
    kind = 'integer';
  else return undefined;
  let enumValues = a.enumValues ?? b.enumValues;
  if (a.enumValues && b.enumValues) {
    const other = b.enumValues;
    enumValues = a.enumValues.filter((v) => other.includes(v));
  }
  return {
    kind,
    enumValues,
    properties: new Map([...a.properties, ...b.properties]),
    origins: new Map([...a.origins, ...b.origins]),
    required: new Set([...a.required, ...b.required]),
    additional: a.additional ?? b.additional,
    items: a.items ?? b.items,
    names: [...a.names, ...b.names],
    // A merge keeps a name only when the other side adds no constraints of its own.
    name: trivial(b) ? a.name : trivial(a) ? b.name : undefined,
    title: a.title ?? b.title,
  };
}

function trivial(a: Alternative): boolean {
  return a.properties.size === 0 && a.required.size === 0 && !a.enumValues && a.items === undefined;
}

/** The single allowed value of a property schema (a discriminator), if it has exactly one. */
export function constValue(resolver: SchemaResolver, node: unknown): unknown {
  const alts = resolver.alternatives(node).filter((a) => a.kind !== 'null');
  if (alts.length === 1 && alts[0].enumValues?.length === 1) return alts[0].enumValues[0];
  return undefined;
}
