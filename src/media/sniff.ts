/**
 * What fetched bytes are: the response's content-type checked against the bytes' magic numbers
 * (docs/media.md#media-types). Pure and web-standard.
 */

export const MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

type BinaryType = Exclude<MediaType, 'text/plain'>;

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** Magic numbers: the byte pattern at an offset (`undefined` matches any byte). */
const MAGIC: readonly (readonly [BinaryType, readonly (readonly [number, readonly (number | undefined)[]])[]])[] = [
  ['image/jpeg', [[0, [0xff, 0xd8, 0xff]]]],
  ['image/png', [[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]]],
  ['image/gif', [[0, [...ascii('GIF8'), undefined, ascii('a')[0]]]]],
  [
    'image/webp',
    [
      [0, ascii('RIFF')],
      [8, ascii('WEBP')],
    ],
  ],
  ['application/pdf', [[0, ascii('%PDF-')]]],
];

/** The binary media type the bytes start like, if any. GIF: `GIF87a` or `GIF89a`. */
export function sniffBinary(bytes: Uint8Array): BinaryType | undefined {
  for (const [type, patterns] of MAGIC) {
    const hit = patterns.every(([at, pattern]) =>
      pattern.every((b, i) => at + i < bytes.length && (b === undefined || bytes[at + i] === b)),
    );
    if (hit && (type !== 'image/gif' || bytes[4] === 0x37 || bytes[4] === 0x39)) return type;
  }
  return undefined;
}

/** The essence of a content-type header: `Image/PNG; charset=x` -> `image/png`; missing -> `''`. */
export function contentTypeEssence(header: string | null): string {
  if (header === null) return '';
  return header.split(';', 1)[0]!.trim().toLowerCase();
}

/** Header values that say nothing about the type: the bytes decide. */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/binary']);
/** Header spellings seen in the wild for the types we take. */
const ALIASES: Record<string, MediaType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
};

export type Sniffed =
  | { ok: true; mediaType: BinaryType }
  | { ok: true; mediaType: 'text/plain'; text: string }
  | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The media type of a fetched body. A header naming a binary type must agree with the magic number; an untyped
 * header (none, `application/octet-stream`) takes the magic number's type; `text/plain` must be valid UTF-8 (a
 * byte-order mark is dropped) and not start like a binary type. Anything else is refused with the reason.
 */
export function sniffMedia(contentType: string | null, bytes: Uint8Array): Sniffed {
  const essence = contentTypeEssence(contentType);
  const declared: string = ALIASES[essence] ?? essence;
  const magic = sniffBinary(bytes);
  if (declared === 'text/plain') {
    if (magic) return { ok: false, message: `the response says text/plain but the bytes are ${magic}` };
    try {
      return { ok: true, mediaType: 'text/plain', text: utf8.decode(bytes) };
    } catch {
      return { ok: false, message: 'the response says text/plain but the bytes are not valid UTF-8' };
    }
  }
  if (UNTYPED.has(declared)) {
    if (magic) return { ok: true, mediaType: magic };
    return {
      ok: false,
      message: `the response has ${essence === '' ? 'no content-type' : `content-type ${essence}`} and the bytes are not a JPEG, PNG, GIF, WebP or PDF file`,
    };
  }
  if (magic === declared) return { ok: true, mediaType: magic };
  if ((MEDIA_TYPES as readonly string[]).includes(declared)) {
    return {
      ok: false,
      message: `the response says ${declared} but the bytes are ${magic ?? 'not a file of that type'}`,
    };
  }
  return {
    ok: false,
    message: `the response is ${declared}${magic ? ` (the bytes are ${magic})` : ''}, not a media type that can be inlined`,
  };
}
