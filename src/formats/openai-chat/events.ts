import type { OpenAIErrorBody } from './errors.js';

/** The string crosswire passes around for the `data: [DONE]` terminator. */
export const OPENAI_DONE = '[DONE]';

/** A parsed OpenAI stream event: the chunk object, `{error: {...}}` for an error, or `'[DONE]'`. */
export type OpenAIStreamEvent = object | typeof OPENAI_DONE;

/** An error chunk (`{error: {...}}`), as OpenAI sends one mid-stream. */
export function isOpenAIErrorEvent(event: unknown): event is OpenAIErrorBody {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const error = (event as { error?: unknown }).error;
  return error !== undefined && error !== null && error !== false;
}
