import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { getCodec } from '../formats/codecs.js';
import { isFinal, mayEnd, type StreamEnd, type StreamEndOptions, type StreamEndRule } from '../formats/stream-end.js';
import { EventStreamFrameSplitter, type EventStreamMessage, frameBytes } from '../wire/event-stream/frames.js';
import {
  createSSEBlockDecoder,
  decodeFault,
  emitDecoded,
  type SSEByteDecoder,
} from '../wire/sse/sse-decoder-stream.js';

/** Longest incomplete SSE message held back (a message without its blank line, e.g. endless comment lines). */
export const MAX_HELD_BYTES = 16 * 1024 * 1024;

/**
 * Watches a same-format upstream stream that is relayed byte for byte: `push` takes an upstream chunk and
 * returns the bytes that are safe to forward (only whole, valid messages; a message cut across chunks is held
 * back until it is complete), never re-encoded. After a push, `failure` holds the error when a message did
 * not decode (the bytes returned are the valid ones before it; nothing after it is forwarded) and `final`
 * says a terminal or error event was forwarded (nothing may follow). `end` returns the error for a stream
 * that ended before its terminal event, or undefined.
 */
export interface PassThroughWatcher {
  push(chunk: Uint8Array): Uint8Array | undefined;
  end(): TranslationError | undefined;
  failure: unknown;
  final: boolean;
}

/**
 * A watcher for a stream of `format`, by the format's own codec: its SSE decoder or event-stream frame decoder,
 * and its `streamEnd` rule. Undefined when the codec has neither (relayed unchecked).
 */
export function createPassThroughWatcher(
  format: FormatId,
  options: StreamEndOptions = {},
): PassThroughWatcher | undefined {
  const codec = getCodec(format);
  const rule = codec.streamEnd;
  if (!rule) return undefined;
  if (codec.decodeSSE) return new SSEWatcher(rule, options, createSSEBlockDecoder(emitDecoded(codec.decodeSSE)));
  if (codec.decodeFrame) return new FrameWatcher(rule, options, codec.decodeFrame);
  return undefined;
}

/**
 * A same-format upstream stream as the client gets it: the upstream bytes unchanged, but only whole messages
 * that decode (checked by a `PassThroughWatcher` beside the relay). A malformed message, or an end before the
 * format's terminal event, errors the stream after the valid bytes (the caller turns that into the client's
 * error event); after the terminal event the stream closes and the upstream is released.
 */
export function watchPassThrough(
  format: FormatId,
  upstream: ReadableStream<Uint8Array>,
  options: StreamEndOptions = {},
): ReadableStream<Uint8Array> {
  const watcher = createPassThroughWatcher(format, options);
  if (!watcher) return upstream;
  const reader = upstream.getReader();
  /** an error owed after the valid bytes that were enqueued with it */
  let owed: unknown;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (owed !== undefined) {
          controller.error(owed);
          return;
        }
        for (;;) {
          const r = await reader.read();
          if (r.done) {
            const error = watcher.end();
            if (error) controller.error(error);
            else controller.close();
            return;
          }
          const out = watcher.push(r.value);
          if (out) controller.enqueue(out);
          if (watcher.failure !== undefined) {
            reader.cancel(watcher.failure).catch(() => {});
            if (out) owed = watcher.failure;
            else controller.error(watcher.failure);
            return;
          }
          if (watcher.final) {
            controller.close();
            reader.cancel().catch(() => {});
            return;
          }
          if (out) return;
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

abstract class Watcher {
  failure: unknown = undefined;
  final = false;
  readonly #end: StreamEnd;
  readonly #terminal: string;

  constructor(rule: StreamEndRule, options: StreamEndOptions) {
    this.#end = rule.track(options);
    this.#terminal = rule.terminal;
  }

  /** feeds the format's end rule; true when nothing may follow this event (sets `final`) */
  protected see(event: unknown): boolean {
    if (!isFinal(this.#end.see(event))) return false;
    this.final = true;
    return true;
  }

  protected cut(): TranslationError | undefined {
    if (this.final || mayEnd(this.#end.state)) return undefined;
    return new TranslationError('upstream', `the upstream stream ended before ${this.#terminal}`);
  }
}

class SSEWatcher extends Watcher implements PassThroughWatcher {
  readonly #decoder: SSEByteDecoder<unknown>;
  /** bytes of the message in progress (pieces of earlier chunks), not yet forwarded */
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  /** the final message ended at a CR that ended its chunk: the LF of that CRLF may still come */
  #lfAfterFinal = false;

  constructor(rule: StreamEndRule, options: StreamEndOptions, decoder: SSEByteDecoder<unknown>) {
    super(rule, options);
    this.#decoder = decoder;
  }

  push(chunk: Uint8Array): Uint8Array | undefined {
    if (this.final || this.failure !== undefined) return undefined;
    if (this.#lfAfterFinal) {
      this.#lfAfterFinal = false;
      this.final = true;
      return chunk[0] === 10 ? chunk.subarray(0, 1) : undefined;
    }
    // the format's decoder reads the whole chunk once and says where each event block ended in its bytes
    const { values, ends, counts, error } = this.#decoder.pushBlocks(chunk);
    // `ok`: end of the forwardable bytes in `chunk`: the blocks before a failure, up to the final one
    let ok = 0;
    let seen = 0;
    for (let block = 0; block < ends.length && !this.final; block++) {
      for (const count = counts[block] ?? 0; seen < count && !this.final; seen++) this.see(values[seen]);
      ok = ends[block] ?? ok;
    }
    if (!this.final) {
      if (error !== undefined) this.failure = decodeFault(error);
      else if (this.#heldBytes + chunk.length - ok > MAX_HELD_BYTES) {
        this.failure = new TranslationError('upstream', `upstream SSE message larger than ${MAX_HELD_BYTES} bytes`);
      }
    }
    let out: Uint8Array | undefined;
    if (ok > 0) {
      const head = ok === chunk.length ? chunk : chunk.subarray(0, ok);
      out = this.#heldBytes === 0 ? head : this.#takeHeld(head);
    }
    if (this.final && ok === chunk.length && chunk[ok - 1] === 13) {
      // the stream is over (the end rule stays final), but the LF may still come: forwarded in the next push
      this.final = false;
      this.#lfAfterFinal = true;
    }
    if (!this.final && !this.#lfAfterFinal && this.failure === undefined && ok < chunk.length) {
      this.#held.push(chunk.subarray(ok));
      this.#heldBytes += chunk.length - ok;
    }
    return out;
  }

  /** the held pieces and `head` as one piece; nothing held afterwards */
  #takeHeld(head: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.#heldBytes + head.length);
    let at = 0;
    for (const piece of this.#held) {
      out.set(piece, at);
      at += piece.length;
    }
    out.set(head, at);
    this.#held = [];
    this.#heldBytes = 0;
    return out;
  }

  end(): TranslationError | undefined {
    if (this.final || this.#lfAfterFinal) return undefined;
    try {
      // a last message without its closing blank line is discarded by SSE clients: not forwarded
      for (const e of this.#decoder.end()) this.see(e);
    } catch (e) {
      const fault = decodeFault(e);
      if (fault instanceof TranslationError) return fault;
    }
    this.#held = [];
    this.#heldBytes = 0;
    return this.cut();
  }
}

class FrameWatcher extends Watcher implements PassThroughWatcher {
  readonly #decode: (message: EventStreamMessage) => unknown;
  readonly #splitter = new EventStreamFrameSplitter();

  constructor(rule: StreamEndRule, options: StreamEndOptions, decode: (message: EventStreamMessage) => unknown) {
    super(rule, options);
    this.#decode = decode;
  }

  push(chunk: Uint8Array): Uint8Array | undefined {
    if (this.final || this.failure !== undefined) return undefined;
    const { frames, error } = this.#splitter.push(chunk);
    let forwarded = 0;
    try {
      for (const frame of frames) {
        const final = this.see(this.#decode(frame.message));
        forwarded++;
        if (final) break;
      }
    } catch (e) {
      this.failure = decodeFault(e);
    }
    if (!this.final && this.failure === undefined && error) this.failure = error;
    // the frames' bytes exactly as received, unchanged
    return forwarded === 0 ? undefined : frameBytes(frames.slice(0, forwarded));
  }

  end(): TranslationError | undefined {
    if (this.final) return undefined;
    return this.#splitter.end() ?? this.cut();
  }
}
