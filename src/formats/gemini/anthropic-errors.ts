import type { HttpError } from '../../core/http-error.js';
import { isRecord } from '../../core/narrow.js';
import { anthropicErrorBody, anthropicErrorTypeForStatus } from '../anthropic-messages/errors.js';

/**
 * Google errors as Anthropic's (docs/wire-formats.md#anthropic-errors, docs/wire-formats.md#gemini-errors), for every format whose errors come from Google's
 * front end: Gemini, and Vertex outside the model's own errors. Gemini `UNAVAILABLE` (503, "model
 * overloaded") is Anthropic's `overloaded_error` (529); the message travels unchanged.
 */

/**
 * The Anthropic status for a Gemini HTTP status / `google.rpc` status name / `ErrorInfo.reason`.
 * A wrong API key is Gemini's 400 INVALID_ARGUMENT with reason `API_KEY_INVALID`: for Anthropic
 * clients that is 401 authentication_error.
 */
export function anthropicStatusForGemini(code: number, status?: string, reason?: string): number {
  if (reason === 'API_KEY_INVALID') return 401;
  if (code === 503 || status === 'UNAVAILABLE') return 529;
  if (status === 'RESOURCE_EXHAUSTED') return 429;
  if (status === 'UNAUTHENTICATED') return 401;
  if (status === 'PERMISSION_DENIED') return 403;
  if (status === 'NOT_FOUND') return 404;
  if (status === 'DEADLINE_EXCEEDED') return 504;
  return code >= 400 && code <= 599 ? code : 500;
}

/** Read `{error:{code,message,status,details}}` (or anything else) into parts; `reason` is that of a `google.rpc.ErrorInfo` detail. */
export function readGeminiError(
  body: unknown,
  httpStatus: number,
): { code: number; message: string; status: string | undefined; reason: string | undefined } {
  const e = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof e?.code === 'number' ? e.code : httpStatus;
  const message = typeof e?.message === 'string' ? e.message : `upstream error ${httpStatus}`;
  const info = Array.isArray(e?.details)
    ? e.details.find((d) => isRecord(d) && d['@type'] === ERROR_INFO && typeof d.reason === 'string')
    : undefined;
  const reason = isRecord(info) && typeof info.reason === 'string' ? info.reason : undefined;
  return { code, message, status: typeof e?.status === 'string' ? e.status : undefined, reason };
}

const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

export function geminiErrorToAnthropic(error: HttpError): HttpError {
  const { message, status, reason } = readGeminiError(error.body, error.status);
  const s = anthropicStatusForGemini(error.status, status, reason);
  return { status: s, body: anthropicErrorBody(s, message, anthropicErrorTypeForStatus(s)) };
}
