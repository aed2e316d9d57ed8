/**
 * Bedrock runtime errors (docs/wire-formats.md#bedrock-errors): HTTP body `{"message": …}`, the exception name in the
 * `x-amzn-ErrorType` header; mid-stream, `exception` frames named by `:exception-type` (camelCase).
 */

export interface BedrockErrorBody {
  message: string;
}

const EXCEPTION_BY_STATUS: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

/** The exception name (PascalCase, as in `x-amzn-ErrorType`) Bedrock uses for an HTTP status. */
export function bedrockExceptionForStatus(status: number): string {
  return EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerException' : 'ValidationException');
}

/** The HTTP status Bedrock uses for `status` from another format (Anthropic 529 -> 503, 401 -> 403, …). */
export function bedrockHttpStatus(status: number): number {
  if (status === 529) return 503;
  if (status === 401 || status === 402) return 403;
  if (status === 504) return 408;
  if (EXCEPTION_BY_STATUS[status] !== undefined) return status;
  return status >= 500 ? 500 : 400;
}

export function bedrockErrorBody(_status: number, message: string): BedrockErrorBody {
  return { message };
}

/** camelCase stream exception name for an HTTP status (`throttlingException`, …). */
export function bedrockStreamExceptionForStatus(status: number): string {
  const name = status === 424 ? 'ModelStreamErrorException' : bedrockExceptionForStatus(bedrockHttpStatus(status));
  return name.charAt(0).toLowerCase() + name.slice(1);
}
