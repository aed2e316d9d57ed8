/** The thinking budget <-> reasoning effort mapping lives with the OpenAI format, which Chat and Responses share. */
export * from '../../formats/openai-chat/reasoning-effort.js';
