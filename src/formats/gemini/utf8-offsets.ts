/**
 * Gemini grounding segments count UTF-8 bytes (docs/wire-formats.md#gemini-grounding); JavaScript strings count
 * UTF-16 code units. These convert between the two over one text.
 */

/** UTF-8 length of the code point starting at `i` of `text`, and how many UTF-16 units it takes. */
function codePointAt(text: string, i: number): { bytes: number; units: number } {
  const c = text.charCodeAt(i);
  if (c < 0x80) return { bytes: 1, units: 1 };
  if (c < 0x800) return { bytes: 2, units: 1 };
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return { bytes: 4, units: 2 };
  }
  return { bytes: 3, units: 1 };
}

/**
 * Byte offsets into `text`'s UTF-8 encoding -> UTF-16 indexes of `text`, in the order given. An offset inside a
 * character moves to that character's end; one past the end is the text's length.
 */
export function byteOffsetsToCharIndexes(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
  const out = new Array<number>(offsets.length);
  let bytes = 0;
  let i = 0;
  for (const k of order) {
    const target = offsets[k]!;
    while (i < text.length && bytes < target) {
      const cp = codePointAt(text, i);
      bytes += cp.bytes;
      i += cp.units;
    }
    out[k] = i;
  }
  return out;
}

/** The UTF-8 byte length of `text` (a lone surrogate counts as U+FFFD, 3 bytes, as an encoder writes it). */
export function utf8Length(text: string): number {
  const n = text.length;
  let bytes = n;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        // a pair: 2 units, 4 bytes
        bytes += 2;
        i++;
      } else bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}
