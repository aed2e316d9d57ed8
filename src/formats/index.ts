/**
 * `crosswire/formats`: what each wire format owns, for code that works with one format's bytes or URLs: the stream
 * codecs (decode and encode streams, the format's error event and error body), the error mappings, and the URL
 * targets (where a model's request goes, and the model and stream flag read back from a path).
 */
export {
  type AnthropicStreamEvent,
  anthropicCodec,
  createAnthropicDecodeStream,
  createAnthropicEncodeStream,
} from './anthropic-messages/codec.js';
export {
  type AnthropicErrorBody,
  anthropicErrorBody,
  anthropicErrorTypeForStatus,
  statusForAnthropicErrorType,
} from './anthropic-messages/errors.js';
export {
  bedrockConverseCodec,
  type ConverseStreamEvent,
  createConverseDecodeStream,
  createConverseEncodeStream,
} from './bedrock-converse/codec.js';
export { bedrockConverseTarget, parseBedrockConversePath } from './bedrock-converse/target.js';
export {
  type BedrockInvokeEvent,
  bedrockInvokeCodec,
  createBedrockInvokeDecodeStream,
  createBedrockInvokeEncodeStream,
} from './bedrock-invoke/codec.js';
export {
  type BedrockErrorBody,
  bedrockErrorBody,
  bedrockExceptionForStatus,
  bedrockHttpStatus,
} from './bedrock-invoke/errors.js';
export { bedrockInvokeTarget, parseBedrockInvokePath } from './bedrock-invoke/target.js';
export type { FormatCodec } from './codec.js';
export { CODECS, getCodec } from './codecs.js';
export type {
  AnthropicBodyVersion,
  BedrockInvokeRequest,
  ErrorBodyOf,
  FormatTypes,
  OpenAIChatStreamEvent,
  OpenAIDone,
  RequestOf,
  ResponseOf,
  StreamEventOf,
  VertexAnthropicRequest,
  WireTypes,
} from './format-types.js';
export {
  createGeminiDecodeStream,
  createGeminiEncodeStream,
  type GeminiStreamEvent,
  geminiCodec,
} from './gemini/codec.js';
export { geminiErrorBody, geminiHttpStatus, geminiStatusName } from './gemini/errors.js';
export {
  type GeminiOperation,
  type GeminiTarget,
  geminiCountTokensTarget,
  geminiTarget,
  parseGeminiPath,
} from './gemini/target.js';
export type { GeminiErrorBody } from './gemini/types.js';
export {
  createOpenAIDecodeStream,
  createOpenAIEncodeStream,
  OPENAI_DONE,
  type OpenAIStreamEvent,
  openaiCodec,
} from './openai-chat/codec.js';
export { type OpenAIErrorBody, openaiErrorBody, openaiErrorTypeForStatus } from './openai-chat/errors.js';
export {
  createResponsesDecodeStream,
  createResponsesEncodeStream,
  type ResponsesStreamEvent,
  responsesCodec,
} from './openai-responses/codec.js';
export {
  type ResponsesErrorBody,
  type ResponsesErrorEvent,
  readResponsesStreamError,
  responsesErrorBody,
  responsesStreamError,
} from './openai-responses/errors.js';
export { parseResponsesPath, type ResponsesOperation, responsesTarget } from './openai-responses/target.js';
export type { StreamEnd, StreamEndRule, StreamEndState } from './stream-end.js';
export { vertexAnthropicCodec } from './vertex-anthropic/codec.js';
export {
  parseVertexAnthropicPath,
  type VertexLocation,
  vertexAnthropicCountTokensTarget,
  vertexAnthropicTarget,
} from './vertex-anthropic/target.js';
