import { describe, expect, it } from 'vitest';
import { chunkText } from './chunk-text.js';

describe('chunkText', () => {
  it('splits into pieces of n code points', () => {
    expect(chunkText('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(chunkText('abc', 3)).toEqual(['abc']);
    expect(chunkText('', 3)).toEqual([]);
    expect(chunkText('abc', 0)).toEqual(['abc']);
    expect(chunkText('abc', Number.POSITIVE_INFINITY)).toEqual(['abc']);
  });

  it('never splits a surrogate pair', () => {
    const pieces = chunkText('a😀b😀c', 2);
    expect(pieces).toEqual(['a😀', 'b😀', 'c']);
    expect(chunkText('😀😀😀', 1)).toEqual(['😀', '😀', '😀']);
  });
});
