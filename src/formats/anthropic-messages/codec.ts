import { TranslationError } from '../../core/errors.js';
import { encodeSSEEvent, encodeSSEEvents, sseEncodeStream } from '../../wire/sse/encode-sse.js';
import type { SSEMessage } from '../../wire/sse/parse-sse.js';
import {
  createSSEByteDecoder,
  emitDecoded,
  type SSEDecoderOptions,
  type SyncDecoder,
  syncDecoderToTransform,
} from '../../wire/sse/sse-decoder-stream.js';
import type { FormatCodec, SyncCodec } from '../codec.js';
import { type AnthropicErrorBody, anthropicErrorBody } from './errors.js';
import { anthropicStreamEnd } from './stream-end.js';

/**
 * Anthropic Messages stream wire format: named SSE events (`event: <type>`), the data is the event
 * JSON whose `type` equals the event name. No terminator sentinel; `message_stop` ends the stream.
 */

/** A parsed Anthropic stream event: `{type: 'message_start', ...}` etc. */
export type AnthropicStreamEvent = { type: string } & Record<string, unknown>;

export interface AnthropicDecodeOptions extends SSEDecoderOptions {
  /** called for oddities the decoder tolerates (an SSE event name that differs from the JSON `type`) */
  onWarning?: (message: string) => void;
}

function decodeMessage(
  m: SSEMessage,
  onWarning: ((message: string) => void) | undefined,
): AnthropicStreamEvent | undefined {
  if (m.data.length === 0) return undefined; // `data:` with nothing: no event
  let value: unknown;
  try {
    value = JSON.parse(m.data);
  } catch {
    throw new TranslationError('upstream', `Anthropic stream event${m.event ? ` "${m.event}"` : ''} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TranslationError('upstream', 'Anthropic stream event data is not a JSON object');
  }
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string') {
    // an `event: error` whose data is a bare error body without `type` is still an error
    if (m.event === 'error') return { type: 'error', error: (value as { error?: unknown }).error ?? value };
    throw new TranslationError('upstream', 'Anthropic stream event has no string "type"');
  }
  if (m.event !== undefined && m.event !== type) {
    onWarning?.(`SSE event name "${m.event}" differs from the event type "${type}"; using the type`);
  }
  return value as AnthropicStreamEvent;
}

/** bytes -> Anthropic events, synchronously (`push` a chunk, get the events it completed) */
export function createAnthropicDecoder(options: AnthropicDecodeOptions = {}): SyncDecoder<AnthropicStreamEvent> {
  const onWarning = options.onWarning;
  return createSSEByteDecoder(
    emitDecoded((m) => decodeMessage(m, onWarning)),
    options,
  );
}

/** bytes -> Anthropic events */
export function createAnthropicDecodeStream(
  options: AnthropicDecodeOptions = {},
): TransformStream<Uint8Array, AnthropicStreamEvent> {
  return syncDecoderToTransform(createAnthropicDecoder(options));
}

/** Anthropic events -> bytes (`event: <type>` on every event) */
export function createAnthropicEncodeStream(): TransformStream<AnthropicStreamEvent, Uint8Array> {
  return sseEncodeStream(encodeAnthropicEvent);
}

/** Several Anthropic events as one piece of SSE text. */
export function encodeAnthropicEvents(events: readonly unknown[]): string {
  return encodeSSEEvents(events, encodeAnthropicEvent);
}

/** One Anthropic event as SSE text. */
export function encodeAnthropicEvent(event: unknown): string {
  const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
  if (typeof type !== 'string')
    throw new TranslationError('invalid_input', 'Anthropic stream event has no string "type"');
  return encodeSSEEvent(type, event);
}

/** The `error` event an Anthropic client sees mid-stream. */
export function anthropicStreamError(
  status: number,
  message: string,
  type?: string,
): { type: 'error'; error: AnthropicErrorBody['error'] } {
  return { type: 'error', error: anthropicErrorBody(status, message, type).error };
}

export const anthropicCodec: FormatCodec<AnthropicStreamEvent> & SyncCodec<AnthropicStreamEvent> = {
  id: 'anthropic-messages',
  streamContentType: 'text/event-stream',
  decodeStream: () => createAnthropicDecodeStream(),
  encodeStream: createAnthropicEncodeStream,
  streamError: anthropicStreamError,
  streamEnd: anthropicStreamEnd,
  errorBody: anthropicErrorBody,
  createDecoder: () => createAnthropicDecoder(),
  decodeSSE: (m) => decodeMessage(m, undefined),
  encodeEvents: encodeAnthropicEvents,
};
