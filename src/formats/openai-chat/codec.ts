import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
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
import { type OpenAIErrorBody, openaiErrorBody, openaiErrorTypeForStatus } from './errors.js';
import { OPENAI_DONE, type OpenAIStreamEvent } from './events.js';
import { openaiStreamEnd } from './stream-end.js';

/**
 * OpenAI Chat Completions stream wire format: data-only SSE, one chunk JSON per message,
 * `data: [DONE]` at the end. Events as crosswire passes them around: the chunk object,
 * `{error: {...}}` for an error, and the string `'[DONE]'` for the terminator.
 */

export { isOpenAIErrorEvent, OPENAI_DONE, type OpenAIStreamEvent } from './events.js';

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
  return createSSEByteDecoder(emitDecoded(decodeOpenAIMessage), options);
}

/** bytes -> OpenAI events */
export function createOpenAIDecodeStream(
  options: SSEDecoderOptions = {},
): TransformStream<Uint8Array, OpenAIStreamEvent> {
  return syncDecoderToTransform(createOpenAIDecoder(options));
}

/** OpenAI events -> bytes (data-only; `'[DONE]'` as `data: [DONE]`) */
export function createOpenAIEncodeStream(): TransformStream<OpenAIStreamEvent, Uint8Array> {
  return sseEncodeStream(encodeOpenAIEvent);
}

/** Several OpenAI events as one piece of SSE text. */
export function encodeOpenAIEvents(events: readonly unknown[]): string {
  return encodeSSEEvents(events, encodeOpenAIEvent);
}

/** One OpenAI event as SSE text. */
export function encodeOpenAIEvent(event: unknown): string {
  if (event === OPENAI_DONE) return encodeSSEData(OPENAI_DONE);
  if (!isRecord(event))
    throw new TranslationError('invalid_input', 'OpenAI stream event must be an object or "[DONE]"');
  return encodeChoiceChunk(event) ?? encodeSSEData(event);
}

/**
 * The hot path of a Chat stream: a chunk `{id, object, created, model, choices: [{index, delta, logprobs: null,
 * finish_reason}]}`, keys in that order, as the translators build them. Its envelope is the same for the whole
 * stream, so its JSON text is kept (for the last envelope seen) and each chunk writes only its delta: the same
 * text as `encodeSSEData`. Any other shape (another key, another order, a usage chunk) gives undefined.
 */
function encodeChoiceChunk(chunk: Record<string, unknown>): string | undefined {
  if (!plainWithKeys(chunk, CHUNK_KEYS)) return undefined;
  const choices = chunk.choices;
  if (!Array.isArray(choices) || choices.length !== 1) return undefined;
  const choice: unknown = choices[0];
  if (!isRecord(choice) || !plainWithKeys(choice, CHOICE_KEYS)) return undefined;
  const finish = choice.finish_reason;
  if (choice.index !== 0 || choice.logprobs !== null || (finish !== null && typeof finish !== 'string'))
    return undefined;
  const { id, object, created, model } = chunk;
  if (typeof id !== 'string' || typeof object !== 'string' || typeof created !== 'number' || typeof model !== 'string')
    return undefined;
  const delta: string | undefined = JSON.stringify(choice.delta);
  if (typeof delta !== 'string') return undefined;
  let e = envelope;
  if (e === undefined || e.id !== id || e.object !== object || e.created !== created || e.model !== model) {
    const prefix = `data: {"id":${JSON.stringify(id)},"object":${JSON.stringify(object)},"created":${JSON.stringify(created)},"model":${JSON.stringify(model)},"choices":[{"index":0,"delta":`;
    e = { id, object, created, model, prefix };
    envelope = e;
  }
  return finish === null
    ? `${e.prefix}${delta},"logprobs":null,"finish_reason":null}]}\n\n`
    : `${e.prefix}${delta},"logprobs":null,"finish_reason":${JSON.stringify(finish)}}]}\n\n`;
}

const CHUNK_KEYS = ['id', 'object', 'created', 'model', 'choices'];
const CHOICE_KEYS = ['index', 'delta', 'logprobs', 'finish_reason'];

/** The last chunk envelope `encodeChoiceChunk` wrote, with its JSON text up to the delta. */
let envelope: { id: string; object: string; created: number; model: string; prefix: string } | undefined;

/** A plain object (no prototype of its own that JSON could see through `toJSON`) with exactly these keys, in order. */
function plainWithKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  if (Object.getPrototypeOf(o) !== Object.prototype) return false;
  let i = 0;
  for (const k in o) {
    if (k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
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
  decodeSSE: decodeOpenAIMessage,
  encodeEvents: encodeOpenAIEvents,
};
