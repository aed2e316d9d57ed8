import {
  checkPrelude,
  createMessageDecoder,
  EventStreamError,
  type EventStreamMessage,
  MAX_MESSAGE_BYTES,
  PRELUDE_BYTES,
} from './message.js';

/**
 * Whole event-stream messages out of byte chunks cut anywhere (docs/event-stream.md#reading-a-stream).
 *
 * Each frame is checked (both CRCs, lengths, headers) and handed out with its place in the stream. A frame that
 * lies inside one chunk is decoded where it lies (no copy); a frame cut across chunks is copied once into a
 * buffer of its own length, allocated as soon as its prelude is checked, so every byte is copied at most once
 * however small the chunks are. The first failure is returned after every whole frame before it, and nothing is
 * read after it.
 */

/** One whole, checked frame. */
export interface EventStreamFrame {
  readonly message: EventStreamMessage;
  /** Stream offset of the frame's first byte (the first byte ever pushed is offset 0). */
  readonly offset: number;
  /**
   * The frame's bytes exactly as received (`bytes.length` is its total length): a view into the pushed chunk
   * when the frame lies inside one chunk, otherwise the buffer it was gathered into. Frames are contiguous:
   * each starts where the one before it ends, so forwarding the `bytes` of frames 0..k forwards the stream
   * up to `frames[k].offset + frames[k].bytes.length` exactly.
   */
  readonly bytes: Uint8Array;
}

export interface EventStreamReadResult {
  /** The frames completed by this chunk, in stream order. */
  readonly frames: EventStreamFrame[];
  /** The first framing failure, after `frames`. Once set, the reader reads nothing more. */
  readonly error?: EventStreamError;
}

export interface EventStreamFrameReader {
  /** Adds a chunk (not retained beyond the frames it completes; never written to). */
  push(chunk: Uint8Array): EventStreamReadResult;
  /**
   * The stream has ended: a `cut-short` error if a partial frame is left (its `offset` is where that frame
   * started), otherwise `undefined`. Also `undefined` after `push` returned an error (reported already).
   */
  end(): EventStreamError | undefined;
  /** Stream offset just after the last whole frame handed out (where a partial frame, if any, starts). */
  readonly offset: number;
}

export interface EventStreamFrameReaderOptions {
  /**
   * Largest frame accepted (its prelude is refused before any of it is buffered). Default MAX_MESSAGE_BYTES, the
   * largest frame the format allows, so no legal frame is refused.
   */
  readonly maxMessageBytes?: number;
}

const NO_FRAMES: EventStreamFrame[] = [];

export function createEventStreamFrameReader(options: EventStreamFrameReaderOptions = {}): EventStreamFrameReader {
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  /** stream offset of the first byte not yet handed out in a frame */
  let offset = 0;
  /** the first bytes of a frame whose prelude is not whole yet */
  const head = new Uint8Array(PRELUDE_BYTES);
  let headLength = 0;
  /** a frame whose prelude is checked, being filled */
  let partial: Uint8Array | undefined;
  let partialLength = 0;
  let failed = false;
  const decode = createMessageDecoder();

  function frameAt(bytes: Uint8Array): EventStreamFrame {
    const frame: EventStreamFrame = { message: decode(bytes), offset, bytes };
    offset += bytes.length;
    return frame;
  }

  function push(chunk: Uint8Array): EventStreamReadResult {
    if (failed || chunk.length === 0) return { frames: NO_FRAMES };
    const frames: EventStreamFrame[] = [];
    let at = 0;
    try {
      if (headLength > 0) {
        at = Math.min(PRELUDE_BYTES - headLength, chunk.length);
        head.set(chunk.subarray(0, at), headLength);
        headLength += at;
        if (headLength < PRELUDE_BYTES) return { frames };
        partial = new Uint8Array(checkPrelude(head, 0, maxMessageBytes));
        partial.set(head);
        partialLength = PRELUDE_BYTES;
        headLength = 0;
      }
      if (partial !== undefined) {
        const take = Math.min(partial.length - partialLength, chunk.length - at);
        partial.set(chunk.subarray(at, at + take), partialLength);
        partialLength += take;
        at += take;
        if (partialLength < partial.length) return { frames };
        const whole = partial;
        partial = undefined;
        partialLength = 0;
        frames.push(frameAt(whole));
      }
      while (chunk.length - at >= PRELUDE_BYTES) {
        const total = checkPrelude(chunk, at, maxMessageBytes);
        if (chunk.length - at < total) {
          partial = new Uint8Array(total);
          partial.set(chunk.subarray(at));
          partialLength = chunk.length - at;
          return { frames };
        }
        frames.push(frameAt(chunk.subarray(at, at + total)));
        at += total;
      }
      if (at < chunk.length) {
        head.set(chunk.subarray(at));
        headLength = chunk.length - at;
      }
      return { frames };
    } catch (e) {
      failed = true;
      partial = undefined;
      headLength = 0;
      return { frames, error: located(e, offset) };
    }
  }

  return {
    push,
    end() {
      if (failed) return undefined;
      const left = partial !== undefined ? partialLength : headLength;
      if (left === 0) return undefined;
      const of = partial !== undefined ? ` of ${partial.length}` : '';
      return new EventStreamError(
        'cut-short',
        `event stream ended inside a frame (${left}${of} bytes of the frame at stream byte ${offset})`,
        offset,
      );
    },
    get offset() {
      return offset;
    },
  };
}

/** The failure of the frame at stream offset `offset`, with that offset. */
function located(e: unknown, offset: number): EventStreamError {
  if (e instanceof EventStreamError)
    return new EventStreamError(e.code, `${e.message} (frame at stream byte ${offset})`, offset);
  throw e;
}
