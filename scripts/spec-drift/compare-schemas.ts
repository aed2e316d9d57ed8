/**
 * Walks an upstream schema and ours in parallel and records what upstream has that we lack, the conflicts
 * (ours rejects values upstream allows) and coverage counts.
 *
 * Rules (ours = our spec, up = upstream):
 *  - union members are matched by JSON kind, then for objects by discriminator value (a property with a single
 *    allowed value, e.g. `type: text`), then title/schema name, then property overlap;
 *  - a missing property, union member or enum value is a gap;
 *  - a conflict is: up allows a kind of value (including null) that ours does not; ours restricts to an enum where
 *    up takes any value; ours requires a property up does not require;
 *  - ours being wider (more kinds, extra enum values, fewer required properties) is informational.
 * Locations are named after the nearest named upstream schema, so counts and reports are deduplicated.
 */
import type { Coverage, Finding, FindingKind, Section } from './findings.js';
import { type Alternative, constValue, type SchemaResolver } from './schema-alternatives.js';

export interface CompareContext {
  readonly up: SchemaResolver;
  readonly ours: SchemaResolver;
  /** The operation being compared (set by the caller before each operation). */
  operation: string;
  readonly findings: Finding[];
  readonly coverage: Coverage;
  /** Upstream schema names met by the walk while ours had a counterpart. */
  readonly matchedSchemas: Set<string>;
  /** Per section: pairs already compared (up node → our nodes), and upstream nodes already counted alone. */
  readonly visited: Map<Section, WeakMap<object, WeakSet<object>>>;
  readonly counted: Map<Section, WeakSet<object>>;
  /** Locations already reported, per kind, so a shared schema is reported once. */
  readonly reported: Set<string>;
  /** Enum values by upstream location (missing values are decided once all matches are known). */
  readonly enumSites: Map<string, EnumSite>;
  /** Enum values by our alternative (extra values are decided against every upstream value matched to it). */
  readonly extraSites: Map<Alternative, EnumSite>;
}

interface EnumSite {
  readonly where: Where;
  readonly operation: string;
  readonly up: Set<unknown>;
  readonly ours: Set<unknown>;
  /** Ours accepts any value here. */
  open: boolean;
}

export function createContext(
  up: SchemaResolver,
  ours: SchemaResolver,
  coverage: Coverage,
  findings: Finding[],
): CompareContext {
  return {
    up,
    ours,
    operation: '',
    findings,
    coverage,
    matchedSchemas: new Set(),
    visited: new Map(),
    counted: new Map(),
    reported: new Set(),
    enumSites: new Map(),
    extraSites: new Map(),
  };
}

interface Where {
  readonly section: Section;
  readonly location: string;
  readonly path: string;
}

const ABSENT = Object.freeze({});

export function compareSchemas(ctx: CompareContext, up: unknown, ours: unknown, where: Where): void {
  if (!markVisited(ctx, where.section, up, ours)) return;
  const upAlts = ctx.up.alternatives(up);
  const ourAlts = ctx.ours.alternatives(ours);
  const upName = ctx.up.refTarget(up);
  const location = upName ?? where.location;
  const many = upAlts.filter((a) => a.kind !== 'null').length > 1;
  const ourOpen = ourAlts.some((a) => a.kind === 'any');

  for (const alt of upAlts) {
    if (alt.kind === 'null') {
      if (!ourOpen && !ourAlts.some((a) => a.kind === 'null')) {
        report(ctx, 'conflict', { ...where, location }, 'upstream allows null, ours does not');
      }
      continue;
    }
    if (alt.kind === 'any') {
      for (const n of alt.names) ctx.matchedSchemas.add(n);
      continue;
    }
    const altWhere = { ...where, location: alternativeLocation(ctx, alt, location, many) };
    const match = pickMatch(ctx, alt, ourAlts);
    if (match === 'mismatch') {
      report(ctx, 'missing-member', altWhere, `union member ${memberLabel(ctx, alt)} is not modeled`);
      countAlternative(ctx, alt, altWhere);
    } else if (match === undefined) {
      const ourKinds = [...new Set(ourAlts.map((a) => a.kind))].join('|') || 'nothing';
      report(ctx, 'conflict', altWhere, `upstream allows ${alt.kind}, ours only ${ourKinds}`);
      countAlternative(ctx, alt, altWhere);
    } else {
      for (const n of alt.names) ctx.matchedSchemas.add(n);
      for (const m of match) {
        if (m.kind === 'any') countAlternative(ctx, alt, altWhere, true);
        else compareAlternatives(ctx, alt, m, altWhere);
      }
    }
  }
  const upKinds = new Set(upAlts.map((a) => a.kind));
  if (!upKinds.has('any')) {
    const extra = ourAlts.filter((a) => !upKinds.has(a.kind) && !(a.kind === 'number' && upKinds.has('integer')));
    for (const a of extra) report(ctx, 'wider', { ...where, location }, `ours also allows ${a.kind}`);
  }
}

/**
 * Counts an upstream schema's properties and enum values without a counterpart in ours (`freeForm`: ours accepts
 * them anyway, through a free-form object or an unconstrained schema).
 */
export function countUpstream(ctx: CompareContext, up: unknown, where: Where, freeForm = false): void {
  if (typeof up === 'object' && up !== null) {
    let counted = ctx.counted.get(where.section);
    if (!counted) {
      counted = new WeakSet();
      ctx.counted.set(where.section, counted);
    }
    if (counted.has(up)) return;
    counted.add(up);
  }
  const upAlts = ctx.up.alternatives(up);
  const location = ctx.up.refTarget(up) ?? where.location;
  const many = upAlts.filter((a) => a.kind !== 'null').length > 1;
  for (const alt of upAlts) {
    if (alt.kind === 'null' || alt.kind === 'any') continue;
    countAlternative(ctx, alt, { ...where, location: alternativeLocation(ctx, alt, location, many) }, freeForm);
  }
}

function countAlternative(ctx: CompareContext, alt: Alternative, where: Where, freeForm = false): void {
  for (const v of alt.enumValues ?? []) {
    const key = `${where.location}=${String(v)}`;
    ctx.coverage.enumValues.total.add(key);
    if (freeForm) ctx.coverage.enumValues.freeForm.add(key);
  }
  const tally = ctx.coverage.properties[where.section];
  for (const [name, schema] of alt.properties) {
    const location = `${alt.origins.get(name) ?? where.location}.${name}`;
    tally.total.add(location);
    if (freeForm) tally.freeForm.add(location);
    countUpstream(ctx, schema, { ...where, location, path: join(where.path, name) }, freeForm);
  }
  if (alt.items !== undefined) countUpstream(ctx, alt.items, step(where, '[]'), freeForm);
  if (alt.additional !== undefined) countUpstream(ctx, alt.additional, step(where, '{}'), freeForm);
}

function compareAlternatives(ctx: CompareContext, up: Alternative, ours: Alternative, where: Where): void {
  compareEnums(ctx, up, ours, where);
  if (up.kind === 'object') compareProperties(ctx, up, ours, where);
  if (up.kind === 'array' && up.items !== undefined) {
    if (ours.items === undefined) countUpstream(ctx, up.items, step(where, '[]'));
    else compareSchemas(ctx, up.items, ours.items, step(where, '[]'));
  }
  if (up.kind === 'object' && up.additional !== undefined) {
    if (ours.additional === undefined) countUpstream(ctx, up.additional, step(where, '{}'));
    else compareSchemas(ctx, up.additional, ours.additional, step(where, '{}'));
  }
}

function compareEnums(ctx: CompareContext, up: Alternative, ours: Alternative, where: Where): void {
  if (up.enumValues) {
    let site = ctx.enumSites.get(where.location);
    if (!site) {
      site = { where, operation: ctx.operation, up: new Set(), ours: new Set(), open: false };
      ctx.enumSites.set(where.location, site);
    }
    for (const v of up.enumValues) site.up.add(v);
    if (ours.enumValues) for (const v of ours.enumValues) site.ours.add(v);
    else site.open = true;
    if (ours.enumValues) {
      let extra = ctx.extraSites.get(ours);
      if (!extra) {
        extra = { where, operation: ctx.operation, up: new Set(), ours: new Set(ours.enumValues), open: false };
        ctx.extraSites.set(ours, extra);
      }
      for (const v of up.enumValues) extra.up.add(v);
    }
  } else if (ours.enumValues) {
    const values = ours.enumValues.map((v) => JSON.stringify(v)).join(', ');
    report(ctx, 'conflict', where, `ours allows only ${values}; upstream allows any ${up.kind}`);
  }
}

/** Decides missing and extra enum values once every match is known; call after the last comparison. */
export function finishEnums(ctx: CompareContext): void {
  const tally = ctx.coverage.enumValues;
  for (const site of ctx.enumSites.values()) {
    const missing: string[] = [];
    for (const v of site.up) {
      const key = `${site.where.location}=${String(v)}`;
      tally.total.add(key);
      if (site.open || site.ours.has(v)) tally.modeled.add(key);
      else missing.push(JSON.stringify(v));
    }
    if (missing.length > 0) {
      ctx.operation = site.operation;
      report(ctx, 'missing-enum', site.where, `enum values ${missing.join(', ')} are not modeled`);
    }
  }
  for (const site of ctx.extraSites.values()) {
    const extra = [...site.ours].filter((v) => !site.up.has(v)).map((v) => JSON.stringify(v));
    if (extra.length > 0) {
      ctx.operation = site.operation;
      report(ctx, 'extra-enum', site.where, `ours also allows ${extra.join(', ')}`);
    }
  }
}

function compareProperties(ctx: CompareContext, up: Alternative, ours: Alternative, where: Where): void {
  const tally = ctx.coverage.properties[where.section];
  const opaque = ours.properties.size === 0; // a free-form object of ours takes any properties
  for (const [name, upSchema] of up.properties) {
    const location = `${up.origins.get(name) ?? where.location}.${name}`;
    const child = { ...where, location, path: join(where.path, name) };
    tally.total.add(location);
    const ourSchema = ours.properties.get(name);
    if (ourSchema !== undefined) {
      tally.modeled.add(location);
      if (up.required.has(name) && !ours.required.has(name)) {
        report(ctx, 'looser', child, 'upstream requires it, ours does not');
      }
      compareSchemas(ctx, upSchema, ourSchema, child);
    } else if (opaque) {
      tally.freeForm.add(location);
      countUpstream(ctx, upSchema, child, true);
    } else {
      report(ctx, 'missing-property', child, 'property is not modeled');
      countUpstream(ctx, upSchema, child);
    }
  }
  for (const name of ours.required) {
    if (up.required.has(name)) continue;
    const child = {
      ...where,
      location: `${up.origins.get(name) ?? where.location}.${name}`,
      path: join(where.path, name),
    };
    if (up.properties.has(name)) report(ctx, 'conflict', child, 'ours requires it, upstream does not');
    else if (up.properties.size > 0) report(ctx, 'conflict', child, 'ours requires it, upstream does not define it');
  }
}

/**
 * Finds our alternatives for an upstream one; 'mismatch' when ours has the kind but not this union member.
 * Several when an upstream member spans several of ours (upstream `role: user|assistant` in one object, ours one
 * member per role).
 */
function pickMatch(
  ctx: CompareContext,
  up: Alternative,
  ours: readonly Alternative[],
): readonly Alternative[] | 'mismatch' | undefined {
  const open = ours.find((a) => a.kind === 'any');
  const candidates = ours.filter((a) => a.kind === up.kind || (a.kind === 'number' && up.kind === 'integer'));
  if (candidates.length === 0) return open ? [open] : undefined;
  if (up.kind !== 'object') {
    if (candidates.length === 1 || !up.enumValues) return [candidates[0]];
    const values = up.enumValues;
    return [maxBy(candidates, (c) => (c.enumValues ? overlap(c.enumValues, values) : Number.MAX_SAFE_INTEGER))];
  }
  // Objects: discriminator values decide (a property with a single value on one side at least).
  let pool = candidates;
  let spans = false;
  for (const [prop, schema] of up.properties) {
    const upValues = finiteValues(ctx.up, schema);
    if (!upValues) continue;
    // A candidate takes part when either side pins one value, or when both allow several and share one
    // (upstream `type: web_search|web_search_2025_08_26` against ours with the same two values).
    const withProp = pool.filter((c) => {
      const v = finiteValues(ctx.ours, c.properties.get(prop));
      return v !== undefined && (v.length === 1 || upValues.length === 1 || overlap(v, upValues) > 0);
    });
    if (withProp.length === 0) continue;
    const same = withProp.filter((c) => overlap(finiteValues(ctx.ours, c.properties.get(prop)) ?? [], upValues) > 0);
    if (same.length === 0) return 'mismatch';
    pool = same;
    if (upValues.length > 1 && same.length > 1) spans = true;
  }
  if (pool.length === 1 || spans) return pool;
  const byName = pool.find((c) => (up.title && c.title === up.title) || (up.name && c.name === up.name));
  if (byName) return [byName];
  return [maxBy(pool, (c) => overlap([...c.properties.keys()], [...up.properties.keys()]))];
}

/** The allowed values of a property schema when it is restricted to an enum (null ignored). */
function finiteValues(resolver: SchemaResolver, node: unknown): readonly unknown[] | undefined {
  if (node === undefined) return undefined;
  const alts = resolver.alternatives(node).filter((a) => a.kind !== 'null');
  if (alts.length === 0 || alts.some((a) => !a.enumValues)) return undefined;
  return alts.flatMap((a) => a.enumValues ?? []);
}

function overlap(a: readonly unknown[], b: readonly unknown[]): number {
  let n = 0;
  for (const v of a) if (b.includes(v)) n++;
  return n;
}

function maxBy<T>(items: readonly T[], score: (t: T) => number): T {
  let best = items[0];
  let bestScore = score(best);
  for (const item of items.slice(1)) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

/** The location of a union member: its schema name, else `<discriminator or title or kind>` under the parent. */
function alternativeLocation(ctx: CompareContext, alt: Alternative, location: string, many: boolean): string {
  if (alt.name) return alt.name;
  return many ? `${location}<${memberLabel(ctx, alt)}>` : location;
}

function memberLabel(ctx: CompareContext, alt: Alternative): string {
  for (const prop of ['type', 'role', 'event', 'kind']) {
    const schema = alt.properties.get(prop);
    if (schema === undefined) continue;
    const value = constValue(ctx.up, schema);
    if (value !== undefined) return `${prop}=${String(value)}`;
  }
  return alt.name ?? alt.title ?? alt.kind;
}

/** Records that `up` was compared with `ours` in this section; false when it already was. */
function markVisited(ctx: CompareContext, section: Section, up: unknown, ours: unknown): boolean {
  if (typeof up !== 'object' || up === null) return true;
  const key = typeof ours === 'object' && ours !== null ? ours : ABSENT;
  let pairs = ctx.visited.get(section);
  if (!pairs) {
    pairs = new WeakMap();
    ctx.visited.set(section, pairs);
  }
  let set = pairs.get(up);
  if (!set) {
    set = new WeakSet();
    pairs.set(up, set);
  }
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

function report(ctx: CompareContext, kind: FindingKind, where: Where, detail: string): void {
  const key = `${kind}|${where.section}|${where.location}|${detail}`;
  if (ctx.reported.has(key)) return;
  ctx.reported.add(key);
  ctx.findings.push({
    kind,
    section: where.section,
    operation: ctx.operation,
    location: where.location,
    path: where.path,
    detail,
  });
}

function step(where: Where, suffix: string): Where {
  return { ...where, location: where.location + suffix, path: where.path + suffix };
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}
