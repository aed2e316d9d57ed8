import type { PairTranslator } from '../pair.js';
import { anthropicRequestToGemini } from './anthropic-request-to-gemini.js';
import { anthropicResponseToGemini } from './anthropic-response-to-gemini.js';
import { createAnthropicToGeminiStream } from './anthropic-stream-to-gemini.js';
import { geminiRequestToAnthropic } from './gemini-request-to-anthropic.js';
import { geminiResponseToAnthropic } from './gemini-response-to-anthropic.js';
import { createGeminiToAnthropicStream } from './gemini-stream-to-anthropic.js';
import { anthropicErrorToGemini, geminiErrorToAnthropic } from './map-errors.js';

export { anthropicRequestToGemini, type GeminiRequestContext } from './anthropic-request-to-gemini.js';
export { anthropicResponseToGemini } from './anthropic-response-to-gemini.js';
export { createAnthropicToGeminiStream } from './anthropic-stream-to-gemini.js';
export { geminiRequestToAnthropic } from './gemini-request-to-anthropic.js';
export { geminiResponseToAnthropic } from './gemini-response-to-anthropic.js';
export { createGeminiToAnthropicStream } from './gemini-stream-to-anthropic.js';
export { anthropicErrorToGemini, geminiErrorToAnthropic } from './map-errors.js';

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
