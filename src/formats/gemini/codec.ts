import { TranslationError } from '../../core/errors.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { encodeSSEData, encodeSSEEvents, sseEncodeStream } from '../../wire/sse/encode-sse.js';
import type { SSEMessage } from '../../wire/sse/parse-sse.js';
import {
  createSSEByteDecoder,
  emitDecoded,
  type SSEDecoderOptions,
  type SyncDecoder,
  syncDecoderToTransform,
} from '../../wire/sse/sse-decoder-stream.js';
import type { FormatCodec, SyncCodec } from '../codec.js';
import { geminiErrorBody } from './errors.js';
import { geminiStreamEnd } from './stream-end.js';

/**
 * Gemini `streamGenerateContent?alt=sse` wire format (docs/wire-formats.md#gemini-stream): data-only SSE, each
 * message one complete `GenerateContentResponse` JSON (the service frames with CRLF; the parser
 * takes any line end), no event names, no terminator. A mid-stream error is a data message
 * `{"error":{code,message,status}}`. Events as crosswire passes them around: the parsed objects.
 */

export type GeminiStreamEvent = JsonObject;

function decodeMessage(m: SSEMessage): GeminiStreamEvent | undefined {
  if (m.data.trim().length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(m.data);
  } catch {
    throw new TranslationError('upstream', 'Gemini stream chunk is not valid JSON');
  }
  if (!isRecord(value)) throw new TranslationError('upstream', 'Gemini stream chunk is not a JSON object');
  return value;
}

/** bytes -> Gemini chunks, synchronously (the hot path of `translateStream`) */
export function createGeminiDecoder(options: SSEDecoderOptions = {}): SyncDecoder<GeminiStreamEvent> {
  return createSSEByteDecoder(emitDecoded(decodeMessage), options);
}

/** bytes -> Gemini chunks */
export function createGeminiDecodeStream(
  options: SSEDecoderOptions = {},
): TransformStream<Uint8Array, GeminiStreamEvent> {
  return syncDecoderToTransform(createGeminiDecoder(options));
}

/** One Gemini chunk as SSE text (`data: <json>` and a blank line). */
export function encodeGeminiEvent(event: unknown): string {
  if (!isRecord(event)) throw new TranslationError('invalid_input', 'a Gemini stream chunk must be an object');
  return encodeSSEData(event);
}

/**
 * One Gemini chunk framed as the Gemini service frames it, with CRLF line ends. JSON text holds no raw
 * line end, so turning the encoder's LFs into CRLFs only changes the framing.
 */
export function encodeGeminiEventCRLF(event: unknown): string {
  return encodeGeminiEvent(event).replace(/\n/g, '\r\n');
}

/** Gemini chunks -> bytes */
export function createGeminiEncodeStream(): TransformStream<GeminiStreamEvent, Uint8Array> {
  return sseEncodeStream(encodeGeminiEvent);
}

export function geminiStreamError(status: number, message: string, type?: string): GeminiStreamEvent {
  return { ...geminiErrorBody(status, message, type) };
}

/** Several Gemini chunks as one piece of SSE text. */
export function encodeGeminiEvents(events: readonly unknown[]): string {
  return encodeSSEEvents(events, encodeGeminiEvent);
}

export const geminiCodec: FormatCodec<GeminiStreamEvent> & SyncCodec<GeminiStreamEvent> = {
  id: 'gemini',
  streamContentType: 'text/event-stream',
  decodeStream: () => createGeminiDecodeStream(),
  encodeStream: createGeminiEncodeStream,
  streamError: geminiStreamError,
  errorBody: (status, message, type) => geminiErrorBody(status, message, type),
  createDecoder: () => createGeminiDecoder(),
  decodeSSE: decodeMessage,
  encodeEvents: encodeGeminiEvents,
  // a Gemini stream has no terminator: after the finishReason chunk only its error chunk is final
  streamEnd: geminiStreamEnd,
};
