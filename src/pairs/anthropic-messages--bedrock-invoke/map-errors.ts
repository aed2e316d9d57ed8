import { anthropicErrorBody, isAnthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { bedrockErrorBody, bedrockHttpStatus } from '../../formats/bedrock-invoke/errors.js';
import { isRecord } from '../../formats/gemini/narrow.js';
import type { HttpError } from '../pair.js';

/**
 * Bedrock <-> Anthropic errors (wire-formats §5.1, §2.6). HTTP: Bedrock 503 ServiceUnavailable is
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

/** The Anthropic error type for a Bedrock stream exception name (unknown ones: api_error). */
export function anthropicTypeForBedrockException(exception: string): string {
  const camel = exception.charAt(0).toLowerCase() + exception.slice(1);
  return ANTHROPIC_TYPE_BY_EXCEPTION[camel] ?? 'api_error';
}

/** The Bedrock stream exception name for an Anthropic error type (unknown ones: modelStreamErrorException). */
export function bedrockExceptionForAnthropicType(type: string): string {
  return EXCEPTION_BY_ANTHROPIC_TYPE[type] ?? 'modelStreamErrorException';
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
