import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../create-gateway.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from '../limits.js';
import { nodeRequest, realRequest } from './node-request.js';

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions extends Partial<ServerLimits> {
  /** default: a free port */
  port?: number;
  /** default 127.0.0.1 */
  hostname?: string;
}

/** After a response to a request whose body did not all arrive: how long and how much more is read and dropped. */
const DISCARD_MS = 1_000;
const DISCARD_BYTES = 4 * 1024 * 1024;

/** `host[:port]`, `[v6]:port`: anything else in a Host header is refused (it would change how the URL parses). */
const HOST = /^(?:[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/** Responses to these statuses have no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'AbortError';
  }
}

/**
 * The URL of a request: origin-form targets (`/v1/messages`) on the Host header's authority; absolute-form targets
 * (`http://host/v1/messages`) as they are, so the gateway's Host allow-list judges their host (RFC 9112 §3.2.2:
 * the target's authority replaces Host). Undefined for anything else (authority-form, `*`, a malformed Host).
 */
function requestUrl(req: IncomingMessage): string | undefined {
  const target = req.url ?? '/';
  if (target.startsWith('/')) {
    const host = req.headers.host ?? req.socket.localAddress;
    if (host === undefined) return undefined;
    const authority = req.headers.host === undefined && host.includes(':') ? `[${host}]` : host;
    return HOST.test(authority) ? `http://${authority}${target}` : undefined;
  }
  if (/^https?:\/\//i.test(target)) return URL.canParse(target) ? target : undefined;
  return undefined;
}

/** Response headers for `writeHead` (repeated `set-cookie` kept apart). */
function outgoingHeaders(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of headers) {
    if (k === 'set-cookie') out[k] = headers.getSetCookie();
    else out[k] = v;
  }
  return out;
}

/** `p`'s value if it is already settled (after a microtask), else undefined. */
function settledNow<T>(p: Promise<T>): Promise<T | undefined> {
  return Promise.race([p, Promise.resolve().then(() => undefined)]);
}

/** Waits until `res` can take more (true), or the client is gone or `ms` passed without it (false). */
function drained(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Writes a web `Response` to `res`. A body that is complete at once goes out with `content-length`; any other is
 * streamed (chunked) as it is read, one chunk at a time: a chunk is read only when the socket took the last one
 * (backpressure reaches the gateway's upstream). A client that takes nothing for `writeTimeoutMs` while a chunk
 * waits, or goes away, gets its connection closed and the body cancelled (the gateway aborts its upstream). A body
 * that fails after the headers closes the connection (the client sees a cut response, not a clean end).
 */
async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse, writeTimeoutMs: number) {
  const status = response.status;
  const headers = outgoingHeaders(response.headers);
  const body = response.body;
  if (!body || req.method === 'HEAD' || NULL_BODY.has(status)) {
    res.writeHead(status, headers).end();
    await body?.cancel().catch(() => {});
    return;
  }
  const reader = body.getReader();
  let finished = false;
  const onClose = () => {
    if (!finished) reader.cancel(new ClientGone()).catch(() => {});
  };
  res.once('close', onClose);
  try {
    let next = reader.read();
    const first = await settledNow(next);
    if (first !== undefined) {
      if (first.done) {
        finished = true;
        res.writeHead(status, { ...headers, 'content-length': '0' }).end();
        return;
      }
      next = reader.read();
      const second = await settledNow(next);
      if (second?.done) {
        finished = true;
        res.writeHead(status, { ...headers, 'content-length': String(first.value.byteLength) }).end(first.value);
        return;
      }
      res.writeHead(status, headers);
      if (!res.write(first.value) && !(await drained(res, writeTimeoutMs))) throw new Error('client stopped reading');
    } else {
      // nothing to send yet (a stream waiting on its upstream): the headers go now
      res.writeHead(status, headers);
      res.flushHeaders();
    }
    for (;;) {
      const r = await next;
      if (r.done) break;
      if (res.destroyed) return;
      if (!res.write(r.value) && !(await drained(res, writeTimeoutMs))) throw new Error('client stopped reading');
      next = reader.read();
    }
    finished = true;
    res.end();
  } catch (e) {
    finished = true;
    reader.cancel(e).catch(() => {});
    if (!res.headersSent) {
      res.writeHead(500, { 'content-type': 'text/plain', connection: 'close' }).end('internal error\n');
    } else res.destroy();
  } finally {
    res.off('close', onClose);
  }
}

/** After the response: a request body still arriving is read and dropped for a moment, then the connection closes. */
function discardRest(req: IncomingMessage): void {
  if (req.complete || req.destroyed) return;
  let left = DISCARD_BYTES;
  const close = () => req.socket.destroy();
  const timer = setTimeout(close, DISCARD_MS);
  req.removeAllListeners('readable');
  req.on('data', (chunk: Buffer) => {
    left -= chunk.byteLength;
    if (left < 0) close();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/**
 * Serve a web-standard handler over node:http (default: 127.0.0.1, a free port): our own adapter, no framework.
 * Limits (`ServerLimits`, defaults in `DEFAULT_SERVER_LIMITS`): request headers within `headersTimeoutMs`, idle
 * keep-alive connections closed after `keepAliveTimeoutMs`, at most `maxConnections` open connections (more are
 * closed as they come), a client that takes no response bytes for `writeTimeoutMs` is dropped.
 */
export function serveFetch(handler: (req: Request) => Promise<Response>, opts: ServeOptions = {}): Promise<Served> {
  return serve(handler, opts, realRequest);
}

/** The request a handler gets: a real `Request`, or the lighter `NodeRequest` for a handler that only reads it. */
type MakeRequest = (req: IncomingMessage, url: string, signal: AbortSignal, closedBeforeEnd: () => Error) => Request;

function serve(
  handler: (req: Request) => Promise<Response>,
  opts: ServeOptions,
  makeRequest: MakeRequest,
): Promise<Served> {
  const hostname = opts.hostname ?? '127.0.0.1';
  const limits: ServerLimits = {
    headersTimeoutMs: opts.headersTimeoutMs ?? DEFAULT_SERVER_LIMITS.headersTimeoutMs,
    keepAliveTimeoutMs: opts.keepAliveTimeoutMs ?? DEFAULT_SERVER_LIMITS.keepAliveTimeoutMs,
    writeTimeoutMs: opts.writeTimeoutMs ?? DEFAULT_SERVER_LIMITS.writeTimeoutMs,
    maxConnections: opts.maxConnections ?? DEFAULT_SERVER_LIMITS.maxConnections,
  };
  const server = createServer(
    {
      // how often node checks the headers timeout: often enough to keep it
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
      headersTimeout: limits.headersTimeoutMs,
      // (the body has its own timeout in the gateway, `bodyTimeoutMs`, answered in the caller's format; node's
      // `requestTimeout`, 300 s, stays as a backstop for handlers that never read a body)
    },
    (req, res) => {
      const url = requestUrl(req);
      if (url === undefined) {
        res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('bad request target or Host\n');
        return;
      }
      const abort = new AbortController();
      const request = makeRequest(req, url, abort.signal, () => new ClientGone());
      res.once('close', () => {
        if (!res.writableFinished) abort.abort(new ClientGone());
        // undici links `request.signal` to `abort.signal` through a WeakRef: this listener keeps the Request
        // reachable until the exchange is over, so a collected Request cannot miss the client going away
        void request;
      });
      res.once('finish', () => discardRest(req));
      Promise.resolve()
        .then(() => handler(request))
        .catch(() => new Response('internal error\n', { status: 500, headers: { 'content-type': 'text/plain' } }))
        .then((response) => writeResponse(response, req, res, limits.writeTimeoutMs))
        .catch(() => res.destroy());
    },
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, hostname, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            // end idle keep-alive sockets too, so close() does not wait for them
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/**
 * Serve a gateway over node:http, with the gateway's server limits (its config) unless `opts` names others. The
 * gateway gets each request as a `NodeRequest` (it only reads its requests; `node-request.ts`).
 */
export function serveGateway(gateway: Gateway, opts: ServeOptions = {}): Promise<Served> {
  return serve((req) => gateway.fetch(req), { ...gateway.serverLimits, ...opts }, nodeRequest);
}
