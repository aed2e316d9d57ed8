import { crc32 as zlibCrc32 } from 'node:zlib';
import { fc } from '@fast-check/vitest';
import {
  EventStreamCodec,
  Int64,
  type MessageHeaderValue as SmithyHeaderValue,
  type Message as SmithyMessage,
} from '@smithy/eventstream-codec';
import type {
  EventStreamHeaders,
  EventStreamHeaderValue,
  EventStreamMessage,
} from '../../src/wire/event-stream/message.js';

/**
 * Test-only: `@smithy/eventstream-codec` as an oracle for src/wire/event-stream, conversions between its
 * message shape and ours, fast-check arbitraries for messages of every header type, and byte helpers that use
 * zlib's CRC (an implementation independent of ours).
 */

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** The oracle. Its UTF-8 decoder keeps a leading BOM, as ours does (text in a header is data). */
export const smithy = new EventStreamCodec(
  (bytes: Uint8Array) => utf8Decoder.decode(bytes),
  (text: string) => utf8Encoder.encode(text),
);

export const utf8Length = (s: string): number => utf8Encoder.encode(s).length;

function int64Bytes(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  let u = BigInt.asUintN(64, v);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

function int64Value(bytes: Uint8Array): bigint {
  let u = 0n;
  for (const b of bytes) u = (u << 8n) | BigInt(b);
  return BigInt.asIntN(64, u);
}

export function toSmithyValue(h: EventStreamHeaderValue): SmithyHeaderValue {
  return h.type === 'long' ? { type: 'long', value: new Int64(int64Bytes(h.value)) } : h;
}

export function fromSmithyValue(h: SmithyHeaderValue): EventStreamHeaderValue {
  return h.type === 'long' ? { type: 'long', value: int64Value(h.value.bytes) } : h;
}

export function toSmithy(m: EventStreamMessage): SmithyMessage {
  return {
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, toSmithyValue(v)])),
    body: m.body,
  };
}

export function fromSmithy(m: SmithyMessage): EventStreamMessage {
  return {
    headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, fromSmithyValue(v)])),
    body: m.body,
  };
}

/** Bytes as hex text: `toEqual` on strings is fast where it walks typed arrays element by element. */
export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

type Comparable = { type: 'binary'; hex: string } | Exclude<EventStreamHeaderValue, { type: 'binary' }>;

/** A message in a shape `toEqual` compares quickly and exactly: a plain header record, bytes as hex. */
export function comparable(m: EventStreamMessage): { headers: Record<string, Comparable>; body: string } {
  const headers: Record<string, Comparable> = {};
  for (const [k, v] of Object.entries(m.headers))
    Object.defineProperty(headers, k, {
      value: v.type === 'binary' ? { type: 'binary', hex: hex(v.value) } : v,
      enumerable: true,
    });
  return { headers, body: hex(m.body) };
}

const hex2 = (b: number) => b.toString(16).padStart(2, '0');

/** Any 16 bytes as a lowercase UUID string (not only version-4 ones). */
export const uuidArb = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => {
  const h = Array.from(b, hex2).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
});

/** Text: code points of every plane (no lone surrogates), emoji sequences, and now and then a long run. */
export const textArb = fc
  .oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 1500 }))
        .map(([s, n]) => s.repeat(n)),
    },
  )
  .filter((s) => utf8Length(s) <= 12000);

/** Header names of 1..255 bytes of UTF-8 (`__proto__` left out: smithy's decoder would set a prototype with it). */
export const headerNameArb = fc
  .oneof(
    { weight: 5, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ':message-type',
        ':event-type',
        ':content-type',
        ':exception-type',
        ':error-code',
        ':error-message',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 240, maxLength: 255 }) },
  )
  .filter((n) => utf8Length(n) >= 1 && utf8Length(n) <= 255 && n !== '__proto__');

export const headerValueArb: fc.Arbitrary<EventStreamHeaderValue> = fc.oneof(
  fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: 'byte' as const, value })),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: 'short' as const, value })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ type: 'integer' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'long' as const, value })),
  fc
    .oneof(
      { weight: 5, arbitrary: fc.uint8Array({ maxLength: 64 }) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12000 }) },
    )
    .map((value) => ({ type: 'binary' as const, value })),
  textArb.map((value) => ({ type: 'string' as const, value })),
  fc.date({ noInvalidDate: true }).map((value) => ({ type: 'timestamp' as const, value })),
  uuidArb.map((value) => ({ type: 'uuid' as const, value })),
);

export const headersArb: fc.Arbitrary<EventStreamHeaders> = fc
  .uniqueArray(fc.tuple(headerNameArb, headerValueArb), { selector: ([name]) => name, maxLength: 8 })
  .map((entries) => Object.fromEntries(entries));

/** Payloads: empty, small, and now and then large (up to 70 KB). */
export const bodyArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(new Uint8Array(0)) },
  { weight: 6, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 20000, maxLength: 70000 }) },
);

export const messageArb: fc.Arbitrary<EventStreamMessage> = fc.record({ headers: headersArb, body: bodyArb });

/** Small messages, for properties that try every byte position of a stream. */
export const smallMessageArb: fc.Arbitrary<EventStreamMessage> = fc.record({
  headers: fc
    .uniqueArray(
      fc.tuple(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }).filter((n) => n !== '__proto__'),
        headerValueArb.filter((h) => (h.type !== 'binary' && h.type !== 'string') || h.value.length < 40),
      ),
      { selector: ([n]) => n, maxLength: 3 },
    )
    .map((e) => Object.fromEntries(e)),
  body: fc.uint8Array({ maxLength: 40 }),
});

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Bytes written as hex pairs; spaces, line breaks and `# comments` to the end of a line ignored. */
export function hexBytes(text: string): Uint8Array {
  const clean = text.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
  if (!/^(?:[0-9a-f]{2})*$/i.test(clean)) throw new Error(`not hex bytes: ${clean}`);
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => Number.parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}

const setU32 = (b: Uint8Array, at: number, v: number) =>
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(at, v >>> 0, false);

/**
 * A frame edited by hand, made valid again: total length set to its size (unless `total` is given), headers length
 * to `headersLength`, both CRCs recomputed with zlib. For building frames whose fault is not a CRC.
 */
export function refit(frame: Uint8Array, headersLength: number, total = frame.length): Uint8Array {
  const out = frame.slice();
  setU32(out, 0, total);
  setU32(out, 4, headersLength);
  setU32(out, 8, zlibCrc32(out.subarray(0, 8)));
  setU32(out, out.length - 4, zlibCrc32(out.subarray(0, out.length - 4)));
  return out;
}

/** A frame from its parts (prelude and CRCs computed with zlib): headers bytes, then payload bytes. */
export function frameOf(headers: Uint8Array, payload: Uint8Array): Uint8Array {
  return refit(concat([new Uint8Array(12), headers, payload, new Uint8Array(4)]), headers.length);
}

/** Cuts `bytes` at the given positions (sorted, deduplicated, inside the bytes). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}
