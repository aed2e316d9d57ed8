import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../../src/core/narrow.js';

/**
 * The catalog's expected files that hold rewritten tool names (`<sanitized>_<hash>`) hold values only a hash can
 * produce. Written by hand they would be pasted from the code, so a wrong rule and a wrong expectation could agree.
 * This test derives each rewritten name from the documented rule instead (docs/mappings-anthropic-openai.md, tool
 * names; docs/providers.md, Anthropic → Gemini), with its own FNV-1a (32-bit, offset basis 2166136261, prime
 * 16777619, over the name's UTF-16 code units, written in base 36), and holds every expected upstream request to it.
 */

function fnv1a32(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h = (h ^ s.charCodeAt(i)) >>> 0;
    h = Number((BigInt(h) * 16777619n) % 4294967296n);
  }
  return h.toString(36);
}

interface Rule {
  valid: RegExp;
  max: number;
  sanitize(name: string): string;
}

/** OpenAI Chat and Responses: `^[a-zA-Z0-9_-]{1,64}$`; any other character becomes `_`. */
const OPENAI: Rule = { valid: /^[a-zA-Z0-9_-]{1,64}$/, max: 64, sanitize: (n) => n.replace(/[^a-zA-Z0-9_-]/g, '_') };

/** Gemini: letters, digits, `_ . : -`, starting with a letter or `_`, at most 64 characters. */
const GEMINI: Rule = {
  valid: /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/,
  max: 64,
  sanitize: (n) => {
    const base = n.replace(/[^A-Za-z0-9_.:-]/g, '_');
    return /^[A-Za-z_]/.test(base) ? base : `_${base}`;
  },
};

/** The documented rewrite: a valid name stays; else the sanitized name, cut so `_<hash>` fits, then `_<hash>`. */
function rewrite(rule: Rule, name: string): string {
  if (rule.valid.test(name)) return name;
  const hash = fnv1a32(name);
  return `${rule.sanitize(name).slice(0, rule.max - hash.length - 1)}_${hash}`;
}

function read(scenario: string, file: string): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures', scenario, file), 'utf8'));
}

/** Every `name` string in a JSON value, in document order, without repeats. */
function names(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) names(x, out);
  else if (isRecord(v))
    for (const [k, x] of Object.entries(v)) {
      if (k === 'name' && typeof x === 'string' && !out.includes(x)) out.push(x);
      else names(x, out);
    }
  return out;
}

const CASES: [scenario: string, rule: Rule][] = [
  ['anthropic-messages--openai-chat/tool-use-forced', OPENAI],
  ['anthropic-messages--gemini/tool-names', GEMINI],
  ['anthropic-messages--gemini/stream-tool-names', GEMINI],
  ['gemini--openai-chat/stream-tool-name-restored', OPENAI],
];

describe('rewritten tool names in expected files follow the documented rule', () => {
  it('the hash is FNV-1a as published (test vectors)', () => {
    expect(fnv1a32('')).toBe((2166136261).toString(36));
    expect(fnv1a32('a')).toBe((0xe40c292c).toString(36));
    expect(fnv1a32('foobar')).toBe((0xbf9cf968).toString(36));
  });

  for (const [scenario, rule] of CASES) {
    it(scenario, () => {
      const client = names(read(scenario, 'client-request.json'));
      const upstream = names(read(scenario, 'upstream-request.json'));
      const rewritten = client.filter((n) => !rule.valid.test(n));
      expect(rewritten.length, 'the scenario has a name to rewrite').toBeGreaterThan(0);
      expect([...upstream].sort()).toEqual(client.map((n) => rewrite(rule, n)).sort());
    });
  }
});
