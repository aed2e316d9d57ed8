import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import { anthropicCodec } from '../formats/anthropic-messages/codec.js';
import { decodeBedrockInvokeFrame } from '../formats/bedrock-invoke/codec.js';
import { type EventStreamMessage, eventStreamCodec, MAX_FRAME_BYTES } from '../wire/event-stream/frames.js';
import { decodeConverseFrame } from '../formats/bedrock-converse/codec.js';
import { geminiCodec } from '../formats/gemini/codec.js';
import { isRecord } from '../core/narrow.js';
import { isOpenAIErrorEvent, OPENAI_DONE, openaiCodec } from '../formats/openai-chat/codec.js';
import { decodeFault, type SyncDecoder } from '../wire/sse/sse-decoder-stream.js';
import { SSEBoundaryScanner } from './sse-boundary-scanner.js';

/** What one upstream event means for the end of the stream. */
const NONE = 0;
/** the stream may end cleanly after this event (more may follow: Gemini usage, Converse `metadata`) */
const COMPLETE = 1;
/** nothing may follow: the terminal event, or the upstream's own error event */
const FINAL = 2;
type Verdict = typeof NONE | typeof COMPLETE | typeof FINAL;

interface Rules {
  /** the terminal event, for the message of a cut stream */
  terminal: string;
  /** SSE formats: a fresh decoder for one stream (throws a TranslationError on a malformed message) */
  sse?: () => SyncDecoder<unknown>;
  /** event-stream formats: one checked frame -> its event (undefined: a frame type clients skip) */
  frame?: (message: EventStreamMessage) => unknown;
  verdict(event: unknown): Verdict;
}

const typeOf = (e: unknown): unknown => (isRecord(e) ? e.type : undefined);

/** Anthropic events (Anthropic SSE, Vertex, Bedrock InvokeModel chunks) */
const anthropicVerdict = (e: unknown): Verdict => {
  const t = typeOf(e);
  return t === 'message_stop' || t === 'error' ? FINAL : NONE;
};

const geminiVerdict = (e: unknown): Verdict => {
  if (!isRecord(e)) return NONE;
  if (e.error !== undefined) return FINAL;
  if (isRecord(e.promptFeedback) && e.promptFeedback.blockReason !== undefined) return COMPLETE;
  const c = Array.isArray(e.candidates) ? e.candidates[0] : undefined;
  return isRecord(c) && c.finishReason !== undefined ? COMPLETE : NONE;
};

const converseVerdict = (e: unknown): Verdict => {
  if (!isRecord(e)) return NONE;
  for (const key in e) {
    if (key === 'messageStop') return COMPLETE;
    if (key.endsWith('Exception')) return FINAL;
  }
  return NONE;
};

const RULES: Partial<Record<FormatId, Rules>> = {
  'anthropic-messages': { terminal: 'message_stop', sse: () => anthropicCodec.createDecoder(), verdict: anthropicVerdict },
  'vertex-anthropic': { terminal: 'message_stop', sse: () => anthropicCodec.createDecoder(), verdict: anthropicVerdict },
  'openai-chat': {
    terminal: 'data: [DONE]',
    sse: () => openaiCodec.createDecoder(),
    verdict: (e) => (e === OPENAI_DONE || isOpenAIErrorEvent(e) ? FINAL : NONE),
  },
  gemini: { terminal: 'a finishReason', sse: () => geminiCodec.createDecoder(), verdict: geminiVerdict },
  'bedrock-invoke': { terminal: 'message_stop', frame: decodeBedrockInvokeFrame, verdict: anthropicVerdict },
  'bedrock-converse': { terminal: 'messageStop', frame: decodeConverseFrame, verdict: converseVerdict },
};

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

/** A watcher for a stream of `format`, or undefined when the format has no rules (relayed unchecked). */
export function createPassThroughWatcher(format: FormatId): PassThroughWatcher | undefined {
  const rules = RULES[format];
  if (!rules) return undefined;
  if (rules.sse) return new SSEWatcher(rules, rules.sse());
  if (rules.frame) return new FrameWatcher(rules, rules.frame);
  return undefined;
}

/**
 * A same-format upstream stream as the client gets it: the upstream bytes unchanged, but only whole messages
 * that decode (checked by a `PassThroughWatcher` beside the relay). A malformed message, or an end before the
 * format's terminal event, errors the stream after the valid bytes (the caller turns that into the client's
 * error event); after the terminal event the stream closes and the upstream is released.
 */
export function watchPassThrough(format: FormatId, upstream: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const watcher = createPassThroughWatcher(format);
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

abstract class Watcher {
  failure: unknown = undefined;
  final = false;
  protected complete = false;
  protected readonly rules: Rules;

  constructor(rules: Rules) {
    this.rules = rules;
  }

  protected see(event: unknown): void {
    const v = this.rules.verdict(event);
    if (v === FINAL) this.final = true;
    else if (v === COMPLETE) this.complete = true;
  }

  protected cut(): TranslationError | undefined {
    if (this.final || this.complete) return undefined;
    return new TranslationError('upstream', `the upstream stream ended before ${this.rules.terminal}`);
  }
}

class SSEWatcher extends Watcher implements PassThroughWatcher {
  readonly #decoder: SyncDecoder<unknown>;
  readonly #scanner = new SSEBoundaryScanner();
  /** message ends found in the current chunk (reused) */
  readonly #ends: number[] = [];
  /** bytes of the message in progress (pieces of earlier chunks), not yet forwarded */
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  /** the final message ended at a CR that ended its chunk: the LF of that CRLF may still come */
  #lfAfterFinal = false;

  constructor(rules: Rules, decoder: SyncDecoder<unknown>) {
    super(rules);
    this.#decoder = decoder;
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
      try {
        for (const e of this.#decoder.push(ok === chunk.length ? chunk : chunk.subarray(0, ok))) this.see(e);
        if (this.final) ok = this.#oneByOne(chunk, undefined);
      } catch (e) {
        ok = this.#oneByOne(chunk, decodeFault(e));
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
      this.final = false;
      this.complete = true;
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

  /**
   * The chunk's messages again, one at a time with a fresh decoder (the stream is over either way): the end
   * of the valid messages up to the failing one, or of the final one. Sets `failure` / `final`.
   */
  #oneByOne(chunk: Uint8Array, error: unknown): number {
    const rules = this.rules;
    const decoder = rules.sse?.();
    this.final = false;
    let prev = 0;
    try {
      if (!decoder) throw error;
      for (const piece of this.#held) decoder.push(piece);
      for (const end of this.#ends) {
        for (const e of decoder.push(chunk.subarray(prev, end))) this.see(e);
        prev = end;
        if (this.final) return end;
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

const PRELUDE = 12;
const MIN_FRAME = 16;

class FrameWatcher extends Watcher implements PassThroughWatcher {
  readonly #decode: (message: EventStreamMessage) => unknown;
  #held: Uint8Array = new Uint8Array(0);

  constructor(rules: Rules, decode: (message: EventStreamMessage) => unknown) {
    super(rules);
    this.#decode = decode;
  }

  push(chunk: Uint8Array): Uint8Array | undefined {
    if (this.final || this.failure !== undefined) return undefined;
    const buf = concat(this.#held, chunk);
    let at = 0;
    try {
      while (buf.length - at >= PRELUDE) {
        const total = new DataView(buf.buffer, buf.byteOffset + at, 4).getUint32(0, false);
        if (total < MIN_FRAME || total > MAX_FRAME_BYTES) throw new TranslationError('upstream', `event-stream frame of impossible length ${total}`);
        if (buf.length - at < total) break;
        this.see(this.#decode(decodeFrame(buf.subarray(at, at + total))));
        at += total;
        if (this.final) break;
      }
    } catch (e) {
      this.failure = decodeFault(e);
    }
    this.#held = this.final || this.failure !== undefined ? new Uint8Array(0) : buf.subarray(at);
    if (at === 0) return undefined;
    return at === buf.length ? buf : buf.subarray(0, at);
  }

  end(): TranslationError | undefined {
    if (this.final) return undefined;
    if (this.#held.length > 0) return new TranslationError('upstream', `event stream ended inside a frame (${this.#held.length} bytes left)`);
    return this.cut();
  }
}

function decodeFrame(frame: Uint8Array): EventStreamMessage {
  try {
    return eventStreamCodec.decode(frame);
  } catch (e) {
    throw new TranslationError('upstream', `corrupt event-stream frame: ${e instanceof Error ? e.message : String(e)}`);
  }
}
