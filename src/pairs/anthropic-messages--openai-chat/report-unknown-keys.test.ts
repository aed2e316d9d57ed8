import { describe, expect, it } from 'vitest';
import { isEmptyValue, reportUnknownKeys } from './report-unknown-keys.js';

describe('reportUnknownKeys', () => {
  it('reports unknown keys that carry a value, at path.key, and skips null / {} / []', () => {
    const seen: string[] = [];
    reportUnknownKeys(
      { id: 'x', seed: 5, stop_reason: null, prompt: [], filters: {}, flag: false },
      new Set(['id']),
      'choices[0]',
      (p) => seen.push(p),
      'r',
    );
    // false and 0 are values (a seed of 0 is a seed); only absent-like values are skipped
    expect(seen).toEqual(['choices[0].seed', 'choices[0].flag']);
  });

  it('uses the bare key at the root', () => {
    const seen: string[] = [];
    reportUnknownKeys({ provider: 'Google' }, new Set(), '', (p) => seen.push(p), 'r');
    expect(seen).toEqual(['provider']);
  });

  it('isEmptyValue', () => {
    expect([null, undefined, {}, []].map(isEmptyValue)).toEqual([true, true, true, true]);
    expect([0, '', false, [0], { a: null }].map(isEmptyValue)).toEqual([false, false, false, false, false]);
  });
});
