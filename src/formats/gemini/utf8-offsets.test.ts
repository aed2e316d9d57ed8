import { describe, expect, it } from 'vitest';
import { byteOffsetsToCharIndexes, utf8Length } from './utf8-offsets.js';

describe('UTF-8 byte offsets <-> UTF-16 indexes', () => {
  it('counts ASCII, 2-, 3- and 4-byte characters by their UTF-8 size', () => {
    // "é" 2 bytes, "€" 3 bytes, "😀" 4 bytes (2 UTF-16 units)
    const text = 'aé€😀b';
    expect(utf8Length(text)).toBe(1 + 2 + 3 + 4 + 1);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
    expect(byteOffsetsToCharIndexes(text, [0, 1, 3, 6, 10, 11])).toEqual([0, 1, 2, 3, 5, 6]);
  });

  it('counts what a UTF-8 encoder writes for any string, lone surrogates included (U+FFFD, 3 bytes)', () => {
    const units = [0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xffff, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0xe9];
    let seed = 7;
    for (let n = 0; n < 500; n++) {
      let text = '';
      const length = n % 9;
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += String.fromCharCode(units[seed % units.length] as number);
      }
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('keeps the order of the offsets given', () => {
    expect(byteOffsetsToCharIndexes('héllo', [6, 0, 3])).toEqual([5, 0, 2]);
  });

  it('moves an offset inside a character to its end, and one past the text to its length', () => {
    expect(byteOffsetsToCharIndexes('é!', [1])).toEqual([1]);
    expect(byteOffsetsToCharIndexes('ab', [9])).toEqual([2]);
  });
});
