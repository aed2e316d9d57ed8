import { sameMessage } from '../../formats/anthropic-messages/same-message.js';
import type { PairTranslator } from '../pair.js';
import { bedrockErrorToAnthropic } from './error-to-anthropic.js';
import { anthropicErrorToBedrock } from './error-to-invoke.js';
import { bedrockInvokeRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToBedrockInvoke } from './request-to-invoke.js';
import { createBedrockInvokeToAnthropicStream } from './stream-to-anthropic.js';
import { createAnthropicToBedrockInvokeStream } from './stream-to-invoke.js';

export { bedrockErrorToAnthropic } from './error-to-anthropic.js';
export { anthropicErrorToBedrock } from './error-to-invoke.js';
export { bedrockInvokeRequestToAnthropic } from './request-to-anthropic.js';
export { anthropicRequestToBedrockInvoke, type BedrockInvokeRequestContext } from './request-to-invoke.js';
export { createBedrockInvokeToAnthropicStream } from './stream-to-anthropic.js';
export { createAnthropicToBedrockInvokeStream } from './stream-to-invoke.js';

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
