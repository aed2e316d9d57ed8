/** Responses errors for an Anthropic client: Responses HTTP errors are OpenAI's, a mapping the OpenAI format owns. */
export { openaiErrorToAnthropic as responsesErrorToAnthropic } from '../../formats/openai-chat/anthropic-errors.js';
