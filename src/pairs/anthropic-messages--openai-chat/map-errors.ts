/** The Anthropic <-> OpenAI error mapping lives with the OpenAI format, which Chat and Responses share. */
export * from '../../formats/openai-chat/anthropic-errors.js';
