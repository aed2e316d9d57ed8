import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import type { StreamTranslator, TranslateOptions } from '../core/options.js';
import { streamFailure } from '../core/stream-failure.js';
import type { FormatCodec } from '../formats/codec.js';
import { isFinal } from '../formats/stream-end.js';
import { DecodeFailure, decodeFault, type SyncDecoder } from '../wire/sse/sse-decoder-stream.js';
import { hasSyncDecoder, syncBytesEncoder } from './sync-codec.js';
import { createStreamTranslator, getCodec } from './translate.js';

export interface TranslateStreamHooks {
  /** called once when the output ends (cleanly, with an error event, or cancelled) with the losses seen */
  onEnd?: (result: { losses: Loss[]; error: unknown }) => void;
}

/**
 * Upstream wire bytes (format `from`) -> client wire bytes (format `to`):
 * `getCodec(from).decodeStream()` -> `createStreamTranslator(from, to, options)` -> `getCodec(to).encodeStream()`.
 *
 * - Pull-based: upstream bytes are read only when the client side wants more, so backpressure reaches the
 *   upstream and nothing is buffered without bound.
 * - Any failure (bytes that do not decode, the upstream stream erroring or ending early, a translator
 *   error) ends the client stream with the client format's error event; it never ends cleanly after a
 *   failure and never hangs.
 * - Once the client stream is over (its terminal or error event, by the client format's `streamEnd` rule), the
 *   upstream is cancelled.
 * - Cancelling the returned stream cancels `bytes`.
 *
 * When both codecs have a synchronous side (`SyncCodec`, or `SyncByteCodec` for event-stream formats), one upstream chunk is decoded, translated and
 * encoded in one step (one output chunk per upstream chunk); otherwise the codecs' TransformStreams are used.
 */
export function translateStream(
  from: FormatId,
  to: FormatId,
  bytes: ReadableStream<Uint8Array>,
  options?: TranslateOptions,
  hooks: TranslateStreamHooks = {},
): ReadableStream<Uint8Array> {
  return translateStreamWith(getCodec(from), getCodec(to), createStreamTranslator(from, to, options), bytes, hooks);
}

/** `translateStream` with the codecs and the translator given (custom formats, tests). */
export function translateStreamWith(
  source: FormatCodec,
  target: FormatCodec,
  translator: StreamTranslator<unknown, unknown>,
  bytes: ReadableStream<Uint8Array>,
  hooks: TranslateStreamHooks = {},
): ReadableStream<Uint8Array> {
  let finished = false;
  const finish = (error: unknown): void => {
    if (finished) return;
    finished = true;
    let losses: Loss[] = [];
    try {
      losses = [...translator.losses];
    } catch {
      // losses are informational; a failing getter must not break the stream
    }
    hooks.onEnd?.({ losses, error });
  };
  const encode = syncBytesEncoder(target);
  if (hasSyncDecoder(source) && encode) return syncPath(source, target, encode, bytes, translator, finish);
  return streamPath(source, target, bytes, translator, finish);
}

/** The client's error events for a failure: the translator's own (numbered like its stream), else the codec's. */
function failureEvents(translator: StreamTranslator<unknown, unknown>, target: FormatCodec, error: unknown): unknown[] {
  const { status, message } = streamFailure(error);
  if (translator.fail) {
    try {
      return translator.fail(status, message);
    } catch {
      // a translator that cannot say its failure still leaves the client an error event
    }
  }
  return [target.streamError(status, message)];
}

function syncPath(
  source: { createDecoder(): SyncDecoder<unknown> },
  target: FormatCodec,
  encode: (events: readonly unknown[]) => Uint8Array,
  bytes: ReadableStream<Uint8Array>,
  translator: StreamTranslator<unknown, unknown>,
  finish: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const reader = bytes.getReader();
  const decoder = source.createDecoder();
  const end = target.streamEnd?.track();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const out: unknown[] = [];
        let terminal = false;
        const translate = (events: unknown[]): void => {
          for (const e of events) {
            for (const o of translator.push(e)) {
              out.push(o);
              if (end && isFinal(end.see(o))) terminal = true;
            }
            if (terminal) return;
          }
        };
        let error: unknown;
        let done = false;
        try {
          // read until some output is owed (pings and partial lines give none)
          while (out.length === 0 && !done) {
            const r = await reader.read();
            if (r.done) {
              translate(decoder.end());
              if (!terminal) out.push(...translator.end());
              done = true;
            } else {
              translate(decoder.push(r.value));
            }
            if (terminal) done = true;
          }
        } catch (e) {
          error = decodeFault(e);
          try {
            // the events the decoder completed before the fault still go out, then the error
            if (e instanceof DecodeFailure && !terminal) translate(e.before);
          } catch (inner) {
            error = inner;
          }
          if (!terminal) out.push(...failureEvents(translator, target, error));
          done = true;
        }
        if (out.length > 0) controller.enqueue(encode(out));
        if (done) {
          controller.close();
          finish(error);
          // the client's stream is complete: release the upstream (a no-op when it already ended)
          reader.cancel(error).catch(() => {});
        }
      },
      cancel(reason) {
        finish(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function streamPath(
  source: FormatCodec,
  target: FormatCodec,
  bytes: ReadableStream<Uint8Array>,
  translator: StreamTranslator<unknown, unknown>,
  finish: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const reader = bytes.pipeThrough(source.decodeStream()).getReader();
  const end = target.streamEnd?.track();
  const events = new ReadableStream<unknown>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const r = await reader.read();
            if (r.done) {
              for (const e of translator.end()) controller.enqueue(e);
              controller.close();
              finish(undefined);
              return;
            }
            const out = translator.push(r.value);
            if (out.length === 0) continue;
            let terminal = false;
            for (const e of out) {
              controller.enqueue(e);
              if (end && isFinal(end.see(e))) terminal = true;
            }
            if (terminal) {
              controller.close();
              finish(undefined);
              reader.cancel().catch(() => {});
            }
            return;
          }
        } catch (error) {
          for (const e of failureEvents(translator, target, error)) controller.enqueue(e);
          controller.close();
          finish(error);
          reader.cancel(error).catch(() => {});
        }
      },
      cancel(reason) {
        finish(reason);
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return events.pipeThrough(target.encodeStream());
}
