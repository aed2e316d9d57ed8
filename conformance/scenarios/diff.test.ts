import { describe, expect, it } from 'vitest';
import { bytesDiff, jsonDiff } from './diff.js';

describe('jsonDiff', () => {
  it('is empty for equal values regardless of key order', () => {
    expect(jsonDiff({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toEqual([]);
  });
  it('names every differing path, absent keys included', () => {
    expect(jsonDiff({ a: [1, 2], b: 'x' }, { a: [1], c: true })).toEqual([
      'a[1]: expected 2, got <absent>',
      'b: expected "x", got <absent>',
      'c: expected <absent>, got true',
    ]);
  });
  it('tells null from absent', () => {
    expect(jsonDiff({ a: null }, {})).toEqual(['a: expected null, got <absent>']);
  });
});

describe('bytesDiff', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('is empty for equal bytes', () => {
    expect(bytesDiff(enc('a\nb'), enc('a\nb'))).toBe('');
  });
  it('points at the first differing byte and its line', () => {
    const d = bytesDiff(enc('data: 1\n\ndata: 2\n\n'), enc('data: 1\n\ndata: 3\n\n'));
    expect(d).toContain('first difference at byte 15 (line 3)');
    expect(d).toContain('"data: 2\\n"');
    expect(d).toContain('"data: 3\\n"');
  });
  it('reports a missing tail', () => {
    expect(bytesDiff(enc('ab'), enc('a'))).toContain('expected 2 bytes, got 1');
  });
});
