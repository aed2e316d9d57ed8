import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import {
  createEventStreamDecodeStream,
  type EventStreamMessage,
  encodeEventFrame,
  encodeExceptionFrame,
  framePayload,
  headerString,
} from '../../wire/event-stream/frames.js';
import { bedrockErrorBody, bedrockStreamExceptionForStatus } from '../bedrock-invoke/errors.js';
import type { FormatCodec } from '../codec.js';
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

/** `{ name: payload }` -> one frame (an exception frame when the name ends in `Exception`). */
export function encodeConverseEvent(event: unknown): Uint8Array {
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
  return encodeEventFrame(name, payload ?? {});
}

export function createConverseEncodeStream(): TransformStream<ConverseStreamEvent, Uint8Array> {
  return new TransformStream<ConverseStreamEvent, Uint8Array>({
    transform(event, controller) {
      controller.enqueue(encodeConverseEvent(event));
    },
  });
}

export const bedrockConverseCodec: FormatCodec<ConverseStreamEvent> = {
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
};
