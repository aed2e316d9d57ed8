import { anthropicBodyMeaning, anthropicMessageMeaning, anthropicStreamMeaning } from './anthropic-messages.js';
import { bedrockErrorMeaning } from './bedrock-errors.js';
import { schemaOf } from './schemas.js';
import type { FormatMeaning } from './types.js';

/**
 * Bedrock InvokeModel for Claude by meaning: the body is Anthropic's (with `anthropic_version`, `anthropic_beta` as a
 * set, no `model`), read like a Messages request; answers and stream chunks are Anthropic's; errors are Bedrock's.
 */
export const bedrockInvokeMeaning: FormatMeaning = {
  request: (body) => anthropicBodyMeaning(body, schemaOf('bedrock-invoke', 'request')),
  response: anthropicMessageMeaning,
  stream: anthropicStreamMeaning,
  error: bedrockErrorMeaning,
};
