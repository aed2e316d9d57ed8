import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { TranslationError } from '../../core/errors.js';

/**
 * AWS event-stream framing (`application/vnd.amazon.eventstream`, wire-formats §5.2), read and written
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
 * Whole frames out of byte chunks cut anywhere, synchronously. A framing failure (impossible length, bad CRC)
 * is returned after the frames completed before it, and nothing is read after it; `end` reports a last
 * frame cut short. For decoders that must hand out every whole frame before they fail.
 */
export interface EventStreamFrameReader {
  push(chunk: Uint8Array): { messages: Message[]; error?: TranslationError };
  end(): TranslationError | undefined;
}

export function createEventStreamFrameReader(): EventStreamFrameReader {
  let buffer = new Uint8Array(0);
  let failed = false;
  return {
    push(chunk) {
      const messages: Message[] = [];
      if (failed) return { messages };
      if (buffer.length === 0) buffer = chunk.slice();
      else {
        const next = new Uint8Array(buffer.length + chunk.length);
        next.set(buffer);
        next.set(chunk, buffer.length);
        buffer = next;
      }
      let at = 0;
      try {
        while (buffer.length - at >= PRELUDE) {
          const total = new DataView(buffer.buffer, buffer.byteOffset + at, 4).getUint32(0, false);
          if (total < MIN_FRAME || total > MAX_FRAME_BYTES) throw new TranslationError('upstream', `event-stream frame of impossible length ${total}`);
          if (buffer.length - at < total) break;
          messages.push(decodeFrame(buffer.subarray(at, at + total)));
          at += total;
        }
      } catch (e) {
        failed = true;
        buffer = new Uint8Array(0);
        return { messages, error: e instanceof TranslationError ? e : new TranslationError('upstream', String(e)) };
      }
      if (at > 0) buffer = buffer.slice(at);
      return { messages };
    },
    end() {
      if (failed || buffer.length === 0) return undefined;
      return new TranslationError('upstream', `event stream ended inside a frame (${buffer.length} bytes left)`);
    },
  };
}

/**
 * bytes -> events, one `decode(message)` per frame (`undefined`: skip the frame). Every whole frame before a
 * framing failure (a bad CRC, an impossible length, a frame cut short) is handed out before the stream errors:
 * the failure travels as a value through the first stage, and the second stage (no readable buffer) throws it
 * only once everything before it has been read, so no chunking of the bytes loses a good event.
 */
export function createEventStreamDecodeStream<Event>(decode: (message: Message) => Event | undefined): TransformStream<Uint8Array, Event> {
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

function decodeFrame(frame: Uint8Array): Message {
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
