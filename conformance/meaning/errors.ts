import { isRecord } from '../../src/core/narrow.js';

/**
 * What an HTTP status means to a client: the official SDKs (Anthropic, OpenAI, Google GenAI; the AWS SDK by
 * fault class) raise one error class per 4xx status they name (400, 401, 403, 404, 409, 422, 429) and one for every
 * 5xx, and retry 408, 409, 429 and every 5xx. So 500, 502, 503, 504 and 529 mean the same (a retried server error),
 * while 424 (not retried, generic) differs from 500. 2xx is success.
 */
export function statusMeaning(status: number): string {
  if (status >= 200 && status < 300) return 'success';
  if (status >= 500) return '5xx (server error, retried)';
  return String(status);
}

/** `"message"` when a non-empty string sits at the path, else what is there (shape checks of error bodies). */
export function messageAt(v: unknown, ...path: string[]): unknown {
  let cur: unknown = v;
  for (const p of path) cur = isRecord(cur) ? cur[p] : undefined;
  return typeof cur === 'string' && cur !== ''
    ? 'message'
    : cur === undefined
      ? '(absent)'
      : `(not a message: ${typeof cur})`;
}
