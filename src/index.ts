/**
 * crosswire: translate between LLM wire formats, and prove the translation right.
 * Public API. See README.md and docs/ARCHITECTURE.md.
 */
export * from './core/index.js';
export {
  type AnthropicStreamEvent,
  anthropicCodec,
  createAnthropicDecodeStream,
  createAnthropicEncodeStream,
} from './formats/anthropic-messages/codec.js';
export {
  anthropicErrorBody,
  anthropicErrorTypeForStatus,
  statusForAnthropicErrorType,
} from './formats/anthropic-messages/errors.js';
export { bedrockConverseCodec, type ConverseStreamEvent } from './formats/bedrock-converse/codec.js';
export { bedrockConverseTarget, parseBedrockConversePath } from './formats/bedrock-converse/target.js';
export { bedrockInvokeCodec } from './formats/bedrock-invoke/codec.js';
export { bedrockInvokeTarget, parseBedrockInvokePath } from './formats/bedrock-invoke/target.js';
export type { FormatCodec } from './formats/codec.js';
export {
  createGeminiDecodeStream,
  createGeminiEncodeStream,
  geminiCodec,
  geminiErrorBody,
  geminiTarget,
  parseGeminiPath,
} from './formats/gemini/index.js';
export {
  createOpenAIDecodeStream,
  createOpenAIEncodeStream,
  OPENAI_DONE,
  type OpenAIStreamEvent,
  openaiCodec,
} from './formats/openai-chat/codec.js';
export { openaiErrorBody, openaiErrorTypeForStatus } from './formats/openai-chat/errors.js';
export { vertexAnthropicCodec } from './formats/vertex-anthropic/codec.js';
export {
  parseVertexAnthropicPath,
  vertexAnthropicCountTokensTarget,
  vertexAnthropicTarget,
} from './formats/vertex-anthropic/target.js';
export {
  anthropicRequestToConverse,
  anthropicResponseToConverse,
  anthropicToConverse,
  type ConverseRequestContext,
  converseRequestToAnthropic,
  converseResponseToAnthropic,
  converseToAnthropic,
  createAnthropicToConverseStream,
  createConverseToAnthropicStream,
} from './pairs/anthropic-messages--bedrock-converse/index.js';
export {
  anthropicErrorToBedrock,
  anthropicRequestToBedrockInvoke,
  anthropicToBedrockInvoke,
  type BedrockInvokeRequestContext,
  bedrockErrorToAnthropic,
  bedrockInvokeRequestToAnthropic,
  bedrockInvokeToAnthropic,
  createAnthropicToBedrockInvokeStream,
  createBedrockInvokeToAnthropicStream,
} from './pairs/anthropic-messages--bedrock-invoke/index.js';
export {
  anthropicErrorToGemini,
  anthropicRequestToGemini,
  anthropicResponseToGemini,
  anthropicToGemini,
  createAnthropicToGeminiStream,
  createGeminiToAnthropicStream,
  type GeminiRequestContext,
  geminiErrorToAnthropic,
  geminiRequestToAnthropic,
  geminiResponseToAnthropic,
  geminiToAnthropic,
} from './pairs/anthropic-messages--gemini/index.js';
export {
  anthropicErrorToOpenAI,
  anthropicRequestToOpenAI,
  anthropicResponseToOpenAI,
  anthropicToOpenAI,
  openaiErrorToAnthropic,
  openaiRequestToAnthropic,
  openaiResponseToAnthropic,
  openaiToAnthropic,
} from './pairs/anthropic-messages--openai-chat/index.js';
export { createOpenAIToAnthropicStream } from './pairs/anthropic-messages--openai-chat/stream-to-anthropic.js';
export { createAnthropicToOpenAIStream } from './pairs/anthropic-messages--openai-chat/stream-to-openai.js';
export {
  anthropicRequestToVertex,
  anthropicToVertex,
  type VertexAnthropicRequestContext,
  vertexErrorToAnthropic,
  vertexRequestToAnthropic,
  vertexToAnthropic,
} from './pairs/anthropic-messages--vertex-anthropic/index.js';
export type { HttpError, PairTranslator } from './pairs/pair.js';
export {
  createStreamTranslator,
  getCodec,
  route,
  translateError,
  translateRequest,
  translateResponse,
} from './translate/translate.js';
export { type TranslateStreamHooks, translateStream, translateStreamWith } from './translate/translate-stream.js';
// helpers add their exports below this line, one line each
export {
  type ValidationIssue,
  type ValidationResult,
  validateRequest,
  validateResponse,
  validateStreamEvent,
} from './validate/index.js';
export {
  encodeSSE,
  encodeSSEComment,
  encodeSSEData,
  encodeSSEEvent,
  type SSEOutMessage,
} from './wire/sse/encode-sse.js';
export { parseSSE, type SSEEndState, type SSEMessage, SSEParser, type SSEParserOptions } from './wire/sse/parse-sse.js';
export { createSSEDecoderStream, createSSETransform, type SSEDecoderOptions } from './wire/sse/sse-decoder-stream.js';
