import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
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
import { responsesErrorBody, responsesStreamError } from './errors.js';
import { responsesStreamEnd } from './stream-end.js';

/**
 * OpenAI Responses stream wire format (docs/wire-formats.md#responses-stream-events): SSE whose messages have an
 * `event:` line equal to the JSON's `type`; no terminator sentinel. Events as crosswire passes them around: the
 * event JSON (`{type: 'response.created', sequence_number: 0, response: {…}}`).
 *
 * Decoding is lenient where servers are: a data-only message is read by its JSON `type` (the official SDK does
 * the same); an event name that differs from the type is reported and the type wins; an `error` message whose
 * JSON has no `type` (a bare `{error: {…}}`, or `event: error` with a flat body) becomes an `error` event; a
 * `data: [DONE]` (sent by some proxies) is skipped.
 */

export type ResponsesStreamEvent = { type: string } & Record<string, unknown>;

export interface ResponsesDecodeOptions extends SSEDecoderOptions {
  /** called for oddities the decoder tolerates (an SSE event name that differs from the JSON `type`) */
  onWarning?: (message: string) => void;
}

function decodeMessage(
  m: SSEMessage,
  onWarning: ((message: string) => void) | undefined,
): ResponsesStreamEvent | undefined {
  if (m.data.length === 0 || m.data.trim() === '[DONE]') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(m.data);
  } catch {
    throw new TranslationError('upstream', `Responses stream event${m.event ? ` "${m.event}"` : ''} is not valid JSON`);
  }
  if (!isRecord(value)) throw new TranslationError('upstream', 'Responses stream event data is not a JSON object');
  const type = value.type;
  if (typeof type !== 'string') {
    if (isRecord(value.error)) return { ...value, type: 'error' };
    if (m.event === 'error') return { ...value, type: 'error' };
    throw new TranslationError('upstream', 'Responses stream event has no string "type"');
  }
  if (m.event !== undefined && m.event !== type) {
    onWarning?.(`SSE event name "${m.event}" differs from the event type "${type}"; using the type`);
  }
  return value as ResponsesStreamEvent;
}

/** bytes -> Responses events, synchronously (`push` a chunk, get the events it completed) */
export function createResponsesDecoder(options: ResponsesDecodeOptions = {}): SyncDecoder<ResponsesStreamEvent> {
  const onWarning = options.onWarning;
  return createSSEByteDecoder(
    emitDecoded((m) => decodeMessage(m, onWarning)),
    options,
  );
}

/** bytes -> Responses events */
export function createResponsesDecodeStream(
  options: ResponsesDecodeOptions = {},
): TransformStream<Uint8Array, ResponsesStreamEvent> {
  return syncDecoderToTransform(createResponsesDecoder(options));
}

/** One Responses event as SSE text: `event: <type>` and the JSON. */
export function encodeResponsesEvent(event: unknown): string {
  const type = isRecord(event) ? event.type : undefined;
  if (typeof type !== 'string')
    throw new TranslationError('invalid_input', 'Responses stream event has no string "type"');
  return encodeSSEEvent(type, event);
}

/** Several Responses events as one piece of SSE text. */
export function encodeResponsesEvents(events: readonly unknown[]): string {
  return encodeSSEEvents(events, encodeResponsesEvent);
}

/** Responses events -> bytes */
export function createResponsesEncodeStream(): TransformStream<ResponsesStreamEvent, Uint8Array> {
  return sseEncodeStream(encodeResponsesEvent);
}

export const responsesCodec: FormatCodec<ResponsesStreamEvent> & SyncCodec<ResponsesStreamEvent> = {
  id: 'openai-responses',
  streamContentType: 'text/event-stream',
  decodeStream: () => createResponsesDecodeStream(),
  encodeStream: createResponsesEncodeStream,
  streamError: (status, message, type) => ({ ...responsesStreamError(status, message, type) }),
  streamEnd: responsesStreamEnd,
  errorBody: responsesErrorBody,
  createDecoder: () => createResponsesDecoder(),
  decodeSSE: (m) => decodeMessage(m, undefined),
  encodeEvents: encodeResponsesEvents,
};
