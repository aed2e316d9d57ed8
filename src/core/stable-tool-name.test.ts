import { describe, expect, it } from 'vitest';
import { createStableToolNamer, restoreToolName, type ToolNameRule } from './stable-tool-name.js';

/** A toy rule: an upper-case letter or `_`, then up to 11 of `A-Z a-z 0-9 _`; sanitizing keeps only `A-Z`. */
const RULE: ToolNameRule = {
  valid: /^[A-Z_][A-Za-z0-9_]{0,11}$/,
  maxLength: 12,
  sanitize: (name) => name.replace(/[^A-Z]/g, 'X'),
};

/** FNV-1a (32 bit) of "a" is 0xe40c292c (the published test vector), in base 36. */
const HASH_OF_A = (0xe40c292c).toString(36);

describe('createStableToolNamer', () => {
  it('given a function of the names, calls it only when a name breaks the rule, and sends the same names', () => {
    let calls = 0;
    const valid = createStableToolNamer(RULE, () => {
      calls++;
      return ['ABC', 'DEF'];
    });
    expect([valid.toTarget('ABC'), valid.toTarget('DEF')]).toEqual(['ABC', 'DEF']);
    expect(valid.map).toBeUndefined();
    expect(calls).toBe(0);
    // a valid name that collides with a rewritten one: the lazy namer knows it, as the eager one does
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-';
    const taken = createStableToolNamer(RULE, [long]).toTarget(long);
    const all = ['ABC', long, taken];
    const eager = createStableToolNamer(RULE, all);
    const lazy = createStableToolNamer(RULE, () => {
      calls++;
      return all;
    });
    const sent = all.map((n) => lazy.toTarget(n));
    expect(sent).toEqual(all.map((n) => eager.toTarget(n)));
    expect(sent[1]).not.toBe(taken);
    expect(calls).toBe(1);
    expect(lazy.map).toEqual(eager.map);
  });

  it('keeps valid names and builds no map when every name is valid', () => {
    const n = createStableToolNamer(RULE, ['ABC', 'DEF']);
    expect(n.toTarget('ABC')).toBe('ABC');
    expect(n.map).toBeUndefined();
  });

  it("rewrites an invalid name to the rule's sanitized form, `_` and the FNV-1a hash in base 36", () => {
    const n = createStableToolNamer(RULE, ['a']);
    expect(n.toTarget('a')).toBe(`X_${HASH_OF_A}`);
    expect(n.map).toEqual({ [`X_${HASH_OF_A}`]: 'a' });
  });

  it('cuts the sanitized form so the whole name fits maxLength, and adds a counter on a collision', () => {
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-';
    const first = createStableToolNamer(RULE, [long]).toTarget(long);
    const hash = first.split('_')[1] ?? '';
    expect(hash).toMatch(/^[0-9a-z]+$/);
    expect(first).toBe(`${long.slice(0, 11 - hash.length)}_${hash}`);
    expect(first).toHaveLength(12);
    const n = createStableToolNamer(RULE, [long, first]);
    const second = n.toTarget(long);
    expect(second).not.toBe(first);
    expect(second).toBe(`${long.slice(0, 12 - hash.length - 3)}_${hash}_2`);
    expect(n.toTarget(long)).toBe(second);
    expect(restoreToolName(second, n.map)).toBe(long);
  });
});

describe('restoreToolName', () => {
  it('maps rewritten names back and leaves unknown and inherited keys alone', () => {
    expect(restoreToolName('t', { t: 'orig' })).toBe('orig');
    expect(restoreToolName('toString', {})).toBe('toString');
    expect(restoreToolName('t', undefined)).toBe('t');
  });
});
