import type { HttpError } from '../../core/http-error.js';
import { isRecord } from '../../core/narrow.js';
import {
  type AnthropicErrorBody,
  anthropicErrorBody,
  anthropicErrorTypeForStatus,
  isAnthropicErrorBody,
} from '../anthropic-messages/errors.js';
import { isOpenAIErrorBody, type OpenAIErrorBody, openaiErrorBody, openaiErrorTypeForStatus } from './errors.js';

/**
 * HTTP errors both ways (docs/wire-formats.md#cross-walk-errors, docs/wire-formats.md#openai-chat-errors), for every
 * format whose HTTP errors are OpenAI's (Chat Completions and Responses). The status is always kept; the error type is
 * mapped by type first (so stream error events without a status map too), then by status.
 * Bodies that are not the source format's error shape (HTML from a proxy, plain text, other JSON)
 * become `api_error` / `server_error` with the status kept and the text in the message.
 */

const ANTHROPIC_TO_OPENAI: Record<string, { type: string; code: string | null }> = {
  invalid_request_error: { type: 'invalid_request_error', code: null },
  authentication_error: { type: 'authentication_error', code: 'invalid_api_key' },
  billing_error: { type: 'insufficient_quota', code: 'insufficient_quota' },
  permission_error: { type: 'permission_error', code: null },
  not_found_error: { type: 'not_found_error', code: null },
  conflict_error: { type: 'conflict_error', code: null },
  request_too_large: { type: 'invalid_request_error', code: 'request_too_large' },
  rate_limit_error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  api_error: { type: 'server_error', code: null },
  timeout_error: { type: 'server_error', code: 'timeout' },
  overloaded_error: { type: 'server_error', code: 'overloaded' },
};

const OPENAI_TO_ANTHROPIC: Record<string, string> = {
  authentication_error: 'authentication_error',
  permission_error: 'permission_error',
  not_found_error: 'not_found_error',
  conflict_error: 'conflict_error',
  rate_limit_error: 'rate_limit_error',
  insufficient_quota: 'billing_error',
  invalid_request_error: 'invalid_request_error',
};

/** OpenAI `{type, code}` for an Anthropic `error.type` (unknown types: by status). */
export function anthropicErrorTypeToOpenAI(type: unknown, status: number): { type: string; code: string | null } {
  if (typeof type === 'string' && Object.hasOwn(ANTHROPIC_TO_OPENAI, type)) return ANTHROPIC_TO_OPENAI[type]!;
  return openaiErrorTypeForStatus(status);
}

/** Anthropic `error.type` for an OpenAI `error.type`/`error.code` (unknown: by status). */
export function openaiErrorTypeToAnthropic(type: unknown, code: unknown, status: number): string {
  if (code === 'request_too_large' || status === 413) return 'request_too_large';
  if (code === 'overloaded' || status === 529) return 'overloaded_error';
  if (code === 'timeout' || status === 504) return 'timeout_error';
  if (status >= 500) return 'api_error';
  if (type === 'server_error') return 'api_error';
  if (typeof type === 'string' && Object.hasOwn(OPENAI_TO_ANTHROPIC, type)) {
    // status wins when it names a more specific type (e.g. 401 sent as invalid_request_error)
    const byStatus = anthropicErrorTypeForStatus(status);
    return byStatus !== 'invalid_request_error' ? byStatus : OPENAI_TO_ANTHROPIC[type]!;
  }
  return anthropicErrorTypeForStatus(status);
}

export function validStatus(status: unknown): number {
  return typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
}

/** Parse a string body that may hold JSON; other values are returned as they are. */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const t = body.trim();
  if (!t.startsWith('{')) return body;
  try {
    return JSON.parse(t);
  } catch {
    return body;
  }
}

export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === undefined || body === null) return '';
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return String(body);
  }
}

export function unknownMessage(status: number, body: unknown): string {
  const text = bodyText(body);
  return text === '' ? `upstream error (HTTP ${status})` : text;
}

/** An Anthropic HTTP error (status + body) -> the OpenAI error a Chat Completions client expects. */
export function anthropicErrorToOpenAI(error: HttpError): HttpError<OpenAIErrorBody> {
  const status = validStatus(isRecord(error) ? error.status : undefined);
  const raw = isRecord(error) ? error.body : undefined;
  const body = parseBody(raw);
  if (isAnthropicErrorBody(body)) {
    const e = body.error as AnthropicErrorBody['error'] & Record<string, unknown>;
    const mapped = anthropicErrorTypeToOpenAI(e.type, status);
    const details = isRecord(e.details) ? e.details : undefined;
    const code = typeof details?.error_code === 'string' ? details.error_code : mapped.code;
    const message = typeof e.message === 'string' ? e.message : bodyText(body);
    return { status, body: openaiErrorBody(status, message, { type: mapped.type, code }) };
  }
  return { status, body: openaiErrorBody(status, unknownMessage(status, raw), { type: 'server_error', code: null }) };
}

/** An OpenAI HTTP error (status + body) -> the Anthropic error a Messages client expects. */
export function openaiErrorToAnthropic(error: HttpError): HttpError<AnthropicErrorBody> {
  const status = validStatus(isRecord(error) ? error.status : undefined);
  const raw = isRecord(error) ? error.body : undefined;
  const body = parseBody(raw);
  if (isOpenAIErrorBody(body)) {
    const e = body.error as OpenAIErrorBody['error'] & Record<string, unknown>;
    const type = openaiErrorTypeToAnthropic(e.type, e.code, status);
    return { status, body: anthropicErrorBody(status, e.message, type) };
  }
  return { status, body: anthropicErrorBody(status, unknownMessage(status, raw), 'api_error') };
}
