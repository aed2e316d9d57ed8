import type { GatewayConfig } from './config.js';
import type { GatewayRuntime } from './runtime.js';
import type { UpstreamFetch } from './upstream-fetch.js';

export type UpstreamCall =
  | { ok: true; response: Response; abort: AbortController; done: () => void }
  | {
      ok: false;
      reason: 'client_gone' | 'timeout' | 'connect';
      /** for the client: says what failed, not where (no upstream address or port) */
      message: string;
      /** for the log: the error as the HTTP client put it */
      detail?: string;
    };

/** A system error code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`): says what failed without saying where. */
function errorCode(e: unknown): string | undefined {
  for (let x: unknown = e, i = 0; x instanceof Error && i < 4; x = x.cause, i++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  }
  return undefined;
}

const globalFetch: UpstreamFetch = (url, init) => fetch(url, init as RequestInit);

/**
 * The upstream client of a gateway: `config.fetch` (a web `Request` handler, e.g. mocks in tests) when set,
 * else `config.upstreamFetch` (in Node, `createGateway` of `crosswire/gateway` sets the `node:http` keep-alive
 * client: `node/create-gateway.ts`), else `fetch`.
 */
export function upstreamFetchOf(config: GatewayConfig): UpstreamFetch {
  const handler = config.fetch;
  if (handler) return (url, init) => handler(new Request(url, init as RequestInit));
  return config.upstreamFetch ?? globalFetch;
}

/**
 * POST to the upstream. The upstream request is aborted when the client's request signal aborts
 * (client disconnect) or when no response headers arrive within `headersTimeoutMs`.
 * `done()` detaches the client-signal listener once the exchange is over.
 */
export async function callUpstream(
  fetchFn: UpstreamFetch,
  url: string,
  init: { headers: Headers; body: Uint8Array; clientSignal: AbortSignal; headersTimeoutMs: number },
): Promise<UpstreamCall> {
  const abort = new AbortController();
  const onClientAbort = () => abort.abort(new Error('client disconnected'));
  if (init.clientSignal.aborted) return { ok: false, reason: 'client_gone', message: 'client disconnected' };
  init.clientSignal.addEventListener('abort', onClientAbort, { once: true });
  const done = () => init.clientSignal.removeEventListener('abort', onClientAbort);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort(new Error('upstream response timeout'));
  }, init.headersTimeoutMs);
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: abort.signal,
    });
    return { ok: true, response, abort, done };
  } catch (e) {
    done();
    if (init.clientSignal.aborted) return { ok: false, reason: 'client_gone', message: 'client disconnected' };
    if (timedOut)
      return { ok: false, reason: 'timeout', message: `upstream sent no response within ${init.headersTimeoutMs} ms` };
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    const code = errorCode(e);
    return {
      ok: false,
      reason: 'connect',
      message: `upstream connection failed${code ? ` (${code})` : ''}`,
      detail: `${e instanceof Error ? e.message : String(e)}${cause}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Logs a call that failed before an answer (`upstream_failed`), with the whole error the client does not see. */
export function logFailedCall(
  rt: GatewayRuntime,
  requestId: string,
  provider: string,
  call: Extract<UpstreamCall, { ok: false }>,
): void {
  rt.log({
    event: 'upstream_failed',
    requestId,
    provider,
    reason: call.reason,
    message: call.message,
    detail: call.detail,
  });
}

/** The status a client gets for a call that failed before an answer: 504 timed out, 499 client gone, else 502. */
export function failedCallStatus(reason: 'client_gone' | 'timeout' | 'connect'): number {
  return reason === 'timeout' ? 504 : reason === 'client_gone' ? 499 : 502;
}
