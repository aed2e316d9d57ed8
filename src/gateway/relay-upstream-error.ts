import type { FormatId } from '../core/formats.js';
import type { TranslateOptions } from '../core/options.js';
import { translateError } from '../translate/translate.js';
import { clientError, clientErrorBody, clientErrorHeaders, jsonResponse } from './client-error.js';
import type { GatewayRuntime } from './runtime.js';

/** Upstream response headers worth passing on with an error. */
const KEPT = ['retry-after', 'retry-after-ms'];
/** ... and, when client and upstream share a format, the header naming the error (Bedrock). */
const KEPT_SAME_FORMAT = ['x-amzn-errortype'];

/** The upstream error being relayed, and where it came from. */
export interface UpstreamError {
  status: number;
  headers: Headers;
  text: string;
  from: FormatId;
  providerName: string;
  /** the upstream got the client's own key (`forwardClientKey`), not the gateway's */
  clientKeySent: boolean;
}

/**
 * Did the upstream refuse the credentials it was sent? 401 and 403 (a key that is wrong, revoked or lacks a
 * permission), and Google's 400 `API_KEY_INVALID` (docs/wire-formats.md#gemini-errors).
 */
function credentialsRejected(e: UpstreamError): boolean {
  if (e.status === 401 || e.status === 403) return true;
  return (
    e.status === 400 && (e.from === 'gemini' || e.from === 'vertex-anthropic') && e.text.includes('API_KEY_INVALID')
  );
}

/**
 * An upstream non-2xx response as the client's error. When the gateway's own credentials were refused, the client
 * gets a 502 that says so (it is not the client's key that failed; the upstream's text is logged, not relayed).
 * Otherwise: same format passes the JSON body through; other formats go through `translateError`; a body that is
 * not JSON (an HTML 502 from a proxy) or cannot be translated becomes the client's generic error for that status
 * (`api_error` / `server_error`), status kept. Every configured secret is redacted from what is relayed, body and
 * headers, whole or masked (`redact.ts`).
 */
export function relayUpstreamError(
  rt: GatewayRuntime,
  upstream: UpstreamError,
  to: FormatId,
  options: TranslateOptions,
  extraHeaders: Record<string, string>,
): Response {
  const { redact } = rt;
  const { status, from, providerName } = upstream;
  if (!upstream.clientKeySent && rt.config.upstreamAuthErrors !== 'relay' && credentialsRejected(upstream)) {
    rt.log({
      event: 'upstream_credentials_rejected',
      provider: providerName,
      status,
      body: upstream.text.slice(0, 1000),
    });
    return clientError(
      to,
      502,
      `the gateway's credentials for provider ${providerName} were rejected (upstream HTTP ${status}); the gateway's operator must fix them`,
      { headers: extraHeaders },
    );
  }
  const headers: Record<string, string> = { ...extraHeaders };
  for (const k of KEPT) {
    const v = upstream.headers.get(k);
    if (v) headers[k] = redact.text(v);
  }
  const text = upstream.text;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const snippet = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const message = `upstream ${providerName} returned HTTP ${status} with a non-JSON body${snippet ? `: ${redact.text(snippet)}` : ''}`;
    return jsonResponse(status, clientErrorBody(to, status, message), {
      ...clientErrorHeaders(to, status),
      ...headers,
    });
  }
  if (from === to) {
    for (const k of KEPT_SAME_FORMAT) {
      const v = upstream.headers.get(k);
      if (v) headers[k] = redact.text(v);
    }
    return new Response(redact.text(text), { status, headers: { 'content-type': 'application/json', ...headers } });
  }
  try {
    const e = translateError(from, to, { status, body }, options);
    return new Response(redact.text(JSON.stringify(e.body)), {
      status: e.status,
      headers: { 'content-type': 'application/json', ...clientErrorHeaders(to, e.status), ...headers },
    });
  } catch (err) {
    const message = `upstream ${providerName} returned HTTP ${status}: ${text.slice(0, 300)} (${err instanceof Error ? err.message : String(err)})`;
    return jsonResponse(status, clientErrorBody(to, status, redact.text(message)), {
      ...clientErrorHeaders(to, status),
      ...headers,
    });
  }
}
