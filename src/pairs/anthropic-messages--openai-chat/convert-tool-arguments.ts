/** Parsing OpenAI tool-call arguments lives with the OpenAI format, which Chat and Responses share. */
export * from '../../formats/openai-chat/tool-arguments.js';
