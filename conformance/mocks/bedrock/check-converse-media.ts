import { isRecord } from '../../../src/core/narrow.js';
import type { RuleViolation } from '../mock-types.js';

/**
 * Media bytes in a Converse request, as Bedrock decodes them (docs/wire-formats.md#bedrock-converse-request): an
 * `image` or `document` block's `source.bytes` is base64 (the JSON form of a blob) and the decoded bytes must be the
 * `format` the block names. A gateway that sends a data: URL, base64 twice, or a PNG labelled `jpeg` is caught here.
 * Bytes with no known signature pass (the property tests send random bytes as images); formats without a fixed
 * signature (txt, csv, html, md, doc…) are checked for base64 only.
 */
const SIGNATURES: Record<string, (b: Uint8Array) => boolean> = {
  png: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => ascii(b, 0, 4) === 'GIF8',
  webp: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP',
  pdf: (b) => ascii(b, 0, 5) === '%PDF-',
};

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** The head of bytes that were encoded twice: base64 text, or a data: URL. */
const ENCODED_AGAIN = /^(?:data:|[A-Za-z0-9+/]{12})/;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decode(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  // only the head is needed for the signature
  const head = atob(text.slice(0, 24));
  return Uint8Array.from(head, (c) => c.charCodeAt(0));
}

function checkBlock(block: unknown, at: string, out: RuleViolation[]): void {
  if (!isRecord(block)) return;
  for (const kind of ['image', 'document'] as const) {
    const media = block[kind];
    if (!isRecord(media) || !isRecord(media.source) || typeof media.source.bytes !== 'string') continue;
    const path = `${at}.${kind}.source.bytes`;
    const bytes = decode(media.source.bytes);
    if (!bytes) {
      out.push({ path, message: `${path}: the ${kind} bytes are not valid base64` });
      continue;
    }
    const format =
      typeof media.format === 'string' && Object.hasOwn(SIGNATURES, media.format) ? media.format : undefined;
    if (!format) continue;
    // another format's signature, or text that is base64 again or a data: URL (bytes encoded twice)
    const other = Object.keys(SIGNATURES).find((f) => f !== format && SIGNATURES[f]!(bytes));
    if (other || ENCODED_AGAIN.test(ascii(bytes, 0, 16)))
      out.push({ path, message: `${path}: the ${kind} bytes are not ${format} data` });
  }
  if (isRecord(block.toolResult) && Array.isArray(block.toolResult.content))
    block.toolResult.content.forEach((c, k) => {
      checkBlock(c, `${at}.toolResult.content[${k}]`, out);
    });
}

/** Every media block of the request whose bytes do not decode to the format it names. */
export function checkConverseMedia(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (!Array.isArray(body.messages)) return out;
  body.messages.forEach((m, i) => {
    if (isRecord(m) && Array.isArray(m.content))
      m.content.forEach((b, j) => {
        checkBlock(b, `messages[${i}].content[${j}]`, out);
      });
  });
  return out;
}
