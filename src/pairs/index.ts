import { anthropicToConverse, converseToAnthropic } from './anthropic-messages--bedrock-converse/index.js';
import { anthropicToBedrockInvoke, bedrockInvokeToAnthropic } from './anthropic-messages--bedrock-invoke/index.js';
import { anthropicToGemini, geminiToAnthropic } from './anthropic-messages--gemini/index.js';
import { anthropicToOpenAI, openaiToAnthropic } from './anthropic-messages--openai-chat/index.js';
import { anthropicToResponses, responsesToAnthropic } from './anthropic-messages--openai-responses/index.js';
import { anthropicToVertex, vertexToAnthropic } from './anthropic-messages--vertex-anthropic/index.js';
import type { PairTranslator } from './pair.js';

/**
 * Every direct translation crosswire has. Pairs not listed are composed through
 * `anthropic-messages` by `translate.ts`. Add a pair here when you add its folder.
 */
export const PAIRS: readonly PairTranslator[] = [
  // one line per direction, imported from ./<from>--<to>/ (or the folder of the unordered pair)
  anthropicToOpenAI,
  openaiToAnthropic,
  anthropicToGemini,
  geminiToAnthropic,
  anthropicToBedrockInvoke,
  bedrockInvokeToAnthropic,
  anthropicToVertex,
  vertexToAnthropic,
  anthropicToConverse,
  converseToAnthropic,
  anthropicToResponses,
  responsesToAnthropic,
];
