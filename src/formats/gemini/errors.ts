import type { GeminiErrorBody, GeminiStatusName } from './types.js';

/**
 * Gemini error bodies (`google.rpc.Status`, docs/wire-formats.md#gemini-errors):
 * `{"error":{"code": <http status>, "message", "status": "INVALID_ARGUMENT" | ...}}`.
 * Google APIs only use the canonical code <-> HTTP status pairs below, so other statuses are
 * folded onto the nearest canonical one.
 */

const STATUS_BY_HTTP: Record<number, GeminiStatusName> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Non-canonical HTTP statuses other formats use, and the canonical Google status they become. */
const FOLD: Record<number, number> = {
  402: 403, // billing: Google reports disabled billing as PERMISSION_DENIED
  408: 504,
  413: 400,
  422: 400,
  529: 503, // overloaded
};

/** The canonical HTTP status a Gemini client sees for `status`. */
export function geminiHttpStatus(status: number): number {
  if (STATUS_BY_HTTP[status] !== undefined) return status;
  const folded = FOLD[status];
  if (folded !== undefined) return folded;
  return status >= 500 ? 500 : 400;
}

/** The `google.rpc.Code` name for an HTTP status (after folding). */
export function geminiStatusName(status: number): GeminiStatusName {
  return STATUS_BY_HTTP[geminiHttpStatus(status)] ?? 'UNKNOWN';
}

const NAMES = new Set<string>([
  ...Object.values(STATUS_BY_HTTP),
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'ALREADY_EXISTS',
  'DATA_LOSS',
  'UNKNOWN',
]);

function isStatusName(name: string | undefined): name is GeminiStatusName {
  return name !== undefined && NAMES.has(name);
}

/** `statusName` is used when it is a `google.rpc.Code` name; otherwise the name follows the status. */
export function geminiErrorBody(status: number, message: string, statusName?: string): GeminiErrorBody {
  const code = geminiHttpStatus(status);
  return { error: { code, message, status: isStatusName(statusName) ? statusName : geminiStatusName(code) } };
}

export function isGeminiErrorBody(body: unknown): body is GeminiErrorBody {
  if (typeof body !== 'object' || body === null) return false;
  const e = (body as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && !Array.isArray(e);
}
