/**
 * Anthropic error bodies: `{"type":"error","error":{"type","message"},"request_id"?}`.
 * Status <-> error.type per the Anthropic errors table.
 */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string; details?: Record<string, unknown> };
  request_id?: string;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const STATUS_BY_TYPE: Record<string, number> = Object.fromEntries(
  Object.entries(TYPE_BY_STATUS).map(([status, type]) => [type, Number(status)]),
);

/** The Anthropic `error.type` for an HTTP status (other 4xx: invalid_request_error; other 5xx: api_error). */
export function anthropicErrorTypeForStatus(status: number): string {
  return (
    (Object.hasOwn(TYPE_BY_STATUS, status) ? TYPE_BY_STATUS[status] : undefined) ??
    (status >= 500 ? 'api_error' : 'invalid_request_error')
  );
}

/** The HTTP status Anthropic uses for an `error.type` (unknown types: 500). */
export function statusForAnthropicErrorType(type: string): number {
  // own keys only: an upstream type named `constructor` is an unknown type
  return (Object.hasOwn(STATUS_BY_TYPE, type) ? STATUS_BY_TYPE[type] : undefined) ?? 500;
}

export function anthropicErrorBody(status: number, message: string, type?: string): AnthropicErrorBody {
  return { type: 'error', error: { type: type ?? anthropicErrorTypeForStatus(status), message } };
}

export function isAnthropicErrorBody(body: unknown): body is AnthropicErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const e = (body as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { type?: unknown }).type === 'string';
}
