import { crc32 } from './crc32.js';

/**
 * One AWS event-stream message (`application/vnd.amazon.eventstream`, docs/event-stream.md#frame-layout),
 * encoded and decoded over `Uint8Array` with both CRCs checked. No Node, no Buffer, no dependency.
 */

/**
 * A header value, tagged with its wire type (docs/event-stream.md#header-types). The tag names are the ones
 * `@smithy/eventstream-codec` uses, so code written against its `Message` reads ours unchanged, except `long`
 * (a `bigint` here, exact over the whole int64 range) and the null-prototype header record.
 */
export type EventStreamHeaderValue =
  | { readonly type: 'boolean'; readonly value: boolean }
  /** int8 */
  | { readonly type: 'byte'; readonly value: number }
  /** int16 */
  | { readonly type: 'short'; readonly value: number }
  /** int32 */
  | { readonly type: 'integer'; readonly value: number }
  /** int64, exact */
  | { readonly type: 'long'; readonly value: bigint }
  /** the format's `byte_array`: at most 32,767 bytes written */
  | { readonly type: 'binary'; readonly value: Uint8Array }
  /** UTF-8 on the wire: at most 32,767 bytes written */
  | { readonly type: 'string'; readonly value: string }
  /** int64 milliseconds since the Unix epoch; a value outside `Date`'s range (±8.64e15 ms) is refused */
  | { readonly type: 'timestamp'; readonly value: Date }
  /** 16 bytes on the wire; read as lowercase `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, written from either case */
  | { readonly type: 'uuid'; readonly value: string };

export type EventStreamHeaderType = EventStreamHeaderValue['type'];

/** Header name → value. Decoded records have a null prototype (a header named `__proto__` or `toString` is data). */
export type EventStreamHeaders = Readonly<Record<string, EventStreamHeaderValue>>;

export interface EventStreamMessage {
  readonly headers: EventStreamHeaders;
  /** The payload. A decoded payload is a view into the decoded bytes (no copy): do not write to it. */
  readonly body: Uint8Array;
}

/** Total length, headers length, prelude CRC: 3 × 4 bytes. */
export const PRELUDE_BYTES = 12;
/** Prelude and message CRC: the length of a message with no headers and an empty payload. */
export const MESSAGE_OVERHEAD_BYTES = 16;
/** The format's limit on the encoded headers of one message (docs/event-stream.md#limits). */
export const MAX_HEADERS_BYTES: number = 128 * 1024;
/** The format's limit on the payload of one message (docs/event-stream.md#limits). */
export const MAX_PAYLOAD_BYTES: number = 24 * 1024 * 1024;
/** The largest message the format allows: overhead, the largest headers and the largest payload. */
export const MAX_MESSAGE_BYTES: number = MESSAGE_OVERHEAD_BYTES + MAX_HEADERS_BYTES + MAX_PAYLOAD_BYTES;
/** Largest string or byte-array header value written (docs/event-stream.md#header-types). */
export const MAX_HEADER_VALUE_BYTES = 32767;

/** Why bytes are not an event-stream message, or a message cannot be written (docs/event-stream.md#errors). */
export type EventStreamErrorCode =
  /** total length below 16, not the frame's size, above the reader's limit; headers length past the payload */
  | 'bad-length'
  /** the CRC of the first 8 bytes is not the one in bytes 8..12 */
  | 'prelude-crc'
  /** the CRC of everything before the last 4 bytes is not the one in them */
  | 'message-crc'
  /** a header's name, type or value runs past the end of the headers section */
  | 'header-overrun'
  /** a header type byte outside 0..9 */
  | 'unknown-header-type'
  /** a header name or string value that is not UTF-8 */
  | 'invalid-utf8'
  /** the same header name twice in one message (the format forbids it) */
  | 'duplicate-header'
  /** a timestamp header outside the range of `Date` */
  | 'bad-header-value'
  /** the stream ended inside a frame (frame reader only) */
  | 'cut-short'
  /** encoding: a message the format cannot carry (header name length, value range, sizes) */
  | 'invalid-message';

export class EventStreamError extends Error {
  override readonly name = 'EventStreamError';
  readonly code: EventStreamErrorCode;
  /** Byte offset in the stream of the first byte of the frame at fault (set by the frame reader). */
  readonly offset: number | undefined;

  constructor(code: EventStreamErrorCode, message: string, offset?: number) {
    super(message);
    this.code = code;
    this.offset = offset;
  }
}

const TYPE_TRUE = 0;
const TYPE_FALSE = 1;
const TYPE_BYTE = 2;
const TYPE_SHORT = 3;
const TYPE_INTEGER = 4;
const TYPE_LONG = 5;
const TYPE_BINARY = 6;
const TYPE_STRING = 7;
const TYPE_TIMESTAMP = 8;
const TYPE_UUID = 9;

/** Milliseconds either side of the epoch that a `Date` can hold. */
const MAX_DATE_MS = 8.64e15;
const TWO_POW_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const utf8Decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = /* @__PURE__ */ new TextEncoder();

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function setU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/**
 * Checks the prelude of the frame starting at `bytes[at]` (12 bytes must be there) and returns the frame's total
 * length: the prelude CRC first (so a corrupt length is named as corruption), then the lengths (total at least
 * 16 and at most `maxMessageBytes`, headers inside the frame). Throws an `EventStreamError`.
 */
export function checkPrelude(bytes: Uint8Array, at: number = 0, maxMessageBytes: number = MAX_MESSAGE_BYTES): number {
  if (bytes.length - at < PRELUDE_BYTES)
    throw new EventStreamError(
      'bad-length',
      `an event-stream prelude needs ${PRELUDE_BYTES} bytes, ${bytes.length - at} given`,
    );
  const total = u32(bytes, at);
  const headersLength = u32(bytes, at + 4);
  const expected = u32(bytes, at + 8);
  const actual = crc32(bytes, 0, at, at + 8);
  if (actual !== expected)
    throw new EventStreamError(
      'prelude-crc',
      `event-stream prelude CRC mismatch: the frame says ${hex32(expected)}, its first 8 bytes give ${hex32(actual)}`,
    );
  if (total < MESSAGE_OVERHEAD_BYTES)
    throw new EventStreamError(
      'bad-length',
      `event-stream frame of impossible length ${total} (the minimum is ${MESSAGE_OVERHEAD_BYTES})`,
    );
  if (total > maxMessageBytes)
    throw new EventStreamError(
      'bad-length',
      `event-stream frame of ${total} bytes is over the limit of ${maxMessageBytes}`,
    );
  if (headersLength > total - MESSAGE_OVERHEAD_BYTES)
    throw new EventStreamError(
      'bad-length',
      `event-stream headers length ${headersLength} does not fit in a frame of ${total} bytes`,
    );
  return total;
}

/**
 * Decodes exactly one whole message: `frame` must hold one frame and nothing else. Checks the prelude CRC, the
 * lengths, the message CRC, then reads the headers (every type, no overrun, no duplicate name, UTF-8). Throws an
 * `EventStreamError`. The body is a view into `frame`.
 */
export function decodeMessage(frame: Uint8Array): EventStreamMessage {
  return decodeWith(frame, undefined);
}

/**
 * A `decodeMessage` for the frames of one stream: the same results, faster, because it remembers the text of
 * the last short header names and string values it read (`:event-type`, `contentBlockDelta`, … repeat from frame
 * to frame) instead of decoding their UTF-8 again. The memory is bounded (256 entries of at most 32 bytes) and
 * belongs to the returned function only.
 */
export function createMessageDecoder(): (frame: Uint8Array) => EventStreamMessage {
  const texts: TextCache = new Array(TEXT_CACHE_SLOTS);
  return (frame) => decodeWith(frame, texts);
}

function decodeWith(frame: Uint8Array, texts: TextCache | undefined): EventStreamMessage {
  if (frame.length < MESSAGE_OVERHEAD_BYTES)
    throw new EventStreamError(
      'bad-length',
      `${frame.length} bytes cannot be an event-stream frame (the minimum is ${MESSAGE_OVERHEAD_BYTES})`,
    );
  const total = checkPrelude(frame, 0, Number.MAX_SAFE_INTEGER);
  if (total !== frame.length)
    throw new EventStreamError('bad-length', `event-stream frame says ${total} bytes but ${frame.length} were given`);
  const expected = u32(frame, total - 4);
  const actual = crc32(frame, u32(frame, 8), 8, total - 4);
  if (actual !== expected)
    throw new EventStreamError(
      'message-crc',
      `event-stream message CRC mismatch: the frame says ${hex32(expected)}, its bytes give ${hex32(actual)}`,
    );
  const headersEnd = PRELUDE_BYTES + u32(frame, 4);
  return {
    headers: decodeHeaders(frame, PRELUDE_BYTES, headersEnd, texts),
    body: frame.subarray(headersEnd, total - 4),
  };
}

function overrun(what: string, name: string | undefined, at: number): EventStreamError {
  const whose = name === undefined ? 'an event-stream header' : `event-stream header ${JSON.stringify(name)}`;
  return new EventStreamError(
    'header-overrun',
    `${whose}: its ${what} runs past the end of the headers (at byte ${at} of the frame)`,
  );
}

function decodeHeaders(b: Uint8Array, start: number, end: number, texts: TextCache | undefined): EventStreamHeaders {
  const headers: Record<string, EventStreamHeaderValue> = Object.create(null);
  let p = start;
  while (p < end) {
    const nameLength = b[p]!;
    if (p + 1 + nameLength + 1 > end) throw overrun('name and type', undefined, p);
    const name = utf8(b, p + 1, p + 1 + nameLength, texts);
    p += 1 + nameLength;
    const type = b[p]!;
    p += 1;
    let value: EventStreamHeaderValue;
    switch (type) {
      case TYPE_TRUE:
      case TYPE_FALSE:
        value = { type: 'boolean', value: type === TYPE_TRUE };
        break;
      case TYPE_BYTE:
        if (p + 1 > end) throw overrun('byte value', name, p);
        value = { type: 'byte', value: (b[p]! << 24) >> 24 };
        p += 1;
        break;
      case TYPE_SHORT:
        if (p + 2 > end) throw overrun('short value', name, p);
        value = { type: 'short', value: (((b[p]! << 8) | b[p + 1]!) << 16) >> 16 };
        p += 2;
        break;
      case TYPE_INTEGER:
        if (p + 4 > end) throw overrun('integer value', name, p);
        value = { type: 'integer', value: u32(b, p) | 0 };
        p += 4;
        break;
      case TYPE_LONG:
        if (p + 8 > end) throw overrun('long value', name, p);
        value = { type: 'long', value: BigInt.asIntN(64, (BigInt(u32(b, p)) << 32n) | BigInt(u32(b, p + 4))) };
        p += 8;
        break;
      case TYPE_BINARY:
      case TYPE_STRING: {
        if (p + 2 > end) throw overrun('value length', name, p);
        const length = (b[p]! << 8) | b[p + 1]!;
        p += 2;
        if (p + length > end) throw overrun(type === TYPE_STRING ? 'string value' : 'byte-array value', name, p);
        value =
          type === TYPE_STRING
            ? { type: 'string', value: utf8(b, p, p + length, texts) }
            : { type: 'binary', value: b.subarray(p, p + length) };
        p += length;
        break;
      }
      case TYPE_TIMESTAMP: {
        if (p + 8 > end) throw overrun('timestamp value', name, p);
        const ms = (u32(b, p) | 0) * TWO_POW_32 + u32(b, p + 4);
        if (!(Math.abs(ms) <= MAX_DATE_MS))
          throw new EventStreamError(
            'bad-header-value',
            `event-stream header ${JSON.stringify(name)}: timestamp ${ms} ms is outside the range of a Date`,
          );
        value = { type: 'timestamp', value: new Date(ms) };
        p += 8;
        break;
      }
      case TYPE_UUID:
        if (p + 16 > end) throw overrun('uuid value', name, p);
        value = { type: 'uuid', value: uuidString(b, p) };
        p += 16;
        break;
      default:
        throw new EventStreamError(
          'unknown-header-type',
          `event-stream header ${JSON.stringify(name)} has unknown type ${type} (the format defines 0..9)`,
        );
    }
    if (name in headers)
      throw new EventStreamError(
        'duplicate-header',
        `event-stream header ${JSON.stringify(name)} appears twice in one message`,
      );
    headers[name] = value;
  }
  return headers;
}

interface TextSlot {
  readonly bytes: Uint8Array;
  readonly text: string;
}
type TextCache = (TextSlot | undefined)[];
const TEXT_CACHE_SLOTS = 256;
const TEXT_CACHE_MAX_BYTES = 32;

/** UTF-8 → string; a short text is looked up in `texts` by its bytes first (a hash picks the slot). */
function utf8(b: Uint8Array, start: number, end: number, texts: TextCache | undefined): string {
  const length = end - start;
  if (texts === undefined || length > TEXT_CACHE_MAX_BYTES) return utf8Decode(b, start, end);
  let h = length;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  const slot = (h ^ (h >>> 16)) & (TEXT_CACHE_SLOTS - 1);
  const seen = texts[slot];
  if (seen !== undefined && seen.bytes.length === length) {
    const sb = seen.bytes;
    let i = 0;
    while (i < length && sb[i] === b[start + i]) i++;
    if (i === length) return seen.text;
  }
  const text = utf8Decode(b, start, end);
  texts[slot] = { bytes: b.slice(start, end), text };
  return text;
}

function utf8Decode(b: Uint8Array, start: number, end: number): string {
  try {
    return utf8Decoder.decode(b.subarray(start, end));
  } catch {
    throw new EventStreamError(
      'invalid-utf8',
      `event-stream header text at bytes ${start}..${end} of the frame is not UTF-8`,
    );
  }
}

const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidString(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[at + i]!]!;
  }
  return s;
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONE_SURROGATE = /\p{Surrogate}/u;

function invalid(name: string, why: string): EventStreamError {
  return new EventStreamError('invalid-message', `cannot encode event-stream header ${JSON.stringify(name)}: ${why}`);
}

function textBytes(name: string, text: string, what: string): Uint8Array {
  if (LONE_SURROGATE.test(text)) throw invalid(name, `its ${what} has a lone surrogate (not encodable as UTF-8)`);
  return utf8Encoder.encode(text);
}

function checkInteger(name: string, value: unknown, bits: number): number {
  const limit = 2 ** (bits - 1);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -limit || value >= limit)
    throw invalid(name, `${String(value)} is not a ${bits}-bit signed integer`);
  return value;
}

/** One header, ready to be written: its name's bytes, its type byte and the bytes after the type byte. */
interface EncodedHeader {
  name: Uint8Array;
  type: number;
  value: Uint8Array | undefined;
  /** for the fixed-size numeric types: the value to write */
  int: number;
  long: bigint;
}

function nameBytesOf(name: string): Uint8Array {
  const nameBytes = textBytes(name, name, 'name');
  if (nameBytes.length < 1 || nameBytes.length > 255)
    throw invalid(name, `a header name is 1 to 255 bytes of UTF-8, this one is ${nameBytes.length}`);
  return nameBytes;
}

function checkValueLength(name: string, type: string, value: Uint8Array): Uint8Array {
  if (value.length > MAX_HEADER_VALUE_BYTES)
    throw invalid(name, `a ${type} value is at most ${MAX_HEADER_VALUE_BYTES} bytes, this one is ${value.length}`);
  return value;
}

function checkHeadersLength(headersLength: number): void {
  if (headersLength > MAX_HEADERS_BYTES)
    throw new EventStreamError(
      'invalid-message',
      `cannot encode an event-stream message with ${headersLength} bytes of headers (the limit is ${MAX_HEADERS_BYTES})`,
    );
}

/** Throws the codec's refusal of a payload over `MAX_PAYLOAD_BYTES`. */
export function checkPayloadLength(length: number): void {
  if (length > MAX_PAYLOAD_BYTES)
    throw new EventStreamError(
      'invalid-message',
      `cannot encode an event-stream payload of ${length} bytes (the limit is ${MAX_PAYLOAD_BYTES})`,
    );
}

/**
 * The header block of a message whose headers are all strings, in the record's key order: the bytes
 * `encodeMessage` writes between the prelude and the payload for them, with the same checks. What the formats'
 * encoders use, without the codec's other header types.
 */
export function encodeStringHeaders(headers: Readonly<Record<string, string>>): Uint8Array {
  const parts: Uint8Array[] = [];
  let headersLength = 0;
  for (const name of Object.keys(headers)) {
    const nameBytes = nameBytesOf(name);
    const value = checkValueLength(name, 'string', textBytes(name, headers[name]!, 'value'));
    parts.push(nameBytes, value);
    headersLength += 4 + nameBytes.length + value.length;
  }
  checkHeadersLength(headersLength);
  const out = new Uint8Array(headersLength);
  let p = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const nameBytes = parts[i]!;
    const value = parts[i + 1]!;
    out[p] = nameBytes.length;
    out.set(nameBytes, p + 1);
    p += 1 + nameBytes.length;
    out[p] = TYPE_STRING;
    out[p + 1] = value.length >> 8;
    out[p + 2] = value.length;
    out.set(value, p + 3);
    p += 3 + value.length;
  }
  return out;
}

function encodeHeader(name: string, header: EventStreamHeaderValue): EncodedHeader {
  const h: EncodedHeader = { name: nameBytesOf(name), type: 0, value: undefined, int: 0, long: 0n };
  switch (header.type) {
    case 'boolean':
      if (typeof header.value !== 'boolean') throw invalid(name, 'a boolean header needs a boolean value');
      h.type = header.value ? TYPE_TRUE : TYPE_FALSE;
      break;
    case 'byte':
      h.type = TYPE_BYTE;
      h.int = checkInteger(name, header.value, 8);
      break;
    case 'short':
      h.type = TYPE_SHORT;
      h.int = checkInteger(name, header.value, 16);
      break;
    case 'integer':
      h.type = TYPE_INTEGER;
      h.int = checkInteger(name, header.value, 32);
      break;
    case 'long':
      if (typeof header.value !== 'bigint' || header.value < INT64_MIN || header.value > INT64_MAX)
        throw invalid(name, `a long header needs a bigint in the int64 range, got ${String(header.value)}`);
      h.type = TYPE_LONG;
      h.long = header.value;
      break;
    case 'binary':
      if (!(header.value instanceof Uint8Array)) throw invalid(name, 'a binary header needs a Uint8Array value');
      h.type = TYPE_BINARY;
      h.value = header.value;
      break;
    case 'string':
      if (typeof header.value !== 'string') throw invalid(name, 'a string header needs a string value');
      h.type = TYPE_STRING;
      h.value = textBytes(name, header.value, 'value');
      break;
    case 'timestamp': {
      const ms = header.value instanceof Date ? header.value.getTime() : Number.NaN;
      if (Number.isNaN(ms)) throw invalid(name, 'a timestamp header needs a valid Date');
      h.type = TYPE_TIMESTAMP;
      h.long = BigInt(ms);
      break;
    }
    case 'uuid':
      if (typeof header.value !== 'string' || !UUID_PATTERN.test(header.value))
        throw invalid(name, `${String(header.value)} is not a UUID (8-4-4-4-12 hex digits)`);
      h.type = TYPE_UUID;
      h.value = uuidBytes(header.value);
      break;
    default: {
      const unknownType: unknown = (header as { type: unknown }).type;
      throw invalid(name, `unknown header type ${String(unknownType)}`);
    }
  }
  if (h.value !== undefined && h.type !== TYPE_UUID) checkValueLength(name, header.type, h.value);
  return h;
}

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replaceAll('-', '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes a header takes after its name: the type byte and the value. */
function headerValueSize(h: EncodedHeader): number {
  switch (h.type) {
    case TYPE_TRUE:
    case TYPE_FALSE:
      return 1;
    case TYPE_BYTE:
      return 2;
    case TYPE_SHORT:
      return 3;
    case TYPE_INTEGER:
      return 5;
    case TYPE_LONG:
    case TYPE_TIMESTAMP:
      return 9;
    case TYPE_UUID:
      return 17;
    default:
      return 3 + h.value!.length;
  }
}

function writeInt64(out: Uint8Array, at: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  setU32(out, at, Number(u >> 32n));
  setU32(out, at + 4, Number(u & 0xffffffffn));
}

/**
 * Encodes one message: prelude, prelude CRC, headers in the record's key order, payload, message CRC
 * (docs/event-stream.md#frame-layout). Throws an `EventStreamError` with code `invalid-message` for what the format
 * cannot carry: a header name that is empty or over 255 bytes, a number out of its type's range, a string or
 * byte array over 32,767 bytes, a string with a lone surrogate, an invalid Date or UUID, headers over 128 KiB or a
 * payload over 24 MiB.
 */
export function encodeMessage(message: EventStreamMessage): Uint8Array {
  const encoded: EncodedHeader[] = [];
  let headersLength = 0;
  for (const name of Object.keys(message.headers)) {
    const h = encodeHeader(name, message.headers[name]!);
    encoded.push(h);
    headersLength += 1 + h.name.length + headerValueSize(h);
  }
  checkHeadersLength(headersLength);
  const body = message.body;
  checkPayloadLength(body.length);
  const total = MESSAGE_OVERHEAD_BYTES + headersLength + body.length;
  const out = new Uint8Array(total);
  setU32(out, 0, total);
  setU32(out, 4, headersLength);
  const preludeCrc = crc32(out, 0, 0, 8);
  setU32(out, 8, preludeCrc);
  let p = PRELUDE_BYTES;
  for (const h of encoded) {
    out[p] = h.name.length;
    out.set(h.name, p + 1);
    p += 1 + h.name.length;
    out[p] = h.type;
    p += 1;
    switch (h.type) {
      case TYPE_TRUE:
      case TYPE_FALSE:
        break;
      case TYPE_BYTE:
        out[p] = h.int;
        p += 1;
        break;
      case TYPE_SHORT:
        out[p] = h.int >> 8;
        out[p + 1] = h.int;
        p += 2;
        break;
      case TYPE_INTEGER:
        setU32(out, p, h.int);
        p += 4;
        break;
      case TYPE_LONG:
      case TYPE_TIMESTAMP:
        writeInt64(out, p, h.long);
        p += 8;
        break;
      case TYPE_UUID:
        out.set(h.value!, p);
        p += 16;
        break;
      default: {
        const v = h.value!;
        out[p] = v.length >> 8;
        out[p + 1] = v.length;
        out.set(v, p + 2);
        p += 2 + v.length;
      }
    }
  }
  out.set(body, p);
  setU32(out, total - 4, crc32(out, preludeCrc, 8, total - 4));
  return out;
}

/** The value of a string header, if the message has one by that name. */
export function headerString(message: EventStreamMessage, name: string): string | undefined {
  const h = Object.hasOwn(message.headers, name) ? message.headers[name] : undefined;
  return h !== undefined && h.type === 'string' ? h.value : undefined;
}
