import { isRecord } from '../../core/narrow.js';
import { type OpenAIErrorBody, openaiErrorBody, openaiErrorTypeForStatus } from '../openai-chat/errors.js';

/**
 * OpenAI Responses errors (docs/wire-formats.md#responses-errors). An HTTP error has the Chat Completions body,
 * `{"error": {"message", "type", "param", "code"}}`, with the same status mapping. In a stream, after the 200, the
 * failure is an `error` event and/or a `response.failed` event whose `response.error` is `{code, message}`.
 *
 * Two shapes of the `error` event are seen in the wild, and both are read: the documented flat one,
 * `{type: "error", code, message, param, sequence_number}`, and one that nests the HTTP error object,
 * `{type: "error", error: {type, code, message, param}, sequence_number}` (rate-limit and quota errors).
 * crosswire writes the flat one.
 */

export type ResponsesErrorBody = OpenAIErrorBody;

/** The HTTP error body of a Responses server: the OpenAI error body. */
export function responsesErrorBody(status: number, message: string, type?: string): ResponsesErrorBody {
  return openaiErrorBody(status, message, type === undefined ? {} : { type });
}

/** The flat `error` stream event crosswire writes (`sequence_number` is set by whoever numbers the stream). */
export interface ResponsesErrorEvent {
  type: 'error';
  sequence_number?: number;
  code: string | null;
  message: string;
  param: string | null;
}

/** The `code` of an `error` event for an HTTP status: the OpenAI error code, else its type. */
export function responsesErrorCodeForStatus(status: number): string {
  const t = openaiErrorTypeForStatus(status);
  return t.code ?? t.type;
}

/** The `error` event a Responses client sees mid-stream, without a sequence number. */
export function responsesStreamError(status: number, message: string, type?: string): ResponsesErrorEvent {
  return { type: 'error', code: type ?? responsesErrorCodeForStatus(status), message, param: null };
}

/** What an `error` stream event says, from either shape. */
export interface ResponsesStreamErrorInfo {
  code: string | undefined;
  type: string | undefined;
  message: string;
  param: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Read an `error` event (flat or nested) or a failed response's `error` object. */
export function readResponsesStreamError(event: unknown): ResponsesStreamErrorInfo {
  const e = isRecord(event) ? event : {};
  const inner = isRecord(e.error) ? e.error : undefined;
  const from = inner ?? e;
  return {
    code: str(from.code) ?? str(e.code),
    type: str(inner?.type),
    message: str(from.message) ?? str(e.message) ?? 'upstream error',
    param: str(from.param),
  };
}

/**
 * The codes a failed response's `error.code` may take (the spec's `ResponseErrorCode`); crosswire writes
 * `rate_limit_exceeded` for 429 and `server_error` otherwise.
 */
export function responseErrorCodeForStatus(status: number): 'rate_limit_exceeded' | 'server_error' {
  return status === 429 ? 'rate_limit_exceeded' : 'server_error';
}

/**
 * The HTTP status an in-stream error stands for (it has none): by its code or type, as the same error would
 * have had as a response.
 */
export function statusForResponsesStreamError(info: ResponsesStreamErrorInfo): number {
  const c = info.code;
  const t = info.type;
  if (c === 'rate_limit_exceeded' || t === 'rate_limit_error' || t === 'tokens' || t === 'requests') return 429;
  if (c === 'insufficient_quota' || t === 'insufficient_quota') return 402;
  if (c === 'overloaded' || c === 'server_is_overloaded' || c === 'slow_down') return 503;
  if (c === 'timeout') return 504;
  if (c === 'invalid_api_key' || t === 'authentication_error') return 401;
  if (t === 'permission_error') return 403;
  if (c === 'request_too_large') return 413;
  if (
    t === 'invalid_request_error' ||
    c === 'invalid_request_error' ||
    c === 'invalid_prompt' ||
    c === 'context_length_exceeded' ||
    (c !== undefined && /^(invalid_|image_|unsupported_|empty_|failed_to_download)/.test(c))
  )
    return 400;
  return 500;
}
