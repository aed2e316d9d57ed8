/** `data:` URLs and base64 without Node-only APIs (translators run in any runtime). */

export interface DataUrl {
  mediaType: string;
  data: string;
}

/** Parse a base64 `data:` URL (`data:<media type>[;params];base64,<data>`). Non-base64 or malformed: `undefined`. */
export function parseDataUrl(url: string): DataUrl | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const meta = url.slice(5, comma).split(';');
  if (meta[meta.length - 1]?.toLowerCase() !== 'base64') return undefined;
  const mediaType = (meta[0] ?? '').toLowerCase();
  return { mediaType, data: url.slice(comma + 1) };
}

export function toDataUrl(mediaType: string, base64: string): string {
  return `data:${mediaType};base64,${base64}`;
}

/** UTF-8 text -> base64. */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) bin += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(bin);
}

/** base64 -> UTF-8 text; `undefined` when the data is not valid base64. */
export function base64ToUtf8(base64: string): string | undefined {
  let bin: string;
  try {
    bin = atob(base64);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
