import { isAnthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { geminiErrorToAnthropic } from '../../formats/gemini/anthropic-errors.js';
import type { HttpError } from '../pair.js';

/**
 * Vertex errors (docs/wire-formats.md#vertex-claude): the model's own errors are Anthropic bodies and pass unchanged. Anything
 * else comes from Google's front end (auth, quota, routing): `google.rpc.Status` bodies, or a body that is not
 * JSON at all, mapped as Gemini's are (e.g. 503 UNAVAILABLE -> 529 overloaded_error, 429 -> rate_limit_error);
 * `[{error}]`, as streaming methods send it, is read as `{error}`.
 */
export function vertexErrorToAnthropic(error: HttpError): HttpError {
  if (isAnthropicErrorBody(error.body) && (error.body as { type?: unknown }).type === 'error') return error;
  // Google's streaming methods answer an error before the stream as a one-element JSON array (observed)
  const body = Array.isArray(error.body) && error.body.length === 1 ? error.body[0] : error.body;
  return geminiErrorToAnthropic({ status: error.status, body });
}
