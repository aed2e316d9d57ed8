import type { SyncDecoder } from '../sse/sse-decoder-stream.js';

/**
 * Optional synchronous side of a `FormatCodec`, used by `translateStream` on the hot path: decoding a
 * byte chunk and encoding a batch of events without a stream hop (and its promises) per event.
 * Codecs without it go through their TransformStreams.
 */
export interface SyncCodec<Event = unknown> {
  /** a fresh decoder for one stream */
  createDecoder(): SyncDecoder<Event>;
  /** events -> wire text */
  encodeEvents(events: readonly unknown[]): string;
  /** nothing may follow this event in a stream of this format (terminal event or error event) */
  endsStream(event: Event): boolean;
}

export function hasSyncCodec(codec: object): codec is SyncCodec {
  const c = codec as Partial<SyncCodec>;
  return typeof c.createDecoder === 'function' && typeof c.encodeEvents === 'function' && typeof c.endsStream === 'function';
}
