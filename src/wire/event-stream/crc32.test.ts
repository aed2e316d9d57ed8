import { crc32 as zlibCrc32 } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('crc32', () => {
  it('gives the published check values of CRC-32/IEEE (the gzip and zlib CRC)', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii(''))).toBe(0);
    expect(crc32(ascii('a'))).toBe(0xe8b7be43);
    expect(crc32(ascii('abc'))).toBe(0x352441c2);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    // 32 bytes of 0x00 and of 0xFF (the iSCSI / RFC 3720 test patterns, here with the IEEE polynomial)
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad);
    expect(crc32(new Uint8Array(32).fill(0xff))).toBe(0xff6cab0b);
  });

  it('returns an unsigned 32-bit integer', () => {
    const c = crc32(ascii('123456789'));
    expect(c).toBeGreaterThan(0x7fffffff);
    expect(Number.isInteger(c)).toBe(true);
  });

  test.prop([fc.uint8Array({ maxLength: 2000 })], { numRuns: 300 })(
    'agrees with zlib on any bytes (every length mod 8)',
    (bytes) => {
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    },
  );

  test.prop([fc.uint8Array({ maxLength: 600 }), fc.nat(), fc.nat()], { numRuns: 300 })(
    'is incremental at any cut, and a [start, end) range equals the subarray',
    (bytes, x, y) => {
      const cut = x % (bytes.length + 1);
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(crc32(bytes));
      const start = Math.min(cut, y % (bytes.length + 1));
      const end = Math.max(cut, y % (bytes.length + 1));
      expect(crc32(bytes, 0, start, end)).toBe(zlibCrc32(bytes.subarray(start, end)));
      // continuing over no bytes keeps the CRC (zlib answers its initial value 0 for an empty buffer instead)
      expect(crc32(bytes, 0x12345678, start, end)).toBe(
        start === end ? 0x12345678 : zlibCrc32(bytes.subarray(start, end), 0x12345678),
      );
    },
  );

  it('reads a view at its own offset, not the start of the underlying buffer', () => {
    const backing = ascii('xxxx123456789yy');
    expect(crc32(backing.subarray(4, 13))).toBe(0xcbf43926);
  });

  it('refuses a range outside the bytes instead of reading undefined as zero', () => {
    const b = ascii('123456789');
    expect(() => crc32(b, 0, 0, 10)).toThrow(RangeError);
    expect(() => crc32(b, 0, -1, 3)).toThrow(RangeError);
    expect(() => crc32(b, 0, 5, 4)).toThrow(RangeError);
  });
});
