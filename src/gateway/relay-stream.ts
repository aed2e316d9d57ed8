import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import type { TranslateOptions } from '../core/options.js';
import { streamFailure } from '../core/stream-failure.js';
import { getCodec } from '../translate/translate.js';
import { translateStream } from '../translate/translate-stream.js';
import { guardStream } from './guard-stream.js';
import { watchPassThrough } from './pass-through-watcher.js';
import type { Redactor } from './redact.js';

/** The bytes of one error event in the client's stream grammar (what a client sees mid-stream). */
export async function encodeStreamError(format: FormatId, status: number, message: string): Promise<Uint8Array> {
  const codec = getCodec(format);
  const encoder = codec.encodeStream();
  const writer = encoder.writable.getWriter();
  const reading = new Response(encoder.readable).arrayBuffer();
  await writer.write(codec.streamError(status, message));
  await writer.close();
  return new Uint8Array(await reading);
}

export interface RelayStreamOptions {
  from: FormatId;
  to: FormatId;
  idleMs: number;
  /** aborts the upstream request (idle timeout) */
  abortUpstream: () => void;
  translate: TranslateOptions;
  onEnd?: () => void;
  /** losses the stream translation saw, reported once at the end */
  onLosses?: (losses: readonly Loss[]) => void;
  /** the gateway's secrets: a chunk that holds one is not relayed, the stream ends with an error event instead */
  redact?: Redactor;
}

/** The upstream put a configured secret in its stream (it echoed what it was sent): stands for HTTP 502. */
export class SecretInStream extends TranslationError {
  constructor() {
    super('upstream', "the upstream stream held one of the gateway's credentials; the stream was stopped", {
      status: 502,
    });
  }
}

/**
 * The client's response body for an upstream stream. Same format: the upstream bytes as they come, checked
 * by `watchPassThrough`. Otherwise: `translateStream`. Either way pull-based (backpressure reaches the upstream), with the
 * idle timeout on the upstream side, and any failure ending the stream with the client's error event. Each chunk
 * the client gets holds whole events (the watcher forwards whole messages, the encoders emit whole events), so a
 * secret is looked for chunk by chunk.
 */
export function relayStream(upstream: ReadableStream<Uint8Array>, o: RelayStreamOptions): ReadableStream<Uint8Array> {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      o.onEnd?.();
    }
  };
  const errorTail = async (error: unknown): Promise<Uint8Array> => {
    const { status, message } = streamFailure(error);
    return encodeStreamError(o.to, status, message);
  };
  const source = guardStream(upstream, { idleMs: o.idleMs, onIdle: o.abortUpstream });
  const translated =
    o.from === o.to
      ? watchPassThrough(o.from, source, { includeUsage: o.translate.context?.includeUsage === true })
      : translateStream(o.from, o.to, source, o.translate, { onEnd: ({ losses }) => o.onLosses?.(losses) });
  const redact = o.redact;
  // event-stream frames (Bedrock clients) carry InvokeModel payloads as base64: look for that form too
  const base64 = getCodec(o.to).streamContentType.includes('eventstream');
  const inspect =
    redact && !redact.empty
      ? (chunk: Uint8Array) => {
          if (redact.inBytes(chunk, base64)) throw new SecretInStream();
        }
      : undefined;
  return guardStream(translated, { errorTail, onCancel: () => o.abortUpstream(), onDone: end, inspect });
}
