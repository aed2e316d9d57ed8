import type { PairTranslator } from '../pair.js';
import { anthropicErrorToBedrock, bedrockErrorToAnthropic } from '../../formats/bedrock-invoke/anthropic-errors.js';
import { anthropicRequestToConverse } from './anthropic-request-to-converse.js';
import { anthropicResponseToConverse, createAnthropicToConverseStream } from './anthropic-to-converse-output.js';
import { converseRequestToAnthropic } from './converse-request-to-anthropic.js';
import { converseResponseToAnthropic } from './converse-response-to-anthropic.js';
import { createConverseToAnthropicStream } from './converse-stream-to-anthropic.js';

export { anthropicRequestToConverse, type ConverseRequestContext } from './anthropic-request-to-converse.js';
export { anthropicResponseToConverse, createAnthropicToConverseStream } from './anthropic-to-converse-output.js';
export { converseRequestToAnthropic } from './converse-request-to-anthropic.js';
export { converseResponseToAnthropic } from './converse-response-to-anthropic.js';
export { createConverseToAnthropicStream } from './converse-stream-to-anthropic.js';

export const anthropicToConverse: PairTranslator = {
  from: 'anthropic-messages',
  to: 'bedrock-converse',
  request: anthropicRequestToConverse,
  response: anthropicResponseToConverse,
  stream: createAnthropicToConverseStream,
  error: anthropicErrorToBedrock,
};

export const converseToAnthropic: PairTranslator = {
  from: 'bedrock-converse',
  to: 'anthropic-messages',
  request: converseRequestToAnthropic,
  response: converseResponseToAnthropic,
  stream: createConverseToAnthropicStream,
  error: bedrockErrorToAnthropic,
};
