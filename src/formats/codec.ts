import type { FormatId } from '../core/formats.js';
import type { EventStreamMessage } from '../wire/event-stream/frames.js';
import type { SSEMessage } from '../wire/sse/parse-sse.js';
import type { SyncDecoder } from '../wire/sse/sse-decoder-stream.js';
import type { StreamEndRule } from './stream-end.js';

/**
 * The wire side of one format: how its streams are framed and how its errors look.
 * Decoders and encoders are shared by every pair that touches the format.
 */
export interface FormatCodec<Event = unknown> {
  id: FormatId;
  /** content type of a streamed response, e.g. `text/event-stream` */
  streamContentType: string;
  /** upstream wire bytes -> parsed events. Malformed input errors the stream with a TranslationError. */
  decodeStream(): TransformStream<Uint8Array, Event>;
  /** parsed events -> wire bytes */
  encodeStream(): TransformStream<Event, Uint8Array>;
  /** an error event in this format's stream grammar (what a client of this format sees mid-stream) */
  streamError(status: number, message: string, type?: string): Event;
  /**
   * how a stream of this format ends (complete / failed / cut short): the format's one rule
   * (`formats/<id>/stream-end.ts`); a codec without one never ends a stream before its bytes do
   */
  streamEnd?: StreamEndRule;
  /** SSE formats: one SSE message -> its event (undefined: a message that is no event), for a block decoder */
  decodeSSE?(message: SSEMessage): Event | undefined;
  /** event-stream formats: one checked frame -> its event (undefined: a frame type clients skip) */
  decodeFrame?(message: EventStreamMessage): Event | undefined;
  /** an HTTP error body in this format's own shape */
  errorBody(status: number, message: string, type?: string): unknown;
}

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
}

/**
 * The synchronous side of a binary format's codec (AWS event-stream): a decoder as in `SyncCodec`, and events
 * encoded to bytes (its frames) rather than text.
 */
export interface SyncByteCodec<Event = unknown> {
  /** a fresh decoder for one stream */
  createDecoder(): SyncDecoder<Event>;
  /** events -> wire bytes */
  encodeEventBytes(events: readonly unknown[]): Uint8Array;
}
