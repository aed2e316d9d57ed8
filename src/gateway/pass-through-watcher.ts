import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { getCodec } from '../formats/index.js';
import { isFinal, mayEnd, type StreamEnd, type StreamEndOptions, type StreamEndRule } from '../formats/stream-end.js';
import { hasSyncCodec } from '../translate/sync-codec.js';
import {
  decodeEventStreamFrame,
  EventStreamFrameSplitter,
  type EventStreamMessage,
} from '../wire/event-stream/frames.js';
import { decodeFault, type SyncDecoder } from '../wire/sse/sse-decoder-stream.js';
import { SSEBoundaryScanner } from './sse-boundary-scanner.js';

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
  if (hasSyncCodec(codec)) return new SSEWatcher(rule, options, () => codec.createDecoder());
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
  readonly #decoder: SyncDecoder<unknown>;
  readonly #createDecoder: () => SyncDecoder<unknown>;
  readonly #scanner = new SSEBoundaryScanner();
  /** message ends found in the current chunk (reused) */
  readonly #ends: number[] = [];
  /** bytes of the message in progress (pieces of earlier chunks), not yet forwarded */
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  /** the final message ended at a CR that ended its chunk: the LF of that CRLF may still come */
  #lfAfterFinal = false;

  constructor(rule: StreamEndRule, options: StreamEndOptions, createDecoder: () => SyncDecoder<unknown>) {
    super(rule, options);
    this.#createDecoder = createDecoder;
    this.#decoder = createDecoder();
  }

  push(chunk: Uint8Array): Uint8Array | undefined {
    if (this.final || this.failure !== undefined) return undefined;
    if (this.#lfAfterFinal) {
      this.#lfAfterFinal = false;
      this.final = true;
      return chunk[0] === 10 ? chunk.subarray(0, 1) : undefined;
    }
    const ends = this.#ends;
    ends.length = 0;
    const scanner = this.#scanner;
    scanner.reset(chunk);
    for (let end = scanner.next(chunk); end !== -1; end = scanner.next(chunk)) ends.push(end);
    // `ok`: end of the forwardable bytes in `chunk`
    let ok = ends.length > 0 ? (ends[ends.length - 1] ?? 0) : 0;
    if (ok > 0) {
      // fast path: all whole messages of the chunk in one go; message by message only when one failed or was final
      let events: unknown[] | undefined;
      try {
        events = this.#decoder.push(ok === chunk.length ? chunk : chunk.subarray(0, ok));
      } catch (e) {
        ok = this.#oneByOne(chunk, decodeFault(e));
      }
      if (events) {
        const final = events.findIndex((e) => this.see(e));
        if (final !== -1) ok = this.#endOfEvent(chunk, final);
      }
    }
    if (!this.final && this.failure === undefined && ok < chunk.length) {
      try {
        // the start of the next message: fed now, so the parser's line and event limits hold while it comes in
        this.#decoder.push(chunk.subarray(ok));
        if (this.#heldBytes + chunk.length - ok > MAX_HELD_BYTES) {
          throw new TranslationError('upstream', `upstream SSE message larger than ${MAX_HELD_BYTES} bytes`);
        }
      } catch (e) {
        this.failure = decodeFault(e);
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

  /** Fresh decoder over the held bytes, for replaying the chunk's messages one at a time (the stream is over either way). */
  #replay(): SyncDecoder<unknown> {
    const decoder = this.#createDecoder();
    for (const piece of this.#held) decoder.push(piece);
    return decoder;
  }

  /** The end of the message holding the chunk's event number `index` (the one that made the stream final). */
  #endOfEvent(chunk: Uint8Array, index: number): number {
    const decoder = this.#replay();
    let prev = 0;
    let seen = 0;
    for (const end of this.#ends) {
      seen += decoder.push(chunk.subarray(prev, end)).length;
      prev = end;
      if (seen > index) return end;
    }
    return prev;
  }

  /**
   * The chunk's messages again, one at a time, after the fast path failed: the end of the valid messages up
   * to the failing one (sets `failure`), or of the one that made the stream final.
   */
  #oneByOne(chunk: Uint8Array, error: unknown): number {
    let prev = 0;
    try {
      const decoder = this.#replay();
      for (const end of this.#ends) {
        const events = decoder.push(chunk.subarray(prev, end));
        prev = end;
        if (events.some((e) => this.see(e))) return end;
      }
    } catch (e) {
      this.failure = decodeFault(e);
      return prev;
    }
    // not found again (cannot happen for the formats here): forward nothing of this chunk
    this.failure = error ?? new TranslationError('upstream', 'upstream SSE stream could not be checked');
    return 0;
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
        const final = this.see(this.#decode(decodeEventStreamFrame(frame)));
        forwarded++;
        if (final) break;
      }
    } catch (e) {
      this.failure = decodeFault(e);
    }
    if (!this.final && this.failure === undefined && error) this.failure = error;
    if (forwarded === 0) return undefined;
    // the frames are consecutive views into one buffer: forward them as one piece, unchanged
    const first = frames[0]!;
    const last = frames[forwarded - 1]!;
    return new Uint8Array(first.buffer, first.byteOffset, last.byteOffset + last.length - first.byteOffset);
  }

  end(): TranslationError | undefined {
    if (this.final) return undefined;
    return this.#splitter.end() ?? this.cut();
  }
}
