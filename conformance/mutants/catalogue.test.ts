import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from './catalogue.js';
import { applyEdits, countOccurrences, isPropertyTest, type Mutant, RottenMutantError } from './mutant.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

describe('mutant catalogue', () => {
  it('has the required mutants, uniquely named', () => {
    const names = CATALOGUE.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(40);
  });

  for (const m of CATALOGUE) {
    it(`${m.name}: every anchor matches the current source exactly once and changes it`, () => {
      const edited = applyEdits(m, read);
      for (const [file, text] of edited) expect(text, `${m.name} leaves ${file} unchanged`).not.toBe(read(file));
      for (const t of m.tests) expect(existsSync(join(ROOT, t)), `${m.name}: test path ${t} is missing`).toBe(true);
    });
    it(`${m.name}: lists a deterministic test (property runs draw random cases: a mutant they alone kill can survive)`, () => {
      expect(
        m.tests.filter((t) => !isPropertyTest(t)),
        `${m.name} lists only property tests`,
      ).not.toEqual([]);
    });
  }
});

describe('applyEdits', () => {
  const mutant = (search: string): Mutant => ({
    name: 'm',
    description: 'd',
    tests: [],
    edits: [{ file: 'f.ts', search, replace: 'Y' }],
  });
  it('replaces an anchor that occurs once', () => {
    expect(applyEdits(mutant('b'), () => 'abc').get('f.ts')).toBe('aYc');
  });
  it('refuses a missing anchor (the mutant rotted)', () => {
    expect(() => applyEdits(mutant('z'), () => 'abc')).toThrow(RottenMutantError);
  });
  it('refuses an ambiguous anchor', () => {
    expect(() => applyEdits(mutant('a'), () => 'aba')).toThrow(/2 times/);
  });
  it('tells property tests from deterministic ones', () => {
    expect(isPropertyTest('conformance/properties/grammar.test.ts')).toBe(true);
    expect(isPropertyTest('conformance/properties')).toBe(true);
    expect(isPropertyTest('conformance/scenarios/run-scenarios.test.ts')).toBe(false);
    expect(isPropertyTest('src/pairs/anthropic-messages--openai-chat/map-usage.test.ts')).toBe(false);
  });
  it('counts non-overlapping occurrences', () => {
    expect(countOccurrences('aaaa', 'aa')).toBe(2);
    expect(countOccurrences('abc', '')).toBe(0);
  });
  it('keeps $ sequences in the replacement literally', () => {
    const m: Mutant = {
      name: 'm',
      description: 'd',
      tests: [],
      edits: [{ file: 'f.ts', search: 'b', replace: "$&'" }],
    };
    expect(applyEdits(m, () => 'abc').get('f.ts')).toBe("a$&'c");
  });
});
