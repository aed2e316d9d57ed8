import type { HttpError } from '../../core/http-error.js';
import { isRecord } from '../../core/narrow.js';
import { anthropicErrorBody, isAnthropicErrorBody } from '../anthropic-messages/errors.js';
import { bedrockErrorBody, bedrockHttpStatus } from './errors.js';

/**
 * Bedrock runtime <-> Anthropic errors (docs/wire-formats.md#bedrock-errors, docs/wire-formats.md#cross-walk-errors), shared by InvokeModel and Converse (both
 * Bedrock runtime APIs with the same exceptions). HTTP: Bedrock 503 ServiceUnavailable is
 * Anthropic 529 overloaded, 408 ModelTimeout is 504 timeout, 424 ModelError is 500 api_error.
 * Mid-stream exceptions use camelCase names (`throttlingException`, …).
 */

const ANTHROPIC_STATUS_BY_BEDROCK: Record<number, number> = { 408: 504, 424: 500, 503: 529 };

const ANTHROPIC_TYPE_BY_EXCEPTION: Record<string, string> = {
  throttlingException: 'rate_limit_error',
  validationException: 'invalid_request_error',
  serviceUnavailableException: 'overloaded_error',
  modelTimeoutException: 'timeout_error',
  modelStreamErrorException: 'api_error',
  internalServerException: 'api_error',
  accessDeniedException: 'permission_error',
  resourceNotFoundException: 'not_found_error',
};

const EXCEPTION_BY_ANTHROPIC_TYPE: Record<string, string> = {
  rate_limit_error: 'throttlingException',
  invalid_request_error: 'validationException',
  overloaded_error: 'serviceUnavailableException',
  timeout_error: 'modelTimeoutException',
  api_error: 'internalServerException',
};

/** Anthropic's own error types (docs/wire-formats.md#anthropic-errors): an InvokeModel `chunk` may carry an Anthropic `error` event. */
const ANTHROPIC_ERROR_TYPES: ReadonlySet<string> = new Set([
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'conflict_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'timeout_error',
  'overloaded_error',
]);

/**
 * The Anthropic error type for the type of an error event in an InvokeModel stream: a Bedrock exception
 * name (camelCase frame header, or PascalCase) is mapped (unknown ones: api_error); an Anthropic error
 * type, from an `error` event inside a `chunk` frame, is kept.
 */
export function anthropicTypeForBedrockException(exception: string): string {
  if (ANTHROPIC_ERROR_TYPES.has(exception)) return exception;
  const camel = exception.charAt(0).toLowerCase() + exception.slice(1);
  return (
    (Object.hasOwn(ANTHROPIC_TYPE_BY_EXCEPTION, camel) ? ANTHROPIC_TYPE_BY_EXCEPTION[camel] : undefined) ?? 'api_error'
  );
}

/** The Bedrock stream exception name for an Anthropic error type (unknown ones: modelStreamErrorException). */
export function bedrockExceptionForAnthropicType(type: string): string {
  return (
    (Object.hasOwn(EXCEPTION_BY_ANTHROPIC_TYPE, type) ? EXCEPTION_BY_ANTHROPIC_TYPE[type] : undefined) ??
    'modelStreamErrorException'
  );
}

function messageOf(body: unknown, status: number): string {
  if (isRecord(body)) {
    if (typeof body.message === 'string') return body.message;
    if (typeof body.Message === 'string') return body.Message;
  }
  if (isAnthropicErrorBody(body) && typeof body.error.message === 'string') return body.error.message;
  return `upstream error ${status}`;
}

export function bedrockErrorToAnthropic(error: HttpError): HttpError {
  const status = ANTHROPIC_STATUS_BY_BEDROCK[error.status] ?? error.status;
  return { status, body: anthropicErrorBody(status, messageOf(error.body, error.status)) };
}

export function anthropicErrorToBedrock(error: HttpError): HttpError {
  const status = bedrockHttpStatus(error.status);
  return { status, body: bedrockErrorBody(status, messageOf(error.body, error.status)) };
}
