/**
 * `crosswire/wire`: the byte framing the formats share. Server-sent events (the tokenizer, the encoder, a decoder
 * stream) and the AWS event stream of Bedrock (frames with CRC32 checks, over `Uint8Array`), with no dependency.
 */
export { crc32 } from './event-stream/crc32.js';
export {
  createEventStreamFrameReader,
  type EventStreamFrame,
  type EventStreamFrameReader,
  type EventStreamFrameReaderOptions,
  type EventStreamReadResult,
} from './event-stream/frame-reader.js';
export {
  createEventStreamDecodeStream,
  EventStreamFrameSplitter,
  encodeEventFrame,
  encodeExceptionFrame,
  framePayload,
} from './event-stream/frames.js';
export {
  decodeMessage,
  EventStreamError,
  type EventStreamErrorCode,
  type EventStreamHeaders,
  type EventStreamHeaderType,
  type EventStreamHeaderValue,
  type EventStreamMessage,
  encodeMessage,
  headerString,
} from './event-stream/message.js';
export {
  encodeSSE,
  encodeSSEComment,
  encodeSSEData,
  encodeSSEEvent,
  type SSEOutMessage,
} from './sse/encode-sse.js';
export { parseSSE, type SSEEndState, type SSEMessage, SSEParser, type SSEParserOptions } from './sse/parse-sse.js';
export { createSSEDecoderStream, type SSEDecoderOptions } from './sse/sse-decoder-stream.js';
