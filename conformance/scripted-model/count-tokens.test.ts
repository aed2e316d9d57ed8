import { describe, expect, it } from 'vitest';
import { countAllTokens, countTokens, firstTokens } from './count-tokens.js';

describe('countTokens', () => {
  it('counts whitespace-separated words', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('   ')).toBe(0);
    expect(countTokens('hello')).toBe(1);
    expect(countTokens('  hello,\tworld \n again ')).toBe(3);
    expect(countTokens('a\u00a0b')).toBe(2);
    expect(countAllTokens(['one two', '', 'three'])).toBe(3);
  });
});

describe('firstTokens', () => {
  it('keeps the prefix through the nth word, with its spacing', () => {
    expect(firstTokens('echo: hello  big world', 0)).toBe('');
    expect(firstTokens('echo: hello  big world', 1)).toBe('echo:');
    expect(firstTokens('echo: hello  big world', 3)).toBe('echo: hello  big');
    expect(firstTokens('echo: hello  big world', 4)).toBe('echo: hello  big world');
    expect(firstTokens('echo: hello', 9)).toBe('echo: hello');
  });
});
