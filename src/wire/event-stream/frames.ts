import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { TranslationError } from '../../core/errors.js';

/**
 * AWS event-stream framing (`application/vnd.amazon.eventstream`, docs/wire-formats.md#aws-event-stream), read and written
 * with `@smithy/eventstream-codec`, which checks both CRCs: a corrupt frame is an error, never garbage.
 * Frames may arrive cut anywhere; bytes are buffered until a whole frame (its `total_length`) is there.
 */

export type { Message as EventStreamMessage } from '@smithy/eventstream-codec';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** One codec for the process: it keeps no state between `encode`/`decode` calls. */
export const eventStreamCodec = new EventStreamCodec(
  (bytes: Uint8Array) => decoder.decode(bytes),
  (text: string) => encoder.encode(text),
);

/** Largest frame accepted (the service's own limit is far below). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const PRELUDE = 12;
const MIN_FRAME = 16;

/** A header value of a decoded message as a string, if it is one. */
export function headerString(message: Message, name: string): string | undefined {
  const h = message.headers[name];
  return h && h.type === 'string' ? h.value : undefined;
}

/**
 * The one AWS event-stream frame splitter: whole frames out of byte chunks cut anywhere, by each frame's
 * `total_length` prelude field (the CRCs are checked when a frame is decoded, `decodeEventStreamFrame`).
 * The frames of one `push` are consecutive views into one buffer, so a caller can forward their bytes
 * unchanged (the gateway's pass-through watcher) or decode them (`createEventStreamFrameReader`).
 */
export class EventStreamFrameSplitter {
  #held: Uint8Array = new Uint8Array(0);
  #failed = false;

  /**
   * The whole frames `chunk` completes, in order. `error`: a prelude of impossible length after them; nothing
   * is read after it (later pushes return nothing).
   */
  push(chunk: Uint8Array): { frames: Uint8Array[]; error?: TranslationError } {
    const frames: Uint8Array[] = [];
    if (this.#failed) return { frames };
    const buf = concatTwo(this.#held, chunk);
    let at = 0;
    while (buf.length - at >= PRELUDE) {
      const total = new DataView(buf.buffer, buf.byteOffset + at, 4).getUint32(0, false);
      if (total < MIN_FRAME || total > MAX_FRAME_BYTES) {
        this.#failed = true;
        this.#held = new Uint8Array(0);
        return { frames, error: new TranslationError('upstream', `event-stream frame of impossible length ${total}`) };
      }
      if (buf.length - at < total) break;
      frames.push(buf.subarray(at, at + total));
      at += total;
    }
    // the start of the next frame is kept as a copy: the caller may reuse its chunk
    this.#held = at === buf.length ? new Uint8Array(0) : buf.slice(at);
    return { frames };
  }

  /** The input ended: the error for a last frame cut short, else undefined. */
  end(): TranslationError | undefined {
    if (this.#failed || this.#held.length === 0) return undefined;
    return new TranslationError('upstream', `event stream ended inside a frame (${this.#held.length} bytes left)`);
  }
}

function concatTwo(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Whole decoded frames out of byte chunks cut anywhere, synchronously. A framing failure (impossible length, bad CRC)
 * is returned after the frames completed before it, and nothing is read after it; `end` reports a last
 * frame cut short. For decoders that must hand out every whole frame before they fail.
 */
export interface EventStreamFrameReader {
  push(chunk: Uint8Array): { messages: Message[]; error?: TranslationError };
  end(): TranslationError | undefined;
}

export function createEventStreamFrameReader(): EventStreamFrameReader {
  const splitter = new EventStreamFrameSplitter();
  let failed = false;
  return {
    push(chunk) {
      const messages: Message[] = [];
      if (failed) return { messages };
      // decoded messages are views into the bytes: split a private copy (the caller may reuse its chunk)
      const split = splitter.push(chunk.slice());
      try {
        for (const frame of split.frames) messages.push(decodeEventStreamFrame(frame));
      } catch (e) {
        failed = true;
        return { messages, error: e instanceof TranslationError ? e : new TranslationError('upstream', String(e)) };
      }
      if (split.error) failed = true;
      return split.error ? { messages, error: split.error } : { messages };
    },
    end() {
      return failed ? undefined : splitter.end();
    },
  };
}

/**
 * bytes -> events, one `decode(message)` per frame (`undefined`: skip the frame). Every whole frame before a
 * framing failure (a bad CRC, an impossible length, a frame cut short) is handed out before the stream errors:
 * the failure travels as a value through the first stage, and the second stage (no readable buffer) throws it
 * only once everything before it has been read, so no chunking of the bytes loses a good event.
 */
export function createEventStreamDecodeStream<Event>(
  decode: (message: Message) => Event | undefined,
): TransformStream<Uint8Array, Event> {
  const reader = createEventStreamFrameReader();
  const frames = new TransformStream<Uint8Array, Message | TranslationError>({
    transform(chunk, controller) {
      const r = reader.push(chunk);
      for (const m of r.messages) controller.enqueue(m);
      if (r.error) controller.enqueue(r.error);
    },
    flush(controller) {
      const error = reader.end();
      if (error) controller.enqueue(error);
    },
  });
  const events = new TransformStream<Message | TranslationError, Event>(
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

/** One whole frame decoded, both CRCs checked: a corrupt frame is a TranslationError, never garbage. */
export function decodeEventStreamFrame(frame: Uint8Array): Message {
  try {
    return eventStreamCodec.decode(frame);
  } catch (e) {
    throw new TranslationError('upstream', `corrupt event-stream frame: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** An `event` frame: `:message-type event`, `:event-type`, `:content-type application/json`, JSON payload. */
export function encodeEventFrame(eventType: string, payload: unknown): Uint8Array {
  return eventStreamCodec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: encoder.encode(JSON.stringify(payload)),
  });
}

/** An `exception` frame: `:message-type exception`, `:exception-type`, payload `{"message": …}`. */
export function encodeExceptionFrame(exceptionType: string, message: string): Uint8Array {
  return eventStreamCodec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: encoder.encode(JSON.stringify({ message })),
  });
}

/** The JSON payload of a frame (event or exception). */
export function framePayload(message: Message): unknown {
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
