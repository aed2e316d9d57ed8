import type { FormatId } from '../core/formats.js';
import type { TranslateOptions } from '../core/options.js';
import { translateError } from '../translate/translate.js';
import { clientErrorBody, clientErrorHeaders, jsonResponse } from './client-error.js';

/** Upstream response headers worth passing on with an error. */
const KEPT = ['retry-after', 'retry-after-ms'];
/** ... and, when client and upstream share a format, the header naming the error (Bedrock). */
const KEPT_SAME_FORMAT = ['x-amzn-errortype'];

/**
 * An upstream non-2xx response as the client's error: same format passes the JSON body through;
 * otherwise `translateError`. A body that is not JSON (an HTML 502 from a proxy) or that cannot be
 * translated becomes the client's generic error for that status (`api_error` / `server_error`), status kept.
 */
export function relayUpstreamError(
  upstream: { status: number; headers: Headers; text: string },
  from: FormatId,
  to: FormatId,
  providerName: string,
  options: TranslateOptions,
  extraHeaders: Record<string, string>,
): Response {
  const headers: Record<string, string> = { ...extraHeaders };
  for (const k of KEPT) {
    const v = upstream.headers.get(k);
    if (v) headers[k] = v;
  }
  const { status, text } = upstream;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const message = `upstream ${providerName} returned HTTP ${status} with a non-JSON body${snippet ? `: ${snippet}` : ''}`;
    return jsonResponse(status, clientErrorBody(to, status, message), {
      ...clientErrorHeaders(to, status),
      ...headers,
    });
  }
  if (from === to) {
    for (const k of KEPT_SAME_FORMAT) {
      const v = upstream.headers.get(k);
      if (v) headers[k] = v;
    }
    return new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } });
  }
  try {
    const e = translateError(from, to, { status, body }, options);
    return jsonResponse(e.status, e.body, { ...clientErrorHeaders(to, e.status), ...headers });
  } catch (err) {
    const message = `upstream ${providerName} returned HTTP ${status}: ${text.slice(0, 300)} (${err instanceof Error ? err.message : String(err)})`;
    return jsonResponse(status, clientErrorBody(to, status, message), {
      ...clientErrorHeaders(to, status),
      ...headers,
    });
  }
}
