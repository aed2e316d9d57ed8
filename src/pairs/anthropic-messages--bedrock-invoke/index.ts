import { TranslationError } from '../../core/errors.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { isRecord } from '../../formats/gemini/narrow.js';
import type { PairTranslator } from '../pair.js';
import { anthropicRequestToBedrockInvoke, bedrockInvokeRequestToAnthropic } from './convert-requests.js';
import { createAnthropicToBedrockInvokeStream, createBedrockInvokeToAnthropicStream } from './convert-streams.js';
import { anthropicErrorToBedrock, bedrockErrorToAnthropic } from './map-errors.js';

export { anthropicRequestToBedrockInvoke, type BedrockInvokeRequestContext, bedrockInvokeRequestToAnthropic } from './convert-requests.js';
export { createAnthropicToBedrockInvokeStream, createBedrockInvokeToAnthropicStream } from './convert-streams.js';
export { anthropicErrorToBedrock, bedrockErrorToAnthropic } from './map-errors.js';

/** InvokeModel's response body is the Anthropic `Message` itself. */
function sameMessage(body: unknown, options: TranslateOptions = {}): TranslationResult<unknown> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  return { body, losses: [], context: options.context ?? {} };
}

export const anthropicToBedrockInvoke: PairTranslator = {
  from: 'anthropic-messages',
  to: 'bedrock-invoke',
  request: anthropicRequestToBedrockInvoke,
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
