/**
 * Bytes -> base64 with the web-standard `btoa` (any runtime). The layering refactor brings one shared
 * `bytesToBase64` in src/wire/base64.ts; this copy folds into it when that lands.
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  const STEP = 0x8000;
  for (let i = 0; i < bytes.length; i += STEP) bin += String.fromCharCode(...bytes.subarray(i, i + STEP));
  return btoa(bin);
}
