import { describe, expect, it } from 'vitest';
import { childPath, formatPath } from './json-path.js';

describe('childPath', () => {
  it('joins identifier keys with a dot and indexes with brackets', () => {
    expect(childPath('', 'messages')).toBe('messages');
    expect(childPath('messages', 2)).toBe('messages[2]');
    expect(childPath('messages[2]', 'content')).toBe('messages[2].content');
    expect(childPath('a', '$x_1')).toBe('a.$x_1');
    expect(childPath('a', '_')).toBe('a._');
  });

  it('quotes keys that are not identifiers (JSON string in brackets)', () => {
    expect(childPath('a', 'x-y')).toBe('a["x-y"]');
    expect(childPath('a', '1abc')).toBe('a["1abc"]');
    expect(childPath('a', '')).toBe('a[""]');
    expect(childPath('', 'has space')).toBe('["has space"]');
    expect(childPath('a', 'café')).toBe('a["café"]');
    expect(childPath('a', 'q"uote')).toBe('a["q\\"uote"]');
  });

  it('treats exactly ^[A-Za-z_$][A-Za-z0-9_$]*$ as identifiers', () => {
    const ident = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
    // every single character and every two-character key over a range around the ASCII edges
    const chars: string[] = [];
    for (let c = 0; c < 128; c++) chars.push(String.fromCharCode(c));
    chars.push('é', '東', '\u{1F642}');
    for (const a of chars) {
      for (const key of [a, `a${a}`, `${a}a`]) {
        const expected = ident.test(key) ? `p.${key}` : `p[${JSON.stringify(key)}]`;
        expect(childPath('p', key)).toBe(expected);
      }
    }
  });

  it('formatPath builds the same paths from segments', () => {
    expect(formatPath(['messages', 0, 'content', 1, 'source', 'media_type'])).toBe(
      'messages[0].content[1].source.media_type',
    );
    expect(formatPath(['tools', 0, 'input_schema', 'x-y'])).toBe('tools[0].input_schema["x-y"]');
  });
});
