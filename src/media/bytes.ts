/**
 * Byte helpers with web-standard APIs only. The layering refactor brings the same two functions, with the same names
 * and signatures, in src/wire/bytes.ts and src/wire/base64.ts; this file folds into them (an import change) when it
 * lands.
 */

/** Bytes -> base64 with `btoa` (any runtime). */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) bin += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(bin);
}

/** The parts joined into one byte array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
