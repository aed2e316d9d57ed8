/**
 * crosswire: translate between LLM wire formats, and prove the translation right.
 * Public API. See README.md and docs/ARCHITECTURE.md.
 */
export * from './core/index.js';
export { anthropicErrorBody, anthropicErrorTypeForStatus, statusForAnthropicErrorType } from './formats/anthropic-messages/errors.js';
export type { FormatCodec } from './formats/codec.js';
export { openaiErrorBody, openaiErrorTypeForStatus } from './formats/openai-chat/errors.js';
export type { HttpError, PairTranslator } from './pairs/pair.js';
export { createStreamTranslator, getCodec, route, translateError, translateRequest, translateResponse } from './translate.js';
// helpers add their exports below this line, one line each
