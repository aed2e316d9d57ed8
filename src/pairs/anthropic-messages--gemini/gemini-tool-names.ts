/**
 * Tool names Gemini rejects, made acceptable and restored on the way back. A Gemini function name
 * starts with a letter or `_` and holds at most 64 of `A-Z a-z 0-9 _ . : -` (400 "Invalid function
 * name" otherwise); Anthropic takes up to 128 of `A-Z a-z 0-9 _ -`, so long names (MCP tools) and
 * names starting with a digit or `-` need rewriting.
 *
 * Valid names are kept. An invalid one becomes its sanitised form (other characters `_`, a leading
 * `_` when it does not start with a letter or `_`, cut to fit) plus `_` and an FNV-1a hash of the
 * original in base 36; a counter is added if that still collides. The map Gemini name -> client name
 * goes into `RequestContext.toolNames`; responses and streams put the client's name back.
 */

const VALID = /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/;
const MAX = 64;

export interface GeminiToolNamer {
  /** the name Gemini gets for a client name */
  toGemini(name: string): string;
  /** Gemini name -> client name, for the rewritten names only; `undefined` when none were */
  readonly map: Record<string, string> | undefined;
}

const IDENTITY: GeminiToolNamer = Object.freeze({ toGemini: (name: string) => name, map: undefined });

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** A namer for one request; `allNames` are every tool name it mentions, so a rewritten name never takes a valid one. */
export function createGeminiToolNamer(allNames: Iterable<string>): GeminiToolNamer {
  const used = new Set<string>();
  let anyInvalid = false;
  for (const n of allNames) {
    if (VALID.test(n)) used.add(n);
    else anyInvalid = true;
  }
  if (!anyInvalid) return IDENTITY;
  const forward = new Map<string, string>();
  const back: Record<string, string> = {};
  const rewrite = (name: string): string => {
    const hash = fnv1a(name);
    let base = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `_${base}`;
    let candidate = `${base.slice(0, MAX - hash.length - 1)}_${hash}`;
    for (let i = 2; used.has(candidate); i++) {
      const suffix = `_${hash}_${i}`;
      candidate = `${base.slice(0, MAX - suffix.length)}${suffix}`;
    }
    return candidate;
  };
  return {
    toGemini(name: string): string {
      if (VALID.test(name)) return name;
      let target = forward.get(name);
      if (target === undefined) {
        target = rewrite(name);
        used.add(target);
        forward.set(name, target);
        back[target] = name;
      }
      return target;
    },
    get map() {
      return forward.size > 0 ? back : undefined;
    },
  };
}

/** The client's name for a name Gemini used (unchanged when it was not rewritten). */
export function clientToolName(name: string, toolNames: Record<string, string> | undefined): string {
  if (toolNames === undefined || !Object.hasOwn(toolNames, name)) return name;
  const original = toolNames[name];
  return typeof original === 'string' ? original : name;
}
