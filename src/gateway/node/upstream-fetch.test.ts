import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { responseBody, type UpstreamInit } from '../upstream-fetch.js';
import { createNodeUpstreamFetch } from './upstream-fetch.js';

let server: Server | undefined;
let connections = 0;

async function listen(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  connections = 0;
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  const s = server;
  server = undefined;
  if (s) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

const init = (body = '{}', signal = new AbortController().signal): UpstreamInit => ({
  method: 'POST',
  headers: new Headers({ 'content-type': 'application/json', 'x-api-key': 'k' }),
  body: new TextEncoder().encode(body),
  signal,
});

async function readAll(stream: ReadableStream<Uint8Array> | null): Promise<string> {
  return stream ? new Response(stream).text() : '';
}

describe('createNodeUpstreamFetch', () => {
  it('sends method, headers and body, and streams the answer back as a web Response', async () => {
    const seen: { method?: string; key?: string; length?: string; body?: string } = {};
    const url = await listen((req, res, body) => {
      Object.assign(seen, {
        method: req.method,
        key: req.headers['x-api-key'],
        length: req.headers['content-length'],
        body,
      });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'retry-after': '3' });
      res.write('data: 1\n\n');
      setTimeout(() => res.end('data: 2\n\n'), 5);
    });
    const res = await createNodeUpstreamFetch()(`${url}/v1/messages`, init('{"a":1}'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await readAll(responseBody(res))).toBe('data: 1\n\ndata: 2\n\n');
    expect(seen).toEqual({ method: 'POST', key: 'k', length: '7', body: '{"a":1}' });
  });

  it('reuses one keep-alive connection for consecutive requests, also after a reader cancelled at the last event', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: message_stop\n\n');
      // the end of the chunked body comes a little later, as it does when the terminal event is read
      setTimeout(() => res.end(), 10);
    });
    const f = createNodeUpstreamFetch();
    for (let i = 0; i < 3; i++) {
      const res = await f(url, init());
      const reader = (responseBody(res) as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toBe('event: message_stop\n\n');
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(connections).toBe(1);
  });

  it('rejects like fetch when nothing listens: TypeError "fetch failed" with the socket error as cause', async () => {
    const url = await listen(() => {});
    const s = server;
    server = undefined;
    await new Promise<void>((r) => s?.close(() => r()));
    const e = await createNodeUpstreamFetch()(url, init()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toBe('fetch failed');
    expect(String(((e as Error).cause as Error).message)).toContain('ECONNREFUSED');
  });

  it('an abort before the answer rejects with the signal reason and drops the request', async () => {
    let closed = false;
    const url = await listen((req) => {
      req.socket.on('close', () => {
        closed = true;
      });
    });
    const abort = new AbortController();
    const pending = createNodeUpstreamFetch()(url, init('{}', abort.signal));
    await new Promise((r) => setTimeout(r, 20));
    const reason = new Error('client disconnected');
    abort.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);
  });

  it('an abort mid-body errors the body stream', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
    });
    const abort = new AbortController();
    const res = await createNodeUpstreamFetch()(url, init('{}', abort.signal));
    const reader = (responseBody(res) as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    abort.abort(new Error('stream ended'));
    await expect(reader.read()).rejects.toBeDefined();
  });

  it('a connection that closes before the body is complete errors the body stream', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: 1\n\n');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    const res = await createNodeUpstreamFetch()(url, init());
    await expect(readAll(responseBody(res))).rejects.toBeDefined();
  });

  it('a 204 has no body; an error status keeps its body', async () => {
    const url = await listen((req, res) => {
      if (req.url === '/none') {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end('{"error":"slow down"}');
      }
    });
    const f = createNodeUpstreamFetch();
    const none = await f(`${url}/none`, init());
    expect(none.status).toBe(204);
    expect(responseBody(none)).toBeNull();
    const limited = await f(`${url}/limited`, init());
    expect(limited.status).toBe(429);
    expect(limited.ok).toBe(false);
    expect(await limited.text()).toBe('{"error":"slow down"}');
  });
});
