/**
 * OpenAI error bodies: `{"error":{"message","type","param","code"}}` (all four keys present).
 */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

const TYPE_BY_STATUS: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'authentication_error', code: 'invalid_api_key' },
  402: { type: 'insufficient_quota', code: 'insufficient_quota' },
  403: { type: 'permission_error', code: null },
  404: { type: 'not_found_error', code: null },
  409: { type: 'conflict_error', code: null },
  413: { type: 'invalid_request_error', code: 'request_too_large' },
  422: { type: 'invalid_request_error', code: null },
  429: { type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  500: { type: 'server_error', code: null },
  503: { type: 'server_error', code: 'overloaded' },
  504: { type: 'server_error', code: 'timeout' },
  529: { type: 'server_error', code: 'overloaded' },
};

/** The OpenAI `error.type` / `error.code` for an HTTP status. */
export function openaiErrorTypeForStatus(status: number): { type: string; code: string | null } {
  return (
    TYPE_BY_STATUS[status] ??
    (status >= 500 ? { type: 'server_error', code: null } : { type: 'invalid_request_error', code: null })
  );
}

export function openaiErrorBody(
  status: number,
  message: string,
  opts: { type?: string; param?: string | null; code?: string | null } = {},
): OpenAIErrorBody {
  const d = openaiErrorTypeForStatus(status);
  return {
    error: {
      message,
      type: opts.type ?? d.type,
      param: opts.param ?? null,
      code: opts.code === undefined ? d.code : opts.code,
    },
  };
}

export function isOpenAIErrorBody(body: unknown): body is OpenAIErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const e = (body as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}
