import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { splitText, text } from './text.js';

describe('splitText', () => {
  test.prop([text, fc.array(fc.nat({ max: 60 }))])(
    'fragments join back to the text and never split a surrogate pair',
    (s, cuts) => {
      const parts = splitText(s, cuts);
      expect(parts.join('')).toBe(s);
      for (const p of parts) expect(p).toBe(new TextDecoder().decode(new TextEncoder().encode(p)));
    },
  );
  it('keeps an emoji whole when asked to cut inside it', () => {
    expect(splitText('a😀b', [2])).toEqual(['a😀b']);
    expect(splitText('a😀b', [1, 3])).toEqual(['a', '😀', 'b']);
  });
  it('may give empty fragments at the ends', () => {
    expect(splitText('ab', [0, 2])).toEqual(['', 'ab', '']);
  });
});
