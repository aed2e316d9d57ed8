/**
 * Deterministic, reversible renaming of tool names that a target format's name rule rejects. The
 * rule (pattern, length, how to sanitize) belongs to the pair; this is the part every pair shares.
 *
 * Valid names are kept as they are. An invalid name becomes its sanitized form, cut to fit, plus `_`
 * and an FNV-1a hash of the original in base 36; if that still collides with a name in use, a counter
 * is appended. The map target -> client name goes into `RequestContext.toolNames` and is applied on
 * the way back with `restoreToolName`.
 */

export interface ToolNameRule {
  /** the names the target accepts as they are (no `g` flag: `test` must not keep state) */
  readonly valid: RegExp;
  /** the longest name the target accepts */
  readonly maxLength: number;
  /** the name with every character the target rejects replaced (and any required start added); not yet cut */
  sanitize(name: string): string;
}

export interface StableToolNamer {
  /** the name to send upstream for a client-side name */
  toTarget(clientName: string): string;
  /** target -> client, only for names that were rewritten; `undefined` when none were */
  readonly map: Record<string, string> | undefined;
}

/** Every name valid: nothing to rewrite (shared, stateless; built once rather than per request). */
const IDENTITY_NAMER: StableToolNamer = Object.freeze({ toTarget: (name: string) => name, map: undefined });

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * A namer for one request. `allNames` are every tool name the request mentions (tool definitions,
 * tool_choice, tool calls in the history), so rewritten names never collide with a valid one; given as a function,
 * it is called only if a name needs rewriting.
 */
export function createStableToolNamer(
  rule: ToolNameRule,
  allNames: Iterable<string> | (() => Iterable<string>),
): StableToolNamer {
  if (typeof allNames === 'function') return lazyNamer(rule, allNames);
  const names = Array.isArray(allNames) ? (allNames as readonly string[]) : [...allNames];
  // the common case, every name valid, found without building the Set of names in use
  let anyInvalid = false;
  for (let i = 0; i < names.length && !anyInvalid; i++) anyInvalid = !rule.valid.test(names[i]!);
  if (!anyInvalid) return IDENTITY_NAMER;
  const used = new Set<string>();
  for (const n of names) if (rule.valid.test(n)) used.add(n);

  const max = rule.maxLength;
  const forward = new Map<string, string>();
  const back: Record<string, string> = {};
  const rewrite = (name: string): string => {
    const hash = fnv1a(name);
    const base = rule.sanitize(name);
    let candidate = `${base.slice(0, max - hash.length - 1)}_${hash}`;
    for (let i = 2; used.has(candidate); i++) {
      const suffix = `_${hash}_${i}`;
      candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    }
    return candidate;
  };
  return {
    toTarget(name: string): string {
      if (rule.valid.test(name)) return name;
      const known = forward.get(name);
      if (known !== undefined) return known;
      const target = rewrite(name);
      used.add(target);
      forward.set(name, target);
      back[target] = name;
      return target;
    },
    get map() {
      return forward.size > 0 ? back : undefined;
    },
  };
}

/**
 * `createStableToolNamer(rule, allNames())`, with `allNames` called only when a name to send breaks the rule: a request
 * whose names are all valid is never walked for its names. The names sent are the same: the namer is built from the
 * same list, before the first name it rewrites.
 */
function lazyNamer(rule: ToolNameRule, allNames: () => Iterable<string>): StableToolNamer {
  let namer: StableToolNamer | undefined;
  return {
    toTarget(name: string): string {
      if (namer === undefined) {
        if (rule.valid.test(name)) return name;
        namer = createStableToolNamer(rule, allNames());
      }
      return namer.toTarget(name);
    },
    get map() {
      return namer?.map;
    },
  };
}

/** The client-side name for a name the upstream used (identity when it was not rewritten). */
export function restoreToolName(name: string, toolNames: Record<string, string> | undefined): string {
  if (toolNames === undefined || !Object.hasOwn(toolNames, name)) return name;
  const original = toolNames[name];
  return typeof original === 'string' ? original : name;
}
