/**
 * `crosswire/conformance`: stream checkers, strict mock providers and the scripted model behind them.
 * See docs/conformance-mocks.md. The mocks as msw handlers are on `crosswire/conformance/msw` (msw is an optional
 * peer dependency).
 */
export { type AnthropicStreamCheckOptions, checkAnthropicStream } from './checkers/check-anthropic-stream.js';
export { type ConverseStreamCheckOptions, checkConverseStream } from './checkers/check-converse-stream.js';
export { checkGeminiStream } from './checkers/check-gemini-stream.js';
export { checkOpenAIChunks } from './checkers/check-openai-chunks.js';
export { checkResponsesStream } from './checkers/check-responses-stream.js';
export { errorsOnly, type Violation } from './checkers/violation.js';
export { type LoopbackServers, serveOnLoopback } from './mocks/adapters/serve-on-loopback.js';
export { ANTHROPIC_VERSIONS } from './mocks/anthropic/check-anthropic-headers.js';
export { createAnthropicMock } from './mocks/anthropic/create-anthropic-mock.js';
export { createBedrockConverseMock } from './mocks/bedrock/create-bedrock-converse-mock.js';
export { createBedrockInvokeMock } from './mocks/bedrock/create-bedrock-invoke-mock.js';
export { createMockProvider } from './mocks/create-mock-provider.js';
export { faultFromModel } from './mocks/fault-from-model.js';
export { createGeminiMock } from './mocks/gemini/create-gemini-mock.js';
export type {
  EndpointRequest,
  Fault,
  MockHandler,
  MockOptions,
  MockProvider,
  MockReply,
  RecordedRequest,
  RequestValidator,
  RuleViolation,
} from './mocks/mock-types.js';
export { createOpenAIMock } from './mocks/openai/create-openai-mock.js';
export { createResponsesMock } from './mocks/openai-responses/create-responses-mock.js';
export type { EndpointDefinition, ProviderDefinition, StreamFraming } from './mocks/provider-definition.js';
export { readStreamEvents } from './mocks/read-stream-events.js';
export { createVertexAnthropicMock } from './mocks/vertex/create-vertex-anthropic-mock.js';
export { argumentsFromSchema } from './scripted-model/arguments-from-schema.js';
export { chunkText } from './scripted-model/chunk-text.js';
export { countAllTokens, countTokens, firstTokens } from './scripted-model/count-tokens.js';
export { runScriptedModel, signatureFor } from './scripted-model/run-scripted-model.js';
export type { Script, ScriptPrompt, ScriptStop, ScriptToolCall } from './scripted-model/script.js';
