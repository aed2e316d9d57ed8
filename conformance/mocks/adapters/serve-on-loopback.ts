import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { MockHandler } from '../mock-types.js';

export interface LoopbackServers {
  /** base URL per handler name, e.g. `http://127.0.0.1:40123` */
  urls: Record<string, string>;
  /** stops every server, dropping open (also stalled) connections */
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection']);

function toRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    duplex: 'half',
  } as RequestInit);
}

/** Writes `response` to `res`; a `Response.error()` or a body that errors drops the connection (a reset). */
async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (response.type === 'error') {
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value))
        await new Promise<void>((resolve) => {
          // one listener pair per wait, both removed when either fires (else each slow write leaves a 'close' listener)
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
    }
    res.end();
  } catch {
    res.destroy();
  }
}

function serveOne(handler: MockHandler): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const abort = new AbortController();
    const request = toRequest(req, abort.signal);
    // undici links `request.signal` to `abort.signal` through a WeakRef: the listener below keeps the Request
    // reachable until the exchange is over, else a collected Request never sees the client go away
    res.on('close', () => {
      abort.abort();
      void request;
    });
    handler(request)
      .then((response) => writeResponse(response, req, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('mock handler failed');
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

/**
 * Serves each handler on its own 127.0.0.1 port (node:http, so a `reset` fault really drops the TCP connection).
 * Anthropic SDK: `baseURL: urls.anthropic`; OpenAI SDK: `baseURL: urls.openai + '/v1'`.
 */
export async function serveOnLoopback(handlers: Record<string, MockHandler>): Promise<LoopbackServers> {
  const started: Server[] = [];
  const urls: Record<string, string> = {};
  const close = () =>
    Promise.all(
      started.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
          }),
      ),
    ).then(() => undefined);
  try {
    for (const [name, handler] of Object.entries(handlers)) {
      const { server, url } = await serveOne(handler);
      started.push(server);
      urls[name] = url;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { urls, close };
}
