import { TranslationError } from '../../core/errors.js';
import { DecodeFailure, type SyncDecoder } from '../sse/sse-decoder-stream.js';
import { crc32 } from './crc32.js';
import { createEventStreamFrameReader, type EventStreamFrame } from './frame-reader.js';
import {
  checkPayloadLength,
  type EventStreamError,
  type EventStreamMessage,
  encodeStringHeaders,
  headerString,
  MESSAGE_OVERHEAD_BYTES,
  PRELUDE_BYTES,
} from './message.js';

/**
 * AWS event-stream framing as the formats use it (`application/vnd.amazon.eventstream`,
 * docs/wire-formats.md#aws-event-stream), over crosswire's own codec (`message.ts`, `frame-reader.ts`,
 * docs/event-stream.md), which checks both CRCs: a corrupt frame is an error, never garbage. Frames may arrive
 * cut anywhere; a frame is handed out once all of its `total_length` bytes are there.
 */

export type { EventStreamMessage };
export { headerString };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Largest frame accepted (the service's own limit is far below). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/**
 * The one AWS event-stream frame splitter: whole, checked frames out of byte chunks cut anywhere, each with its
 * message and its bytes exactly as received (frames are contiguous, so forwarding the bytes of frames 0..k
 * forwards the stream up to the end of frame k). Used by the formats' decoders and by the gateway's pass-through
 * watcher. A failure comes after the frames before it, as a TranslationError in crosswire's words; nothing is
 * read after it.
 */
export class EventStreamFrameSplitter {
  readonly #reader = createEventStreamFrameReader({ maxMessageBytes: MAX_FRAME_BYTES });
  #pushed = 0;

  push(chunk: Uint8Array): { frames: EventStreamFrame[]; error?: TranslationError } {
    this.#pushed += chunk.length;
    const r = this.#reader.push(chunk);
    return r.error ? { frames: r.frames, error: this.#translated(r.error) } : { frames: r.frames };
  }

  /** The input ended: the error for a last frame cut short, else undefined. */
  end(): TranslationError | undefined {
    const error = this.#reader.end();
    return error && this.#translated(error);
  }

  #translated(error: EventStreamError): TranslationError {
    if (error.code === 'cut-short') {
      const left = this.#pushed - (error.offset ?? this.#reader.offset);
      return new TranslationError('upstream', `event stream ended inside a frame (${left} bytes left)`);
    }
    return new TranslationError('upstream', `corrupt event-stream frame: ${error.message}`);
  }
}

/** The bytes of `frames` (consecutive frames of one push) as one piece: a view when they lie in one buffer. */
export function frameBytes(frames: readonly EventStreamFrame[]): Uint8Array {
  const first = frames[0]?.bytes;
  const last = frames[frames.length - 1]?.bytes;
  if (!first || !last) return new Uint8Array(0);
  if (first.buffer === last.buffer && last.byteOffset + last.length - first.byteOffset >= 0) {
    const length = last.byteOffset + last.length - first.byteOffset;
    let sum = 0;
    for (const f of frames) sum += f.bytes.length;
    if (sum === length) return new Uint8Array(first.buffer, first.byteOffset, length);
  }
  const out = new Uint8Array(frames.reduce((n, f) => n + f.bytes.length, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f.bytes, at);
    at += f.bytes.length;
  }
  return out;
}

/**
 * bytes -> events, one `decode(message)` per frame (`undefined`: skip the frame). Every whole frame before a
 * framing failure (a bad CRC, an impossible length, a frame cut short) is handed out before the stream errors:
 * the failure travels as a value through the first stage, and the second stage (no readable buffer) throws it
 * only once everything before it has been read, so no chunking of the bytes loses a good event.
 */
export function createEventStreamDecodeStream<Event>(
  decode: (message: EventStreamMessage) => Event | undefined,
): TransformStream<Uint8Array, Event> {
  const splitter = new EventStreamFrameSplitter();
  const frames = new TransformStream<Uint8Array, EventStreamMessage | TranslationError>({
    transform(chunk, controller) {
      // decoded messages are views into the bytes: split a private copy (the caller may reuse its chunk)
      const r = splitter.push(chunk.slice());
      for (const f of r.frames) controller.enqueue(f.message);
      if (r.error) controller.enqueue(r.error);
    },
    flush(controller) {
      const error = splitter.end();
      if (error) controller.enqueue(error);
    },
  });
  const events = new TransformStream<EventStreamMessage | TranslationError, Event>(
    {
      transform(item, controller) {
        if (item instanceof TranslationError) throw item;
        const e = decode(item);
        if (e !== undefined) controller.enqueue(e);
      },
    },
    undefined,
    { highWaterMark: 0 },
  );
  return { writable: frames.writable, readable: frames.readable.pipeThrough(events) };
}

/**
 * bytes -> events, synchronously (the hot path of `translateStream`): one `decode(message)` per whole frame
 * (`undefined`: skip the frame). A framing failure, or a frame `decode` refuses, throws after the events before it
 * (a `DecodeFailure` carries them); nothing is read after it. Frames are decoded while `push` runs, so the chunk is
 * not retained and needs no copy.
 */
export function createEventStreamDecoder<Event>(
  decode: (message: EventStreamMessage) => Event | undefined,
): SyncDecoder<Event> {
  const splitter = new EventStreamFrameSplitter();
  return {
    push(bytes) {
      const r = splitter.push(bytes);
      const out: Event[] = [];
      try {
        for (const f of r.frames) {
          const e = decode(f.message);
          if (e !== undefined) out.push(e);
        }
        if (r.error) throw r.error;
      } catch (e) {
        throw out.length > 0 ? new DecodeFailure(e, out) : e;
      }
      return out;
    },
    end() {
      const error = splitter.end();
      if (error) throw error;
      return [];
    },
  };
}

/**
 * The encoded headers of the `event` frames of one `:event-type`: they differ only by that name, and a stream
 * uses a handful of names, so each is encoded once (bounded: a stream of ever new names falls back to encoding).
 */
const eventHeaderBlocks = new Map<string, Uint8Array>();
const MAX_CACHED_HEADER_BLOCKS = 64;

function eventHeaderBlock(eventType: string): Uint8Array {
  let block = eventHeaderBlocks.get(eventType);
  if (block === undefined) {
    block = encodeStringHeaders({
      ':event-type': eventType,
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    if (eventHeaderBlocks.size < MAX_CACHED_HEADER_BLOCKS) eventHeaderBlocks.set(eventType, block);
  }
  return block;
}

function writeU32(out: Uint8Array, at: number, v: number): void {
  out[at] = v >>> 24;
  out[at + 1] = v >>> 16;
  out[at + 2] = v >>> 8;
  out[at + 3] = v;
}

/** The size of the `event` frame `encodeEventFrameInto` writes for this event type and payload. */
function eventFrameSize(headers: Uint8Array, body: Uint8Array): number {
  checkPayloadLength(body.length);
  return MESSAGE_OVERHEAD_BYTES + headers.length + body.length;
}

/** Writes one frame at `at` of `out` (the bytes `encodeMessage` writes for it); returns its end. */
function writeEventFrame(out: Uint8Array, at: number, headers: Uint8Array, body: Uint8Array): number {
  const total = MESSAGE_OVERHEAD_BYTES + headers.length + body.length;
  writeU32(out, at, total);
  writeU32(out, at + 4, headers.length);
  const preludeCrc = crc32(out, 0, at, at + 8);
  writeU32(out, at + 8, preludeCrc);
  out.set(headers, at + PRELUDE_BYTES);
  out.set(body, at + PRELUDE_BYTES + headers.length);
  const end = at + total;
  writeU32(out, end - 4, crc32(out, preludeCrc, at + 8, end - 4));
  return end;
}

/** One frame of these headers and payload, as its own bytes. */
function wholeFrame(headers: Uint8Array, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(eventFrameSize(headers, body));
  writeEventFrame(out, 0, headers, body);
  return out;
}

/** An `event` frame: `:message-type event`, `:event-type`, `:content-type application/json`, JSON payload. */
export function encodeEventFrame(eventType: string, payload: unknown): Uint8Array {
  const headers = eventHeaderBlock(eventType);
  const body = encoder.encode(JSON.stringify(payload));
  return wholeFrame(headers, body);
}

/** What a format makes of one event: a whole frame, or `{eventType, payload}` for an `event` frame. */
export type FrameOf = Uint8Array | { eventType: string; payload: unknown };

/** One frame as bytes. */
export function encodeFrame(f: FrameOf): Uint8Array {
  return f instanceof Uint8Array ? f : encodeEventFrame(f.eventType, f.payload);
}

/** Events -> one frame each, as a stream (`frame` as in `encodeFrames`). */
export function createFrameEncodeStream<T>(frame: (item: T) => FrameOf): TransformStream<T, Uint8Array> {
  return new TransformStream<T, Uint8Array>({
    transform(event, controller) {
      controller.enqueue(encodeFrame(frame(event)));
    },
  });
}

/**
 * Several frames as one piece of bytes: `frame(item)` gives either a whole frame, or `{eventType, payload}` for an
 * `event` frame (written straight into the output, headers from the cache).
 */
export function encodeFrames<T>(items: readonly T[], frame: (item: T) => FrameOf): Uint8Array {
  const parts: { headers?: Uint8Array; bytes: Uint8Array }[] = [];
  let size = 0;
  for (const item of items) {
    const f = frame(item);
    if (f instanceof Uint8Array) {
      parts.push({ bytes: f });
      size += f.length;
    } else {
      const headers = eventHeaderBlock(f.eventType);
      const body = encoder.encode(JSON.stringify(f.payload));
      parts.push({ headers, bytes: body });
      size += eventFrameSize(headers, body);
    }
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    if (p.headers === undefined) {
      out.set(p.bytes, at);
      at += p.bytes.length;
    } else at = writeEventFrame(out, at, p.headers, p.bytes);
  }
  return out;
}

/** An `exception` frame: `:message-type exception`, `:exception-type`, payload `{"message": …}`. */
export function encodeExceptionFrame(exceptionType: string, message: string): Uint8Array {
  const headers = encodeStringHeaders({
    ':exception-type': exceptionType,
    ':content-type': 'application/json',
    ':message-type': 'exception',
  });
  const body = encoder.encode(JSON.stringify({ message }));
  return wholeFrame(headers, body);
}

/** The JSON payload of a frame (event or exception). */
export function framePayload(message: EventStreamMessage): unknown {
  let text: string;
  try {
    text = decoder.decode(message.body);
  } catch {
    throw new TranslationError('upstream', 'event-stream payload is not valid UTF-8');
  }
  if (text.length === 0) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new TranslationError('upstream', 'event-stream payload is not valid JSON');
  }
}
