import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import {
  createEventStreamDecoder,
  createEventStreamDecodeStream,
  createFrameEncodeStream,
  type EventStreamMessage,
  encodeExceptionFrame,
  encodeFrame,
  encodeFrames,
  framePayload,
  headerString,
} from '../../wire/event-stream/frames.js';
import type { SyncDecoder } from '../../wire/sse/sse-decoder-stream.js';
import { bedrockErrorBody, bedrockStreamExceptionForStatus } from '../bedrock-invoke/errors.js';
import type { FormatCodec, SyncByteCodec } from '../codec.js';
import { bedrockConverseStreamEnd } from './stream-end.js';
import { converseStreamException } from './stream-exceptions.js';

/**
 * Bedrock ConverseStream (docs/wire-formats.md#bedrock-converse-stream, docs/wire-formats.md#aws-event-stream): AWS event-stream frames, one JSON payload per
 * `:event-type` (`messageStart`, `contentBlockStart`, `contentBlockDelta`, `contentBlockStop`,
 * `messageStop`, `metadata`). Events as crosswire passes them around: `{ <eventType>: payload }`, as the
 * AWS SDK yields them; an exception frame is `{ <camelCase exception>: {message} }`. Bedrock's random
 * padding field `p` is dropped on decode.
 */

export type ConverseStreamEvent = Record<string, Record<string, unknown>>;

export function decodeConverseFrame(message: EventStreamMessage): ConverseStreamEvent {
  const kind = headerString(message, ':message-type') ?? 'event';
  if (kind === 'error') {
    return {
      internalServerException: {
        message: `${headerString(message, ':error-code') ?? 'error'}: ${headerString(message, ':error-message') ?? ''}`,
      },
    };
  }
  const name = kind === 'exception' ? headerString(message, ':exception-type') : headerString(message, ':event-type');
  if (!name) throw new TranslationError('upstream', `event-stream ${kind} frame without a type header`);
  const payload = framePayload(message);
  if (!isRecord(payload)) throw new TranslationError('upstream', `${name} payload is not a JSON object`);
  const { p: _padding, ...rest } = payload;
  return { [name]: rest };
}

/** bytes -> Converse events (every whole frame before a framing failure is delivered first). */
export function createConverseDecodeStream(): TransformStream<Uint8Array, ConverseStreamEvent> {
  return createEventStreamDecodeStream(decodeConverseFrame);
}

/** bytes -> Converse events, synchronously (`push` a chunk, get the events its whole frames hold). */
export function createConverseDecoder(): SyncDecoder<ConverseStreamEvent> {
  return createEventStreamDecoder(decodeConverseFrame);
}

/** `{ name: payload }` -> what its frame holds (an exception frame when the name ends in `Exception`). */
function converseFrame(event: unknown): Uint8Array | { eventType: string; payload: unknown } {
  if (!isRecord(event)) throw new TranslationError('invalid_input', 'a Converse stream event must be an object');
  const names = Object.keys(event);
  const name = names[0];
  if (names.length !== 1 || name === undefined)
    throw new TranslationError('invalid_input', 'a Converse stream event has exactly one key');
  const payload = event[name];
  if (/Exception$/.test(name)) {
    const message = isRecord(payload) && typeof payload.message === 'string' ? payload.message : 'error';
    return encodeExceptionFrame(name, message);
  }
  return { eventType: name, payload: payload ?? {} };
}

/** `{ name: payload }` -> one frame (an exception frame when the name ends in `Exception`). */
export function encodeConverseEvent(event: unknown): Uint8Array {
  return encodeFrame(converseFrame(event));
}

/** Several Converse events as one piece of bytes. */
export function encodeConverseEvents(events: readonly unknown[]): Uint8Array {
  return encodeFrames(events, converseFrame);
}

export function createConverseEncodeStream(): TransformStream<ConverseStreamEvent, Uint8Array> {
  return createFrameEncodeStream<ConverseStreamEvent>(converseFrame);
}

export const bedrockConverseCodec: FormatCodec<ConverseStreamEvent> & SyncByteCodec<ConverseStreamEvent> = {
  id: 'bedrock-converse',
  streamContentType: 'application/vnd.amazon.eventstream',
  decodeStream: createConverseDecodeStream,
  encodeStream: createConverseEncodeStream,
  streamError: (status, message, type) => ({
    [converseStreamException(type ?? bedrockStreamExceptionForStatus(status))]: { message },
  }),
  errorBody: (status, message) => bedrockErrorBody(status, message),
  decodeFrame: decodeConverseFrame,
  streamEnd: bedrockConverseStreamEnd,
  createDecoder: createConverseDecoder,
  encodeEventBytes: encodeConverseEvents,
};
