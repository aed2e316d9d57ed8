import type { PairTranslator } from '../pair.js';
import { openaiErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToOpenAI } from './error-to-openai.js';
import { openaiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToOpenAI } from './request-to-openai.js';
import { openaiResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToOpenAI } from './response-to-openai.js';
import { createOpenAIToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToOpenAIStream } from './stream-to-openai.js';

export { openaiErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToOpenAI } from './error-to-openai.js';
export { openaiRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToOpenAI } from './request-to-openai.js';
export { openaiResponseToAnthropic } from './response-to-anthropic.js';
export { anthropicResponseToOpenAI } from './response-to-openai.js';
export { createOpenAIToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToOpenAIStream } from './stream-to-openai.js';

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
