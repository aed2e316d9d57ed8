/** Anthropic errors for an OpenAI client: the mapping the OpenAI format owns (Responses shares it). */
export { anthropicErrorToOpenAI } from '../../formats/openai-chat/anthropic-errors.js';
