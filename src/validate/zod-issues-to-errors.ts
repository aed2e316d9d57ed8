/**
 * Turns zod issues into `{ path, message }` errors a person can act on.
 *
 * Zod reports a failed union as one `invalid_union` issue holding every member's issues. For a union whose member is
 * chosen by a discriminator (`type`, `role`) or by the JSON type (string vs array), this reports the issues of the
 * member the value was meant to be, at their own paths (`messages[0].content[1].source.media_type`), and, when no
 * member fits, names the allowed discriminator values.
 */
import { formatPath } from '../core/json-path.js';
import type { ValidationIssue } from './types.js';

/** The part of a zod 4 issue this module reads. */
export interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: unknown;
  readonly values?: readonly unknown[];
  readonly errors?: readonly (readonly ZodIssueLike[])[];
  /** `z.discriminatedUnion` with no member for the value: the discriminator key (last path segment) and its values. */
  readonly discriminator?: string;
  readonly options?: readonly unknown[];
}

const DISCRIMINATORS: readonly string[] = ['type', 'role'];

type Segment = string | number;

function toSegments(path: readonly PropertyKey[]): Segment[] {
  return path.map((p) => (typeof p === 'symbol' ? String(p) : p));
}

function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, seg)) return undefined;
    cur = (cur as Record<Segment, unknown>)[seg];
  }
  return cur;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A short rendering of a discriminator value; objects and arrays are named, never stringified (they may be huge). */
function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
  if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol')
    return `(${describe(value)})`;
  return String(value);
}

function isDiscriminatorIssue(issue: ZodIssueLike): boolean {
  return (
    issue.path.length === 1 &&
    typeof issue.path[0] === 'string' &&
    DISCRIMINATORS.includes(issue.path[0]) &&
    (issue.code === 'invalid_value' || issue.code === 'invalid_type')
  );
}

/**
 * A member rejects the value outright: wrong JSON type, wrong literal, or wrong discriminator; or the member is a
 * discriminated union whose discriminator the value does not have at all (`value` is the value at the union).
 */
function rejectsAtRoot(member: readonly ZodIssueLike[], value: unknown): boolean {
  for (const issue of member) {
    if (issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return true;
    if (isDiscriminatorIssue(issue)) return true;
    if (isMissingDiscriminator(issue, value)) return true;
  }
  return false;
}

/** A `z.discriminatedUnion` found no member because the value lacks the discriminator key altogether. */
function isMissingDiscriminator(issue: ZodIssueLike, value: unknown): boolean {
  const key = issue.path[0];
  return (
    issue.code === 'invalid_union' &&
    issue.discriminator !== undefined &&
    issue.path.length === 1 &&
    typeof key === 'string' &&
    typeof value === 'object' &&
    value !== null &&
    !Object.hasOwn(value, key)
  );
}

class Collector {
  readonly errors: ValidationIssue[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly input: unknown) {}

  add(path: readonly Segment[], message: string): void {
    const p = formatPath(path);
    const key = `${p}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.errors.push({ path: p, message });
  }

  issues(issues: readonly ZodIssueLike[], base: readonly Segment[]): void {
    for (const issue of issues) {
      const path = base.concat(toSegments(issue.path));
      if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) this.union(issue.errors, path);
      else if (issue.code === 'invalid_union' && issue.discriminator !== undefined && issue.options) {
        this.badDiscriminator(path, issue.discriminator, issue.options);
      } else this.add(path, this.message(issue, path));
    }
  }

  private message(issue: ZodIssueLike, path: readonly Segment[]): string {
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && path.length > 0) {
      const parent = valueAt(this.input, path.slice(0, -1));
      const key = path[path.length - 1];
      if (typeof parent === 'object' && parent !== null && key !== undefined && !Object.hasOwn(parent, key)) {
        // an absent enum or literal property: zod says "invalid option"; name what is missing and what it may be
        const expected =
          issue.code === 'invalid_type'
            ? String(issue.expected)
            : `one of ${(issue.values ?? []).map(quote).join(', ')}`;
        return `required property is missing (expected ${expected})`;
      }
    }
    return issue.message;
  }

  /** `path` ends with the discriminator key. */
  private badDiscriminator(path: readonly Segment[], key: string, options: readonly unknown[]): void {
    const list = options.map(quote).join(', ');
    const got = valueAt(this.input, path);
    this.add(
      path,
      got === undefined
        ? `required discriminator "${key}" is missing; expected one of: ${list}`
        : `unknown ${key} ${quote(got)}; expected one of: ${list}`,
    );
  }

  private union(members: readonly (readonly ZodIssueLike[])[], path: readonly Segment[]): void {
    const atUnion = valueAt(this.input, path);
    let best: readonly ZodIssueLike[] | undefined;
    for (const member of members) {
      if (rejectsAtRoot(member, atUnion)) continue;
      if (best === undefined || member.length < best.length) best = member;
    }
    if (best !== undefined) {
      this.issues(best, path);
      return;
    }
    if (typeof atUnion === 'object' && atUnion !== null && !Array.isArray(atUnion)) {
      for (const key of DISCRIMINATORS) {
        const allowed = new Set<unknown>();
        for (const member of members) {
          for (const issue of member) {
            if (issue.path.length === 1 && issue.path[0] === key && issue.code === 'invalid_value' && issue.values) {
              for (const v of issue.values) if (v !== null && v !== undefined) allowed.add(v);
            }
          }
        }
        if (allowed.size === 0) continue;
        this.badDiscriminator(path.concat(key), key, [...allowed]);
        return;
      }
    }
    const expected = new Set<string>();
    for (const member of members) {
      for (const issue of member) {
        if (issue.path.length !== 0) continue;
        if (issue.code === 'invalid_type') expected.add(String(issue.expected));
        else if (issue.code === 'invalid_value' && issue.values) for (const v of issue.values) expected.add(quote(v));
      }
    }
    const what = expected.size > 0 ? [...expected].join(' or ') : 'one of the allowed shapes';
    this.add(path, `expected ${what}, received ${describe(atUnion)}`);
  }
}

/** Converts the issues of a failed `safeParse(input)` into validation errors (paths relative to `input`). */
export function zodIssuesToErrors(issues: readonly ZodIssueLike[], input: unknown): ValidationIssue[] {
  const collector = new Collector(input);
  collector.issues(issues, []);
  return collector.errors;
}
