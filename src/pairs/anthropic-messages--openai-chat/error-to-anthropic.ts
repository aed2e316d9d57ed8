/** OpenAI errors for an Anthropic client: the mapping the OpenAI format owns (Responses shares it). */
export { openaiErrorToAnthropic } from '../../formats/openai-chat/anthropic-errors.js';
