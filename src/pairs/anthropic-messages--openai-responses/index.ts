import type { PairTranslator } from '../pair.js';
import { responsesErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToResponses } from './error-to-responses.js';
import { responsesRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToResponses } from './request-to-responses.js';
import { responsesResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToResponses } from './response-to-responses.js';
import { createResponsesToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToResponsesStream } from './stream-to-responses.js';

export { responsesErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToResponses } from './error-to-responses.js';
export { responsesRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToResponses } from './request-to-responses.js';
export { responsesResponseToAnthropic } from './response-to-anthropic.js';
export { anthropicResponseToResponses } from './response-to-responses.js';
export { createResponsesToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToResponsesStream } from './stream-to-responses.js';

/**
 * Input in Anthropic Messages, output in OpenAI Responses: Messages request -> Responses request (client
 * Anthropic, upstream Responses), Messages response / stream / error -> Responses (upstream Anthropic, client
 * Responses).
 */
export const anthropicToResponses: PairTranslator = {
  from: 'anthropic-messages',
  to: 'openai-responses',
  request: anthropicRequestToResponses,
  response: anthropicResponseToResponses,
  error: anthropicErrorToResponses,
  stream: createAnthropicToResponsesStream,
};

/** Input in OpenAI Responses, output in Anthropic Messages (the reverse of each of the above). */
export const responsesToAnthropic: PairTranslator = {
  from: 'openai-responses',
  to: 'anthropic-messages',
  request: responsesRequestToAnthropic,
  response: responsesResponseToAnthropic,
  error: responsesErrorToAnthropic,
  stream: createResponsesToAnthropicStream,
};
