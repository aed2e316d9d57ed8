import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { keepResponseBody, type UpstreamFetch, type UpstreamInit } from '../upstream-fetch.js';
import { incomingBody } from './incoming-body.js';

export type { UpstreamFetch, UpstreamInit };

type Request_ = (url: URL, options: RequestOptions, callback: (res: IncomingMessage) => void) => ClientRequest;
interface Transport {
  request: Request_;
  agent: Agent;
}

/** After a reader cancels an unfinished body: how much more is read to keep the connection (bytes, ms). */
const DRAIN_BYTES = 64 * 1024;
const DRAIN_MS = 1000;

/** How many parsed upstream URLs a client keeps. */
const URL_CACHE = 256;

/** Responses to these statuses have no body (the `Response` constructor refuses one). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Response headers as a `Headers`, from node's raw [name, value, …] list (repeats kept). */
function headersOf(raw: readonly string[]): Headers {
  const h = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) h.append(raw[i] as string, raw[i + 1] as string);
  return h;
}

/**
 * The response body as a web byte stream read from the socket on demand (`incomingBody`), so backpressure
 * reaches the upstream. Cancelling it closes the upstream connection, unless the body is complete or nearly so;
 * a connection that ends before the body is complete errors it.
 */
function socketBody(res: IncomingMessage, req: ClientRequest): ReadableStream<Uint8Array> {
  return incomingBody(res, {
    incomplete: () => new Error('upstream connection closed before the response body was complete'),
    cancel() {
      if (res.complete) {
        // all of the body is in: discard what is buffered, the socket goes back to the pool
        res.resume();
        return;
      }
      // the reader stopped after the last event it needed; what is left is mostly the end of the chunked
      // body: let a little arrive so the connection can be reused, else close it
      let left = DRAIN_BYTES;
      const close = () => {
        res.destroy();
        req.destroy();
      };
      const timer = setTimeout(close, DRAIN_MS);
      res.on('data', (chunk: Buffer) => {
        left -= chunk.byteLength;
        if (left < 0) close();
      });
      res.once('close', () => clearTimeout(timer));
      res.resume();
    },
  });
}

function send(t: Transport, url: URL, init: UpstreamInit): Promise<Response> {
  const { signal } = init;
  return new Promise<Response>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of init.headers) headers[k] = v;
    headers['content-length'] = String(init.body.byteLength);
    let req: ClientRequest | undefined;
    const onAbort = () => {
      const reason = abortError(signal);
      reject(reason);
      req?.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    req = t.request(url, { method: init.method, headers, agent: t.agent }, (res) => {
      // once the body is over, the client signal no longer concerns this exchange
      res.once('close', () => signal.removeEventListener('abort', onAbort));
      const status = res.statusCode ?? 502;
      try {
        const body = NULL_BODY.has(status) ? null : socketBody(res, req as ClientRequest);
        const response = new Response(body, {
          status,
          statusText: res.statusMessage ?? '',
          headers: headersOf(res.rawHeaders),
        });
        if (body) keepResponseBody(response, body);
        else res.resume();
        resolve(response);
      } catch (e) {
        res.destroy();
        reject(new TypeError('fetch failed', { cause: e }));
      }
    });
    // `on`, not `once`: an error after the answer (an abort mid-body) must not go unhandled
    req.on('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      // the shape `fetch` rejects with, so messages read the same whichever client is used
      reject(new TypeError('fetch failed', { cause: e }));
    });
    req.end(init.body);
  });
}

/**
 * An upstream client on `node:http` / `node:https` with keep-alive agents: far less CPU per request than
 * `fetch` (undici) for the gateway's one-POST-and-stream exchanges. Same contract as `fetch(url, init)` for
 * what the gateway uses: a web `Response` whose body is a `ReadableStream`, the request aborted when
 * `init.signal` aborts (also mid-body), connection failures rejected as `TypeError('fetch failed', { cause })`.
 */
export function createNodeUpstreamFetch(opts: { maxSockets?: number } = {}): UpstreamFetch {
  let transports: Promise<{ http: Transport; https: Transport }> | undefined;
  const load = async () => {
    const [http, https] = await Promise.all([import('node:http'), import('node:https')]);
    const agentOptions = {
      keepAlive: true,
      scheduling: 'lifo' as const,
      maxSockets: opts.maxSockets ?? Number.POSITIVE_INFINITY,
    };
    return {
      http: { request: http.request as Request_, agent: new http.Agent(agentOptions) },
      https: { request: https.request as Request_, agent: new https.Agent(agentOptions) },
    };
  };
  let loaded: { http: Transport; https: Transport } | undefined;
  // upstream URLs repeat (one per provider and operation): parse each once
  const urls = new Map<string, URL>();
  return async (url, init) => {
    if (!loaded) {
      transports ??= load();
      loaded = await transports;
    }
    let u = urls.get(url);
    if (!u) {
      u = new URL(url);
      if (urls.size >= URL_CACHE) urls.clear();
      urls.set(url, u);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new TypeError('fetch failed', { cause: new Error(`unsupported protocol ${u.protocol}`) });
    return send(u.protocol === 'https:' ? loaded.https : loaded.http, u, init);
  };
}

/** True where `node:http` is available (Node, and runtimes that provide it under that name). */
export function hasNodeHttp(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}
