import type { PairTranslator } from '../pair.js';
import { geminiErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToGemini } from './error-to-gemini.js';
import { geminiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToGemini } from './request-to-gemini.js';
import { geminiResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToGemini } from './response-to-gemini.js';
import { createGeminiToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToGeminiStream } from './stream-to-gemini.js';

export { geminiErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToGemini } from './error-to-gemini.js';
export { geminiRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToGemini, type GeminiRequestContext } from './request-to-gemini.js';
export { geminiResponseToAnthropic } from './response-to-anthropic.js';
export { anthropicResponseToGemini } from './response-to-gemini.js';
export { createGeminiToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToGeminiStream } from './stream-to-gemini.js';

/**
 * Anthropic client -> Gemini upstream: requests go to Gemini; responses, streams and errors come back.
 * `from` is the format of the input handed in (see ARCHITECTURE.md).
 */
export const anthropicToGemini: PairTranslator = {
  from: 'anthropic-messages',
  to: 'gemini',
  request: anthropicRequestToGemini,
  response: anthropicResponseToGemini,
  stream: createAnthropicToGeminiStream,
  error: anthropicErrorToGemini,
};

export const geminiToAnthropic: PairTranslator = {
  from: 'gemini',
  to: 'anthropic-messages',
  request: geminiRequestToAnthropic,
  response: geminiResponseToAnthropic,
  stream: createGeminiToAnthropicStream,
  error: geminiErrorToAnthropic,
};
