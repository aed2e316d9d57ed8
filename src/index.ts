/**
 * `crosswire`: translate between LLM wire formats. The translate functions, typed by format id, and what they
 * throw and return. Everything else is on its own entry, so an application pays only for what it imports:
 * `crosswire/validate`, `crosswire/formats` (codecs, error bodies, URL targets), `crosswire/wire` (SSE and AWS
 * event-stream framing), `crosswire/pairs/<x>` (one pair's functions), `crosswire/media`, `crosswire/gateway`,
 * `crosswire/conformance`. See README.md, "Use the translators".
 */
export { isTranslationError, TranslationError, type TranslationErrorKind } from './core/errors.js';
export { FORMATS, type FormatId, isFormatId } from './core/formats.js';
export type { HttpError } from './core/http-error.js';
export type { JsonPath } from './core/json-path.js';
export type { Loss } from './core/loss.js';
export type {
  AnthropicVersion,
  RequestContext,
  StreamTranslator,
  TranslateOptions,
  TranslationResult,
} from './core/options.js';
export type {
  BedrockInvokeRequest,
  ErrorBodyOf,
  FormatTypes,
  OpenAIChatStreamEvent,
  RequestOf,
  ResponseOf,
  StreamEventOf,
  VertexAnthropicRequest,
} from './formats/format-types.js';
export {
  createStreamTranslator,
  translateError,
  translateRequest,
  translateResponse,
} from './translate/translate.js';
export { type TranslateStreamHooks, translateStream } from './translate/translate-stream.js';
