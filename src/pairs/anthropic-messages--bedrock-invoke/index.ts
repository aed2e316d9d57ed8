import { sameMessage } from '../../formats/anthropic-messages/same-message.js';
import type { PairTranslator } from '../pair.js';
import { anthropicRequestToBedrockInvoke, bedrockInvokeRequestToAnthropic } from './convert-requests.js';
import { createAnthropicToBedrockInvokeStream, createBedrockInvokeToAnthropicStream } from './convert-streams.js';
import { anthropicErrorToBedrock, bedrockErrorToAnthropic } from '../../formats/bedrock-invoke/anthropic-errors.js';

export { anthropicRequestToBedrockInvoke, type BedrockInvokeRequestContext, bedrockInvokeRequestToAnthropic } from './convert-requests.js';
export { createAnthropicToBedrockInvokeStream, createBedrockInvokeToAnthropicStream } from './convert-streams.js';
export { anthropicErrorToBedrock, bedrockErrorToAnthropic } from '../../formats/bedrock-invoke/anthropic-errors.js';

export const anthropicToBedrockInvoke: PairTranslator = {
  from: 'anthropic-messages',
  to: 'bedrock-invoke',
  request: anthropicRequestToBedrockInvoke,
  // the response body is the Anthropic `Message` itself
  response: sameMessage,
  stream: createAnthropicToBedrockInvokeStream,
  error: anthropicErrorToBedrock,
};

export const bedrockInvokeToAnthropic: PairTranslator = {
  from: 'bedrock-invoke',
  to: 'anthropic-messages',
  request: bedrockInvokeRequestToAnthropic,
  response: sameMessage,
  stream: createBedrockInvokeToAnthropicStream,
  error: bedrockErrorToAnthropic,
};
