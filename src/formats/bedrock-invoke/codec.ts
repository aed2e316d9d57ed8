import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import { base64ToBytes, bytesToBase64 } from '../../wire/base64.js';
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
import type { FormatCodec, SyncByteCodec } from '../codec.js';
import { bedrockErrorBody, bedrockStreamExceptionForStatus } from './errors.js';
import { bedrockInvokeStreamEnd } from './stream-end.js';

/**
 * Bedrock InvokeModelWithResponseStream for Claude (docs/wire-formats.md#bedrock-invoke): event-stream frames with
 * `:event-type chunk` whose payload is `{"bytes": "<base64 of one Anthropic event JSON>"}`. Events as
 * crosswire passes them around: the Anthropic event objects. An `exception` frame decodes to
 * `{type:"error", error:{type:"<camelCase exception>", message}}` (as `@anthropic-ai/bedrock-sdk`
 * reports it) and such an error event encodes back to an exception frame.
 */

export type BedrockInvokeEvent = Record<string, unknown> & { type: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

export function decodeBedrockInvokeFrame(message: EventStreamMessage): BedrockInvokeEvent | undefined {
  const kind = headerString(message, ':message-type') ?? 'event';
  if (kind === 'exception') {
    const p = framePayload(message);
    const text = isRecord(p) && typeof p.message === 'string' ? p.message : 'upstream exception';
    return {
      type: 'error',
      error: { type: headerString(message, ':exception-type') ?? 'internalServerException', message: text },
    };
  }
  if (kind === 'error') {
    return {
      type: 'error',
      error: {
        type: headerString(message, ':error-code') ?? 'internalServerException',
        message: headerString(message, ':error-message') ?? '',
      },
    };
  }
  if (headerString(message, ':event-type') !== 'chunk') return undefined; // unknown event types are skipped, as the AWS SDKs do
  const payload = framePayload(message);
  if (!isRecord(payload) || typeof payload.bytes !== 'string')
    throw new TranslationError('upstream', 'chunk frame without "bytes"');
  let event: unknown;
  try {
    event = JSON.parse(utf8.decode(base64ToBytes(payload.bytes)));
  } catch {
    throw new TranslationError('upstream', 'chunk frame "bytes" is not base64 of a JSON event');
  }
  if (!isRecord(event) || typeof event.type !== 'string')
    throw new TranslationError('upstream', 'chunk event has no string "type"');
  return event as BedrockInvokeEvent;
}

/** bytes -> Anthropic events (every whole frame before a framing failure is delivered first). */
export function createBedrockInvokeDecodeStream(): TransformStream<Uint8Array, BedrockInvokeEvent> {
  return createEventStreamDecodeStream(decodeBedrockInvokeFrame);
}

/** bytes -> Anthropic events, synchronously (`push` a chunk, get the events its whole frames hold). */
export function createBedrockInvokeDecoder(): SyncDecoder<BedrockInvokeEvent> {
  return createEventStreamDecoder(decodeBedrockInvokeFrame);
}

/** What one event's frame holds: an exception frame for an error event, else a `chunk` event. */
function invokeFrame(event: unknown): Uint8Array | { eventType: string; payload: unknown } {
  if (!isRecord(event) || typeof event.type !== 'string')
    throw new TranslationError('invalid_input', 'a stream event needs a string "type"');
  if (event.type === 'error') {
    const e = isRecord(event.error) ? event.error : {};
    const type = typeof e.type === 'string' && /Exception$/.test(e.type) ? e.type : 'internalServerException';
    return encodeExceptionFrame(type, typeof e.message === 'string' ? e.message : 'error');
  }
  return { eventType: 'chunk', payload: { bytes: bytesToBase64(utf8Encoder.encode(JSON.stringify(event))) } };
}

/** One event as one frame. */
export function encodeBedrockInvokeEvent(event: unknown): Uint8Array {
  return encodeFrame(invokeFrame(event));
}

/** Several events as one piece of bytes. */
export function encodeBedrockInvokeEvents(events: readonly unknown[]): Uint8Array {
  return encodeFrames(events, invokeFrame);
}

/** Anthropic events -> bytes */
export function createBedrockInvokeEncodeStream(): TransformStream<BedrockInvokeEvent, Uint8Array> {
  return createFrameEncodeStream<BedrockInvokeEvent>(invokeFrame);
}

export const bedrockInvokeCodec: FormatCodec<BedrockInvokeEvent> & SyncByteCodec<BedrockInvokeEvent> = {
  id: 'bedrock-invoke',
  streamContentType: 'application/vnd.amazon.eventstream',
  decodeStream: createBedrockInvokeDecodeStream,
  encodeStream: createBedrockInvokeEncodeStream,
  streamError: (status, message, type) => ({
    type: 'error',
    error: { type: type ?? bedrockStreamExceptionForStatus(status), message },
  }),
  errorBody: (status, message) => bedrockErrorBody(status, message),
  decodeFrame: decodeBedrockInvokeFrame,
  streamEnd: bedrockInvokeStreamEnd,
  createDecoder: createBedrockInvokeDecoder,
  encodeEventBytes: encodeBedrockInvokeEvents,
};
