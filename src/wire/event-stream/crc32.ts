/**
 * CRC-32 as the AWS event stream uses it (docs/event-stream.md#checksums): the IEEE 802.3 / zlib / gzip CRC,
 * reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF. `crc32("123456789")` is 0xCBF43926.
 *
 * Table-driven, eight bytes per step ("slicing by 8": eight 256-entry tables, each giving the CRC contribution
 * of a byte that is 0..7 positions further from the end of the step), then one byte per step for the tail.
 * No Node, no Buffer: plain `Uint8Array` in, unsigned 32-bit number out.
 */

function makeTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
}

const T = /* @__PURE__ */ makeTables();

/**
 * The CRC-32 of `bytes[start, end)`, continuing from `previous`: the CRC of the bytes before them (0, the
 * default, for none). Incremental: `crc32(b, crc32(a)) === crc32(a ++ b)`, as zlib's `crc32(data, value)`.
 * The result is an unsigned 32-bit integer (compare it with `DataView.getUint32`). A range outside `bytes` is a
 * RangeError.
 */
export function crc32(bytes: Uint8Array, previous: number = 0, start: number = 0, end: number = bytes.length): number {
  if (!(start >= 0 && start <= end && end <= bytes.length))
    throw new RangeError(`crc32: range [${start}, ${end}) is outside ${bytes.length} bytes`);
  let c = ~previous;
  let i = start;
  for (const last8 = end - 8; i <= last8; i += 8) {
    const a = c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      T[0x700 + (a & 0xff)]! ^
      T[0x600 + ((a >>> 8) & 0xff)]! ^
      T[0x500 + ((a >>> 16) & 0xff)]! ^
      T[0x400 + (a >>> 24)]! ^
      T[0x300 + bytes[i + 4]!]! ^
      T[0x200 + bytes[i + 5]!]! ^
      T[0x100 + bytes[i + 6]!]! ^
      T[bytes[i + 7]!]!;
  }
  for (; i < end; i++) c = T[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}
