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

/** What one chunk completed: its values, and where its event blocks ended (see `SSEByteDecoder.pushBlocks`). */
export interface SSEBlocks<T> {
  values: T[];
  /** offsets in the chunk just past each event block it completed (a blank line), in order */
  ends: number[];
  /** `counts[i]`: how many of `values` were complete at `ends[i]` */
  counts: number[];
  /** the fault that stopped the chunk (the values, ends and counts are those before it), if any */
  error?: unknown;
}

/**
 * The SSE tokenizer at the byte level for callers that relay the bytes unchanged (the gateway's pass-through
 * watcher): `pushBlocks` decodes a chunk and also says where in its bytes each event block ended. After an error,
 * push nothing more.
 */
export interface SSEByteDecoder<T> {
  pushBlocks(bytes: Uint8Array): SSEBlocks<T>;
  end(): T[];
}

/** A `step` that emits what `decode` makes of each message (undefined: nothing). */
export function emitDecoded<T>(
  decode: (message: SSEMessage) => T | undefined,
): (message: SSEMessage, emit: (value: T) => void) => void {
  return (m, emit) => {
    const e = decode(m);
    if (e !== undefined) emit(e);
  };
}

/** UTF-8 length of `text` from `from` to `to` (the text came from a fatal decoder: no lone surrogates). */
function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** How many bytes at the end of `tail` (the last bytes of the stream so far) start a character not complete yet. */
function incompleteTail(tail: Uint8Array, length: number): number {
  for (let i = 1; i <= Math.min(3, length); i++) {
    const b = tail[length - i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i < need ? i : 0;
  }
  return 0;
}

/** The decoding both byte decoders share: UTF-8 in streaming mode, the parser, the values completed so far. */
function decoderCore<T>(
  step: (message: SSEMessage, emit: (value: T) => void) => void,
  options: SSEDecoderOptions,
  onBlockEnd?: (offset: number) => void,
) {
  // the BOM is kept in the text (the parser skips it) so that text offsets map to byte offsets
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let out: T[] = [];
  const emit = (v: T): void => {
    out.push(v);
  };
  const parser = new SSEParser((m) => step(m, emit), options, onBlockEnd);
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
    parser,
    decode,
    take,
    /** how many values are complete and not taken yet */
    count: (): number => out.length,
    push: (bytes: Uint8Array): T[] => run(() => parser.feed(decode(bytes))),
    end: (): T[] =>
      run(() => {
        parser.feed(decode(undefined));
        options.onEnd?.(parser.end());
      }),
  };
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
  const { push, end } = decoderCore(step, options);
  return { push, end };
}

/**
 * `createSSEByteDecoder` with `pushBlocks`, which also gives the byte offsets of the event blocks (line ends are
 * single bytes in UTF-8, so the parser's text offsets map to bytes exactly): the one SSE tokenizer, for callers that
 * relay the bytes (the gateway's pass-through watcher, over a codec's `decodeSSE`).
 */
export function createSSEBlockDecoder<T>(
  step: (message: SSEMessage, emit: (value: T) => void) => void,
  options: SSEDecoderOptions = {},
): SSEByteDecoder<T> {
  /** text offsets of the block ends of the chunk being fed, and the value counts there (only in `pushBlocks`) */
  let blockEnds: number[] | undefined;
  let blockCounts: number[] = [];
  const core = decoderCore(step, options, (offset) => {
    if (blockEnds) {
      blockEnds.push(offset);
      blockCounts.push(core.count());
    }
  });
  /** the last bytes of the stream (for the character a chunk ends inside) */
  const tail = new Uint8Array(3);
  let tailLength = 0;
  /** bytes of the stream before this chunk that belong to the first character of its text */
  let carried = 0;
  const remember = (bytes: Uint8Array): void => {
    const keep = Math.min(3, bytes.length);
    const old = Math.min(3 - keep, tailLength);
    tail.copyWithin(0, tailLength - old, tailLength);
    tail.set(bytes.subarray(bytes.length - keep), old);
    tailLength = old + keep;
  };
  return {
    pushBlocks(bytes) {
      const before = carried;
      remember(bytes);
      carried = incompleteTail(tail, tailLength);
      blockEnds = [];
      blockCounts = [];
      let text = '';
      let error: unknown;
      try {
        text = core.decode(bytes);
        core.parser.feed(text);
      } catch (e) {
        error = e;
      }
      const textEnds = blockEnds;
      const counts = blockCounts;
      blockEnds = undefined;
      // text offset -> byte offset in `bytes`: the UTF-8 length up to it, less the bytes of the first character
      // that came in earlier chunks
      const ends: number[] = [];
      let at = 0;
      let length = 0;
      for (const offset of textEnds) {
        length += utf8Length(text, at, offset);
        at = offset;
        ends.push(length - before);
      }
      const values = core.take();
      return error === undefined ? { values, ends, counts } : { values, ends, counts, error };
    },
    end: core.end,
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
