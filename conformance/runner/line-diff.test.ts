import { describe, expect, it } from 'vitest';
import { diffText, lineDiff } from './line-diff.js';

const show = (a: string, b: string) => lineDiff(a, b).map((l) => l.op + l.text);

describe('lineDiff', () => {
  it('marks removed and added lines around common ones', () => {
    expect(show('a\nb\nc', 'a\nx\nc')).toEqual([' a', '-b', '+x', ' c']);
    expect(show('a\nb', 'a\nb\nc')).toEqual([' a', ' b', '+c']);
    expect(show('', 'x')).toEqual(['+x']);
    expect(show('same', 'same')).toEqual([' same']);
  });
  it('finds the longest common subsequence, not a greedy match', () => {
    expect(show('x\na\nb\nc', 'a\nb\nc\nx')).toEqual(['-x', ' a', ' b', ' c', '+x']);
  });
  it('stays bounded on huge inputs', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join('\n');
    const d = lineDiff(a, b, 100);
    expect(d.filter((l) => l.op === '-')).toHaveLength(3000);
    expect(d.filter((l) => l.op === '+')).toHaveLength(3000);
  });
});

describe('diffText', () => {
  it('sorts keys so that key order is not a difference', () => {
    expect(diffText({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 0 } })).toBe(
      diffText({ a: { c: 0, d: [{ y: 2, z: 1 }] }, b: 1 }),
    );
    expect(diffText('as is')).toBe('as is');
  });
});
