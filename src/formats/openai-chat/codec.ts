import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import { encodeSSEData } from '../../wire/sse/encode-sse.js';
import type { SSEMessage } from '../../wire/sse/parse-sse.js';
import {
  createSSEByteDecoder,
  type SSEDecoderOptions,
  type SyncDecoder,
  syncDecoderToTransform,
} from '../../wire/sse/sse-decoder-stream.js';
import type { FormatCodec, SyncCodec } from '../codec.js';
import { type OpenAIErrorBody, openaiErrorBody, openaiErrorTypeForStatus } from './errors.js';
import { OPENAI_DONE, type OpenAIStreamEvent } from './events.js';
import { openaiStreamEnd } from './stream-end.js';

/**
 * OpenAI Chat Completions stream wire format: data-only SSE, one chunk JSON per message,
 * `data: [DONE]` at the end. Events as crosswire passes them around: the chunk object,
 * `{error: {...}}` for an error, and the string `'[DONE]'` for the terminator.
 */

export { isOpenAIErrorEvent, OPENAI_DONE, type OpenAIStreamEvent } from './events.js';

const encoder = new TextEncoder();

function parseJson(m: SSEMessage): unknown {
  try {
    return JSON.parse(m.data);
  } catch {
    return undefined;
  }
}

/** One SSE message -> one OpenAI event (or nothing). */
export function decodeOpenAIMessage(m: SSEMessage): OpenAIStreamEvent | undefined {
  const data = m.data;
  if (data.length === 0) return undefined;
  if (data === OPENAI_DONE || data.trim() === OPENAI_DONE) return OPENAI_DONE;
  const value = parseJson(m);
  if (m.event === 'error') {
    // `event: error` (OpenAI SDK 7 treats it as an error): keep a `{error}` body, wrap anything else
    if (isRecord(value) && isRecord(value.error)) return value;
    if (isRecord(value) && typeof value.message === 'string') return { error: value };
    return openaiErrorBody(500, data, { type: 'server_error' });
  }
  if (value === undefined) throw new TranslationError('upstream', 'OpenAI stream chunk is not valid JSON');
  if (!isRecord(value)) throw new TranslationError('upstream', 'OpenAI stream chunk is not a JSON object');
  return value;
}

/** bytes -> OpenAI events, synchronously (`push` a chunk, get the events it completed) */
export function createOpenAIDecoder(options: SSEDecoderOptions = {}): SyncDecoder<OpenAIStreamEvent> {
  return createSSEByteDecoder<OpenAIStreamEvent>((m, emit) => {
    const e = decodeOpenAIMessage(m);
    if (e !== undefined) emit(e);
  }, options);
}

/** bytes -> OpenAI events */
export function createOpenAIDecodeStream(
  options: SSEDecoderOptions = {},
): TransformStream<Uint8Array, OpenAIStreamEvent> {
  return syncDecoderToTransform(createOpenAIDecoder(options));
}

/** OpenAI events -> bytes (data-only; `'[DONE]'` as `data: [DONE]`) */
export function createOpenAIEncodeStream(): TransformStream<OpenAIStreamEvent, Uint8Array> {
  return new TransformStream<OpenAIStreamEvent, Uint8Array>({
    transform(event, c) {
      c.enqueue(encoder.encode(encodeOpenAIEvent(event)));
    },
  });
}

/** Several OpenAI events as one piece of SSE text. */
export function encodeOpenAIEvents(events: readonly unknown[]): string {
  let out = '';
  for (const e of events) out += encodeOpenAIEvent(e);
  return out;
}

/** One OpenAI event as SSE text. */
export function encodeOpenAIEvent(event: unknown): string {
  if (event === OPENAI_DONE) return encodeSSEData(OPENAI_DONE);
  if (!isRecord(event))
    throw new TranslationError('invalid_input', 'OpenAI stream event must be an object or "[DONE]"');
  return encodeSSEData(event);
}

/** The error chunk an OpenAI client sees mid-stream: `{error:{message,type,param:null,code}}`. */
export function openaiStreamError(status: number, message: string, type?: string): OpenAIErrorBody {
  return openaiErrorBody(status, message, { type: type ?? openaiErrorTypeForStatus(status).type });
}

export const openaiCodec: FormatCodec<OpenAIStreamEvent> & SyncCodec<OpenAIStreamEvent> = {
  id: 'openai-chat',
  streamContentType: 'text/event-stream',
  decodeStream: () => createOpenAIDecodeStream(),
  encodeStream: createOpenAIEncodeStream,
  streamError: openaiStreamError,
  streamEnd: openaiStreamEnd,
  errorBody: (status, message, type) => openaiErrorBody(status, message, type === undefined ? {} : { type }),
  createDecoder: () => createOpenAIDecoder(),
  encodeEvents: encodeOpenAIEvents,
};
