/**
 * Compiles zod schemas into plain TypeScript predicates, `(value: unknown) => boolean`, that are true exactly when the
 * schema's `safeParse(value)` succeeds (for JSON values; for the rest they may say false where zod says true, never the
 * other way). `npm run generate` writes them to `generated/validators.gen.ts` from the schemas `src/validate` runs
 * (`COMPILED_SCHEMAS` in src/validate/format-schemas.ts), so a valid body is accepted without zod and zod only runs to
 * explain a body the predicate refuses.
 *
 * The compiler reads each schema's zod definition (`_zod.def`), never the OpenAPI document: it checks exactly what zod
 * checks. What it does not know how to compile (a transform, a default, a refinement, a check it has no rule for) stops
 * the generation with the schema's path, so a spec change cannot make the predicates silently drift from zod.
 *
 * The zod semantics mirrored here (zod 4): an object is any non-null, non-array `typeof 'object'`, unknown keys are
 * accepted unless the object has a `never` catchall; a required key must be present (`key in value`) and valid, an
 * optional key is valid when absent or `undefined`; `z.number()` refuses NaN and ±Infinity and `z.int()` is a safe
 * integer; a record is a plain object whose own enumerable string keys (`__proto__` aside) hold valid values; a
 * discriminated union picks its member by the discriminator's value alone (no match: invalid); a union accepts what
 * any member accepts.
 */
import type * as z from 'zod';

type Schema = z.core.$ZodType;

/** The fields of a zod definition this compiler reads (each one narrowed before use). */
interface Def {
  readonly type: string;
  readonly check?: string;
  readonly format?: string;
  readonly coerce?: boolean;
  readonly checks?: readonly Schema[];
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly element?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly options?: readonly Schema[];
  readonly discriminator?: string;
  readonly unionFallback?: boolean;
  readonly innerType?: Schema;
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
  readonly mode?: string;
}

/** The fields of a check's definition this compiler reads. */
interface CheckDef {
  readonly check: string;
  readonly value?: unknown;
  readonly inclusive?: boolean;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly length?: unknown;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly when?: unknown;
}

function defOf(schema: Schema): Def {
  return schema._zod.def as unknown as Def;
}

/** `z.lazy(() => x)` is `x`. */
function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; defOf(s).type === 'lazy'; i++) {
    if (i > 100) throw new Error('z.lazy resolves to itself');
    s = (s._zod as unknown as { innerType: Schema }).innerType;
  }
  return s;
}

function acceptsUndefined(schema: Schema): boolean {
  return (schema as unknown as z.ZodType).safeParse(undefined).success;
}

const COMPLEX = new Set(['object', 'array', 'record', 'union']);
const IDENT = /^[A-Za-z_$][\w$]*$/;

export interface CompileInput {
  /** The exported predicates: their key in `VALIDATORS` → the schema. */
  readonly roots: Readonly<Record<string, Schema>>;
  /** Names for schemas that get a function of their own (shared sub-schemas), e.g. `AnthropicMessages_Message`. */
  readonly names: ReadonlyMap<Schema, string>;
  /** The comment at the top of the file. */
  readonly header: string;
}

class Compiler {
  private readonly fns = new Map<Schema, string>();
  private readonly used = new Set<string>();
  private readonly functions: { name: string; body: string }[] = [];
  private readonly constants: string[] = [];
  private readonly constantsByInit = new Map<string, string>();
  private readonly path: string[] = [];

  constructor(private readonly names: ReadonlyMap<Schema, string>) {}

  /** The name of the predicate function for `schema`, compiled on first use. */
  fn(schema: Schema, hint: string): string {
    const s = resolve(schema);
    const known = this.fns.get(s);
    if (known !== undefined) return known;
    const name = this.unique(`is${this.names.get(s) ?? hint}`);
    this.fns.set(s, name);
    this.path.push(name);
    const body = this.body(s, name);
    this.path.pop();
    this.functions.push({ name, body });
    return name;
  }

  render(header: string, exports: readonly [string, string][]): string {
    const renamed = this.dedupe();
    const functions = this.functions.filter((f) => !renamed.has(f.name));
    const exported = exports.map(([key, fn]): [string, string] => [key, renamed.get(fn) ?? fn]);
    return [
      header,
      '',
      '/** A plain object (as `z.record` requires) without symbol keys; else false. */',
      'function isPlainRecord(v: unknown): v is Record<string, unknown> {',
      "  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      '  const c: unknown = (v as { constructor?: unknown }).constructor;',
      "  if (c !== Object && c !== undefined && typeof c === 'function') return false;",
      '  return Object.getOwnPropertySymbols(v).length === 0;',
      '}',
      '',
      ...this.constants,
      '',
      ...functions.flatMap((f) => [`function ${f.name}(v: unknown): boolean {\n${f.body}\n}`, '']),
      '/** One predicate per schema, by the schema\u2019s key in `COMPILED_SCHEMAS` (src/validate/format-schemas.ts). */',
      'export const VALIDATORS: Readonly<Record<string, (value: unknown) => boolean>> = {',
      ...exported.map(([key, fn]) => `  ${IDENT.test(key) ? key : JSON.stringify(key)}: ${fn},`),
      '};',
      '',
    ].join('\n');
  }

  /**
   * Functions with the same body (schemas of the same shape: a block in the request and in the response) become one:
   * their callers all call the one kept. Repeated until nothing changes, since merging two can make their callers
   * equal. Returns each dropped name → the name that replaces it; the bodies are rewritten in place.
   */
  private dedupe(): Map<string, string> {
    const renamed = new Map<string, string>();
    for (let changed = true; changed; ) {
      changed = false;
      const byBody = new Map<string, string[]>();
      for (const f of this.functions) {
        if (renamed.has(f.name)) continue;
        const names = byBody.get(f.body);
        if (names === undefined) byBody.set(f.body, [f.name]);
        else names.push(f.name);
      }
      for (const names of byBody.values()) {
        if (names.length < 2) continue;
        // a schema's own name (`isGemini_Content`) says more than a place (`isGemini_Tool$functionDeclarations`)
        const kept = names.find((n) => !n.includes('$')) ?? names[0]!;
        for (const n of names) if (n !== kept) renamed.set(n, kept);
        changed = true;
      }
      if (!changed) break;
      for (const [from, to] of renamed) for (const [a, b] of renamed) if (b === from) renamed.set(a, to);
      const call = new RegExp(
        `(?<![\\w$])(${[...renamed.keys()].map((n) => n.replace(/\$/g, '\\$')).join('|')})\\(`,
        'g',
      );
      for (const f of this.functions) f.body = f.body.replace(call, (_, n: string) => `${renamed.get(n)}(`);
    }
    return renamed;
  }

  private unique(base: string): string {
    const clean = base.replace(/[^\w$]/g, '_');
    let name = clean;
    for (let i = 2; this.used.has(name); i++) name = `${clean}_${i}`;
    this.used.add(name);
    return name;
  }

  private fail(what: string): never {
    throw new Error(`generate-validators: ${what} (in ${this.path.join(' > ') || 'a root'})`);
  }

  /** A module-level constant (a `Set` of enum values, a regex); one per distinct value. */
  private constant(init: string, hint: string): string {
    const known = this.constantsByInit.get(init);
    if (known !== undefined) return known;
    const name = this.unique(`${hint.toUpperCase()}_${this.constants.length + 1}`);
    this.constants.push(`const ${name} = ${init};`);
    this.constantsByInit.set(init, name);
    return name;
  }

  /** Statements ending in `return <boolean>` over the parameter `v`. */
  private body(s: Schema, name: string): string {
    const def = defOf(s);
    switch (def.type) {
      case 'object':
        return this.objectBody(def, name);
      case 'array':
        return this.arrayBody(s, def, name);
      case 'record':
        return this.recordBody(def, name);
      case 'union':
        return def.discriminator !== undefined ? this.discriminatedBody(def, name) : this.unionBody(def, name);
      default:
        return `  return ${this.expr(s, 'v', name)};`;
    }
  }

  /** A boolean expression over the identifier `x` (read any number of times). */
  expr(schema: Schema, x: string, hint: string): string {
    const s = resolve(schema);
    const def = defOf(s);
    if (def.coerce) this.fail(`${def.type}: coercion is not compiled`);
    if (COMPLEX.has(def.type)) {
      if (def.checks?.length && def.type !== 'array') this.fail(`${def.type}: checks are not compiled`);
      return `${this.fn(s, hint)}(${x})`;
    }
    switch (def.type) {
      case 'unknown':
      case 'any':
        this.noChecks(def);
        return 'true';
      case 'string':
        // a format (`z.url()`, `z.email()`…) is the schema's own check
        if (def.check !== undefined) this.fail(`string format "${def.format ?? def.check}" is not compiled`);
        return this.withChecks(`typeof ${x} === 'string'`, this.checkExprs(s, def, x, 'string'));
      case 'number': {
        const base = this.numberFormat(def, x);
        return this.withChecks(base, this.checkExprs(s, def, x, 'number'));
      }
      case 'boolean':
        this.noChecks(def);
        return `typeof ${x} === 'boolean'`;
      case 'null':
        this.noChecks(def);
        return `${x} === null`;
      case 'undefined':
        this.noChecks(def);
        return `${x} === undefined`;
      case 'literal':
        this.noChecks(def);
        return this.oneOf(def.values ?? [], x, hint);
      case 'enum': {
        this.noChecks(def);
        const values = Object.values(def.entries ?? {});
        if (!values.every((v) => typeof v === 'string')) this.fail('enum: only string values are compiled');
        return this.oneOf(values, x, hint);
      }
      case 'optional': {
        this.noChecks(def);
        const inner = this.inner(def);
        if (inner._zod.optin === 'defaulted') this.fail('optional(default): defaults are not compiled');
        return `(${x} === undefined || ${this.expr(inner, x, hint)})`;
      }
      case 'nullable':
        this.noChecks(def);
        return `(${x} === null || ${this.expr(this.inner(def), x, hint)})`;
      default:
        return this.fail(`zod type "${def.type}" is not compiled`);
    }
  }

  private inner(def: Def): Schema {
    if (!def.innerType) this.fail(`${def.type} without innerType`);
    return def.innerType;
  }

  private noChecks(def: Def): void {
    if (def.checks?.length) this.fail(`${def.type}: checks are not compiled`);
  }

  private withChecks(base: string, checks: string[]): string {
    return checks.length === 0 ? base : `(${[base, ...checks].join(' && ')})`;
  }

  private numberFormat(def: Def, x: string): string {
    if (def.check === undefined) return `(typeof ${x} === 'number' && Number.isFinite(${x}))`;
    if (def.check === 'number_format' && def.format === 'safeint')
      return `(typeof ${x} === 'number' && Number.isSafeInteger(${x}))`;
    return this.fail(`number check "${def.check}" (${def.format}) is not compiled`);
  }

  /** `v` as TypeScript source, for a value zod compares with `===` (`what` names it when it cannot be). */
  private literal(v: unknown, what: string): string {
    if (v === undefined) return 'undefined';
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) return JSON.stringify(v);
    return this.fail(`${what} ${String(v)} is not compiled`);
  }

  private oneOf(values: readonly unknown[], x: string, hint: string): string {
    const literals = values.map((v) => this.literal(v, 'literal'));
    if (literals.length === 0) return 'false';
    if (literals.length <= 4) return `(${literals.map((l) => `${x} === ${l}`).join(' || ')})`;
    const set = this.constant(`new Set<unknown>([${literals.join(', ')}])`, `${hint}_values`);
    return `${set}.has(${x})`;
  }

  /** The checks of a string, number or array (`.min()`, `.gte()`, `.regex()`…) as expressions over `x`. */
  private checkExprs(s: Schema, def: Def, x: string, kind: 'string' | 'number' | 'array'): string[] {
    const out: string[] = [];
    for (const check of def.checks ?? []) {
      if (check === s) continue;
      const c = check._zod.def as unknown as CheckDef;
      const lengthCheck = c.check === 'min_length' || c.check === 'max_length' || c.check === 'length_equals';
      if (c.when !== undefined && !(lengthCheck && kind !== 'number')) this.fail(`check "${c.check}" with a condition`);
      const n = (v: unknown): string => {
        if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(`check "${c.check}" with a non-number bound`);
        return JSON.stringify(v);
      };
      if (kind === 'number' && c.check === 'greater_than') out.push(`${x} ${c.inclusive ? '>=' : '>'} ${n(c.value)}`);
      else if (kind === 'number' && c.check === 'less_than') out.push(`${x} ${c.inclusive ? '<=' : '<'} ${n(c.value)}`);
      else if (kind !== 'number' && c.check === 'min_length') out.push(`${x}.length >= ${n(c.minimum)}`);
      else if (kind !== 'number' && c.check === 'max_length') out.push(`${x}.length <= ${n(c.maximum)}`);
      else if (kind !== 'number' && c.check === 'length_equals') out.push(`${x}.length === ${n(c.length)}`);
      else if (kind === 'string' && c.check === 'string_format' && c.format === 'regex' && c.pattern) {
        if (c.pattern.global || c.pattern.sticky) this.fail('a global or sticky regex');
        const re = this.constant(c.pattern.toString(), 'pattern');
        out.push(`${re}.test(${x})`);
      } else this.fail(`${kind} check "${c.check}" is not compiled`);
    }
    return out;
  }

  private objectBody(def: Def, name: string): string {
    const lines = [
      "  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      '  const o = v as Record<string, unknown>;',
    ];
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) this.fail('symbol keys in an object shape');
    let declared = false;
    for (const key of Object.keys(shape)) {
      // zod skips a `__proto__` property in a shape
      if (key === '__proto__') continue;
      const prop = shape[key]!;
      const k = JSON.stringify(key);
      const optin = prop._zod.optin;
      const optout = prop._zod.optout;
      if (optin !== undefined && optout !== 'optional') this.fail(`property ${key}: a default is not compiled`);
      if (optin !== undefined && !acceptsUndefined(prop)) this.fail(`property ${key}: optional but refuses undefined`);
      const required = optin === undefined;
      // an optional property is valid when undefined: `p !== undefined` below says so, the wrapper need not again
      const checked = !required && defOf(prop).type === 'optional' ? this.inner(defOf(prop)) : prop;
      this.path.push(key);
      const check = this.expr(checked, 'p', `${name.replace(/^is/, '')}$${key}`);
      this.path.pop();
      if (required && acceptsUndefined(prop)) lines.push(`  if (!(${k} in o)) return false;`);
      if (check === 'true') continue;
      if (!declared) lines.push('  let p: unknown;');
      declared = true;
      lines.push(`  p = o[${k}];`);
      lines.push(
        required ? `  if (!${paren(check)}) return false;` : `  if (p !== undefined && !${paren(check)}) return false;`,
      );
    }
    if (def.catchall !== undefined) {
      const t = defOf(def.catchall).type;
      if (t === 'never') {
        const keys = this.constant(`new Set<string>(${JSON.stringify(Object.keys(shape))})`, `${name}_keys`);
        lines.push(`  for (const k in o) if (!${keys}.has(k)) return false;`);
      } else if (t !== 'unknown' && t !== 'any') this.fail(`catchall of type ${t}`);
    }
    lines.push('  return true;');
    return lines.join('\n');
  }

  private arrayBody(s: Schema, def: Def, name: string): string {
    if (!def.element) this.fail('array without element');
    const head = ['  if (!Array.isArray(v)) return false;'];
    for (const c of this.checkExprs(s, def, 'v', 'array')) head.push(`  if (!(${c})) return false;`);
    return this.eachItem(head, def.element, '[]', `${name}$item`, [
      '  for (let i = 0; i < v.length; i++) {',
      '    const e: unknown = v[i];',
    ]);
  }

  private recordBody(def: Def, name: string): string {
    if (!def.keyType || !def.valueType) this.fail('record without key or value type');
    const key = defOf(resolve(def.keyType));
    if (key.type !== 'string' || key.checks?.length || key.coerce) this.fail('record keys other than z.string()');
    if (def.mode !== undefined && def.mode !== 'strict') this.fail(`record mode ${def.mode}`);
    return this.eachItem(['  if (!isPlainRecord(v)) return false;'], def.valueType, '{}', `${name}$value`, [
      '  for (const k of Object.keys(v)) {',
      "    if (k === '__proto__') continue;",
      '    const e: unknown = v[k];',
    ]);
  }

  /** `head`, then `loop` (which binds each item to `e`) checking every item against `item`, unless anything goes. */
  private eachItem(head: string[], item: Schema, step: string, hint: string, loop: string[]): string {
    this.path.push(step);
    const check = this.expr(item, 'e', hint.replace(/^is/, ''));
    this.path.pop();
    const lines = check === 'true' ? head : [...head, ...loop, `    if (!${paren(check)}) return false;`, '  }'];
    return [...lines, '  return true;'].join('\n');
  }

  private unionBody(def: Def, name: string): string {
    const options = def.options ?? [];
    if (options.length === 0) return '  return false;';
    const exprs = options.map((o, i) => {
      this.path.push(`|${i}`);
      const e = this.expr(o, 'v', `${name.replace(/^is/, '')}$${i}`);
      this.path.pop();
      return e;
    });
    return `  return ${exprs.join(' || ')};`;
  }

  /** zod's discriminator map: each member claims the values its discriminator property takes. */
  private discriminatedBody(def: Def, name: string): string {
    const key = def.discriminator!;
    if (def.unionFallback) this.fail('a discriminated union with unionFallback');
    const byValue = new Map<unknown, Schema | null>();
    for (const option of def.options ?? []) {
      const values = (option._zod as unknown as { propValues?: Record<string, Set<unknown>> }).propValues?.[key];
      if (!values || values.size === 0) this.fail(`a member of the union on "${key}" without the discriminator`);
      for (const value of values) {
        if (!byValue.has(value)) byValue.set(value, option);
        else if (value !== undefined) this.fail(`discriminator value ${String(value)} claimed twice`);
        else byValue.set(value, null);
      }
    }
    const lines = [
      "  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;",
      `  switch ((v as Record<string, unknown>)[${JSON.stringify(key)}]) {`,
    ];
    const grouped = new Map<Schema, unknown[]>();
    for (const [value, option] of byValue) {
      if (option === null) continue;
      const list = grouped.get(option) ?? [];
      list.push(value);
      grouped.set(option, list);
    }
    for (const [option, values] of grouped) {
      const labels = values.map((v) => this.literal(v, 'discriminator value'));
      const first = typeof values[0] === 'string' ? values[0] : String(values[0]);
      this.path.push(`${key}=${first}`);
      const check = this.expr(option, 'v', `${name.replace(/^is/, '')}$${first}`);
      this.path.pop();
      lines.push(`    ${labels.map((l) => `case ${l}:`).join(' ')}`);
      lines.push(`      return ${check};`);
    }
    lines.push('    default:', '      return false;', '  }');
    return lines.join('\n');
  }
}

/** `expr` as one operand: a call or a name stays as is, anything else gets parentheses. */
function paren(expr: string): string {
  return /^[\w$.]+(\([\w$]*\))?$/.test(expr) ? expr : `(${expr})`;
}

/** The source of `generated/validators.gen.ts`. */
export function compileValidators(input: CompileInput): string {
  const compiler = new Compiler(input.names);
  const exports: [string, string][] = [];
  for (const [key, schema] of Object.entries(input.roots)) {
    exports.push([key, compiler.fn(schema, key.replace(/^z(?=[A-Z])/, ''))]);
  }
  return compiler.render(input.header, exports);
}
