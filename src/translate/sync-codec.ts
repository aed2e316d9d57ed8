import type { SyncByteCodec, SyncCodec } from '../formats/codec.js';
import type { SyncDecoder } from '../wire/sse/sse-decoder-stream.js';

export type { SyncByteCodec, SyncCodec };

const encoder = new TextEncoder();

/** The codec has the synchronous side `translateStream` uses on the hot path. */
export function hasSyncCodec(codec: object): codec is SyncCodec {
  const c = codec as Partial<SyncCodec>;
  return typeof c.createDecoder === 'function' && typeof c.encodeEvents === 'function';
}

/** The codec decodes synchronously (a text `SyncCodec` or a binary `SyncByteCodec`). */
export function hasSyncDecoder(codec: object): codec is { createDecoder(): SyncDecoder<unknown> } {
  return typeof (codec as Partial<SyncCodec>).createDecoder === 'function';
}

/** How the codec encodes a batch of events synchronously, as bytes; undefined when it has no synchronous side. */
export function syncBytesEncoder(codec: object): ((events: readonly unknown[]) => Uint8Array) | undefined {
  const c = codec as Partial<SyncCodec & SyncByteCodec>;
  const bytes = c.encodeEventBytes;
  if (typeof bytes === 'function') return (events) => bytes.call(c, events);
  const text = c.encodeEvents;
  if (typeof text === 'function') return (events) => encoder.encode(text.call(c, events));
  return undefined;
}
