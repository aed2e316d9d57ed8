import type { PairTranslator } from '../pair.js';
import { anthropicRequestToOpenAI } from './anthropic-request-to-openai.js';
import { anthropicResponseToOpenAI } from './anthropic-response-to-openai.js';
import { createAnthropicToOpenAIStream } from './anthropic-stream-to-openai.js';
import { anthropicErrorToOpenAI, openaiErrorToAnthropic } from './map-errors.js';
import { openaiRequestToAnthropic } from './openai-request-to-anthropic.js';
import { openaiResponseToAnthropic } from './openai-response-to-anthropic.js';
import { createOpenAIToAnthropicStream } from './openai-stream-to-anthropic.js';

export { anthropicRequestToOpenAI } from './anthropic-request-to-openai.js';
export { anthropicResponseToOpenAI } from './anthropic-response-to-openai.js';
export { anthropicErrorToOpenAI, openaiErrorToAnthropic } from './map-errors.js';
export { openaiRequestToAnthropic } from './openai-request-to-anthropic.js';
export { openaiResponseToAnthropic } from './openai-response-to-anthropic.js';

/**
 * Input in Anthropic Messages, output in OpenAI Chat Completions: Messages request -> Chat request
 * (client Anthropic, upstream OpenAI), Messages response -> Chat response and Anthropic error ->
 * OpenAI error (upstream Anthropic, client OpenAI), Anthropic stream events -> Chat chunks.
 */
export const anthropicToOpenAI: PairTranslator = {
  from: 'anthropic-messages',
  to: 'openai-chat',
  request: anthropicRequestToOpenAI,
  response: anthropicResponseToOpenAI,
  error: anthropicErrorToOpenAI,
  stream: createAnthropicToOpenAIStream,
};

/** Input in OpenAI Chat Completions, output in Anthropic Messages (the reverse of each of the above). */
export const openaiToAnthropic: PairTranslator = {
  from: 'openai-chat',
  to: 'anthropic-messages',
  request: openaiRequestToAnthropic,
  response: openaiResponseToAnthropic,
  error: openaiErrorToAnthropic,
  stream: createOpenAIToAnthropicStream,
};
