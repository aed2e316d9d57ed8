import type { PairTranslator } from '../pair.js';
import { converseErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToConverse } from './error-to-converse.js';
import { converseRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToConverse } from './request-to-converse.js';
import { converseResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToConverse } from './response-to-converse.js';
import { createConverseToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToConverseStream } from './stream-to-converse.js';

export { converseErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToConverse } from './error-to-converse.js';
export { converseRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToConverse, type ConverseRequestContext } from './request-to-converse.js';
export { converseResponseToAnthropic } from './response-to-anthropic.js';
export { anthropicResponseToConverse } from './response-to-converse.js';
export { createConverseToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToConverseStream } from './stream-to-converse.js';

export const anthropicToConverse: PairTranslator = {
  from: 'anthropic-messages',
  to: 'bedrock-converse',
  request: anthropicRequestToConverse,
  response: anthropicResponseToConverse,
  stream: createAnthropicToConverseStream,
  error: anthropicErrorToConverse,
};

export const converseToAnthropic: PairTranslator = {
  from: 'bedrock-converse',
  to: 'anthropic-messages',
  request: converseRequestToAnthropic,
  response: converseResponseToAnthropic,
  stream: createConverseToAnthropicStream,
  error: converseErrorToAnthropic,
};
