import { TranslationError } from '../../core/errors.js';
import { type SSEEndState, type SSEMessage, SSEParser, type SSEParserOptions } from './parse-sse.js';

export interface SSEDecoderOptions extends SSEParserOptions {
  /** called once when the input ends, with what was discarded (an unfinished event, a partial line) */
  onEnd?: (state: SSEEndState) => void;
}

/**
 * What a `SyncDecoder` throws when its input turns bad part-way through a chunk: the fault (`cause`, a
 * `TranslationError` for bad input), and the values completed before it, so no good event is lost.
 */
export class DecodeFailure<T = unknown> extends Error {
  override readonly name = 'DecodeFailure';
  constructor(
    override readonly cause: unknown,
    readonly before: T[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The fault behind an error a decoder threw (unwrapping `DecodeFailure`). */
export function decodeFault(error: unknown): unknown {
  return error instanceof DecodeFailure ? error.cause : error;
}

/**
 * A synchronous bytes -> values decoder: `push` a chunk, get what it completed; `end` at the end of input.
 * Bad input throws; a fault after some values of the same chunk throws a `DecodeFailure` carrying them.
 */
export interface SyncDecoder<T> {
  push(bytes: Uint8Array): T[];
  end(): T[];
}

/**
 * Bytes -> whatever `step` makes of each SSE message, synchronously (the hot path of `translateStream`).
 * UTF-8 is decoded in streaming mode, so a character split across chunks is decoded whole; invalid
 * UTF-8 throws a `TranslationError`. Anything `step` throws propagates.
 */
export function createSSEByteDecoder<T>(
  step: (message: SSEMessage, emit: (value: T) => void) => void,
  options: SSEDecoderOptions = {},
): SyncDecoder<T> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out: T[] = [];
  const emit = (v: T): void => {
    out.push(v);
  };
  const parser = new SSEParser((m) => step(m, emit), options);
  const decode = (bytes: Uint8Array | undefined): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      throw new TranslationError('upstream', 'stream is not valid UTF-8');
    }
  };
  const take = (): T[] => {
    const r = out;
    out = [];
    return r;
  };
  /** `feed`, then what it completed; a fault after some values throws them along in a `DecodeFailure` */
  const run = (feed: () => void): T[] => {
    try {
      feed();
    } catch (e) {
      const before = take();
      throw before.length > 0 ? new DecodeFailure(e, before) : e;
    }
    return take();
  };
  return {
    push(bytes) {
      return run(() => parser.feed(decode(bytes)));
    },
    end() {
      return run(() => {
        parser.feed(decode(undefined));
        options.onEnd?.(parser.end());
      });
    },
  };
}

/** The same as a TransformStream (errors the stream instead of throwing). */
export function createSSETransform<T>(
  step: (message: SSEMessage, enqueue: (value: T) => void) => void,
  options: SSEDecoderOptions = {},
): TransformStream<Uint8Array, T> {
  return syncDecoderToTransform(createSSEByteDecoder(step, options));
}

export function syncDecoderToTransform<T>(decoder: SyncDecoder<T>): TransformStream<Uint8Array, T> {
  const pass = (controller: TransformStreamDefaultController<T>, read: () => T[]): void => {
    try {
      for (const v of read()) controller.enqueue(v);
    } catch (e) {
      if (e instanceof DecodeFailure) for (const v of e.before as T[]) controller.enqueue(v);
      throw decodeFault(e);
    }
  };
  return new TransformStream<Uint8Array, T>({
    transform(chunk, controller) {
      pass(controller, () => decoder.push(chunk));
    },
    flush(controller) {
      pass(controller, () => decoder.end());
    },
  });
}

/** Bytes -> SSE messages. */
export function createSSEDecoderStream(options: SSEDecoderOptions = {}): TransformStream<Uint8Array, SSEMessage> {
  return createSSETransform<SSEMessage>((m, enqueue) => enqueue(m), options);
}
