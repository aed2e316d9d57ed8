/** Anthropic errors for a Responses client: Responses HTTP errors are OpenAI's, a mapping the OpenAI format owns. */
export { anthropicErrorToOpenAI as anthropicErrorToResponses } from '../../formats/openai-chat/anthropic-errors.js';
