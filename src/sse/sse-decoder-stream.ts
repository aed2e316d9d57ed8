import { TranslationError } from '../core/errors.js';
import { type SSEEndState, type SSEMessage, SSEParser, type SSEParserOptions } from './parse-sse.js';

export interface SSEDecoderOptions extends SSEParserOptions {
  /** called once when the input ends, with what was discarded (an unfinished event, a partial line) */
  onEnd?: (state: SSEEndState) => void;
}

/** A synchronous bytes -> values decoder: `push` a chunk, get what it completed; `end` at the end of input. */
export interface SyncDecoder<T> {
  push(bytes: Uint8Array): T[];
  end(): T[];
}

/**
 * Bytes -> whatever `step` makes of each SSE message, synchronously (the hot path of `translateStream`).
 * UTF-8 is decoded in streaming mode, so a character split across chunks is decoded whole; invalid
 * UTF-8 throws a `TranslationError`. Anything `step` throws propagates.
 */
export function createSSEByteDecoder<T>(step: (message: SSEMessage, emit: (value: T) => void) => void, options: SSEDecoderOptions = {}): SyncDecoder<T> {
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
  return {
    push(bytes) {
      parser.feed(decode(bytes));
      return take();
    },
    end() {
      parser.feed(decode(undefined));
      const state = parser.end();
      options.onEnd?.(state);
      return take();
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
  return new TransformStream<Uint8Array, T>({
    transform(chunk, controller) {
      for (const v of decoder.push(chunk)) controller.enqueue(v);
    },
    flush(controller) {
      for (const v of decoder.end()) controller.enqueue(v);
    },
  });
}

/** Bytes -> SSE messages. */
export function createSSEDecoderStream(options: SSEDecoderOptions = {}): TransformStream<Uint8Array, SSEMessage> {
  return createSSETransform<SSEMessage>((m, enqueue) => enqueue(m), options);
}
