import { isAnthropicErrorBody, statusForAnthropicErrorType } from '../../formats/anthropic-messages/errors.js';
import { geminiErrorBody, geminiHttpStatus } from '../../formats/gemini/errors.js';
import type { HttpError } from '../pair.js';

/**
 * Errors both ways (docs/wire-formats.md#cross-walk-errors, docs/wire-formats.md#gemini-errors). Gemini `UNAVAILABLE` (503, "model overloaded") is
 * Anthropic's `overloaded_error` (529) and back; other statuses keep their HTTP code, folded onto
 * the canonical set on the Gemini side. The message travels unchanged.
 */

export function anthropicErrorToGemini(error: HttpError): HttpError {
  const b = error.body;
  const message =
    isAnthropicErrorBody(b) && typeof b.error.message === 'string' ? b.error.message : `upstream error ${error.status}`;
  const fromType = isAnthropicErrorBody(b) ? statusForAnthropicErrorType(b.error.type) : undefined;
  const status = error.status >= 400 ? error.status : (fromType ?? 500);
  return { status: geminiHttpStatus(status), body: geminiErrorBody(status, message) };
}
