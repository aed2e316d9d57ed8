/**
 * The node:http adapter (serve.ts) over real sockets: request targets and Host, keep-alive, content-length and
 * streaming, the headers, body and write timeouts, the connection cap, clients that go away mid-upload, bodies
 * that fail mid-stream.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayConfig } from '../config.js';
import { createGateway } from '../create-gateway.js';
import { type Served, serveFetch, serveGateway } from './serve.js';

const enc = new TextEncoder();
let served: Served[] = [];
afterEach(async () => {
  for (const s of served) await s.close();
  served = [];
});

const OK_CHAT = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
};

async function gateway(extra: Partial<GatewayConfig> = {}, upstream?: (req: Request) => Promise<Response>) {
  const logs: { event?: string }[] = [];
  const g = createGateway({
    providers: { openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: 'sk-up' } },
    fetch: upstream ?? (async () => Response.json(OK_CHAT)),
    log: (e) => logs.push(e as { event?: string }),
    ...extra,
  });
  const s = await serveGateway(g);
  served.push(s);
  return { ...s, logs };
}

/** A raw connection: what it received, and whether (and when) the server closed it. */
interface Raw {
  socket: Socket;
  text: () => string;
  closed: Promise<number>;
}

function open(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const t0 = Date.now();
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      data += d;
    });
    socket.on('error', () => {});
    const closed = new Promise<number>((done) => socket.once('close', () => done(Date.now() - t0)));
    socket.once('connect', () => resolve({ socket, text: () => data, closed }));
    socket.once('error', reject);
  });
}

const BODY = JSON.stringify({ model: '@openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
const post = (path: string, host: string, body = BODY) =>
  `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

async function until(check: () => boolean, ms = 3_000): Promise<boolean> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

describe('request targets and Host', () => {
  it('origin-form on the Host header; absolute-form judged by its own host (served only when allowed)', async () => {
    const g = await gateway();
    const c = await open(g.port);
    c.socket.write(post('http://attacker.example/v1/chat/completions', `127.0.0.1:${g.port}`));
    expect(await until(() => c.text().includes('\r\n\r\n{'))).toBe(true);
    expect(c.text()).toMatch(/^HTTP\/1\.1 403/);
    c.socket.destroy();
    const d = await open(g.port);
    d.socket.write(post(`http://localhost:${g.port}/v1/chat/completions`, 'ignored.example'));
    expect(await until(() => d.text().includes('"chatcmpl-1"'))).toBe(true);
    expect(d.text()).toMatch(/^HTTP\/1\.1 200/);
    d.socket.destroy();
  });

  it('a Host header that is not host[:port] is a 400 (it would change how the URL parses)', async () => {
    const g = await gateway();
    for (const host of ['evil.example@127.0.0.1', 'a b', '127.0.0.1/x']) {
      const c = await open(g.port);
      c.socket.write(post('/v1/chat/completions', host));
      await c.closed;
      expect(c.text(), host).toMatch(/^HTTP\/1\.1 400/);
    }
  });
});

describe('responses', () => {
  it('keep-alive: two requests on one connection; a complete body goes with content-length; HEAD has none', async () => {
    const g = await gateway();
    const c = await open(g.port);
    c.socket.write(post('/v1/chat/completions', 'localhost'));
    expect(await until(() => c.text().includes('"chatcmpl-1"'))).toBe(true);
    c.socket.write(`HEAD /health HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(await until(() => (c.text().match(/HTTP\/1\.1 200/g) ?? []).length === 2)).toBe(true);
    const [first, second] = c.text().split(/(?=HTTP\/1\.1 )/);
    expect(first).toMatch(/content-length: \d+/i);
    expect(first).not.toMatch(/transfer-encoding/i);
    expect(second?.split('\r\n\r\n')[1]).toBe('');
    expect(c.socket.destroyed).toBe(false);
    c.socket.destroy();
  });

  it('a stream: headers at once, chunks as they come, a chunk read only when the socket took the last', async () => {
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const s = await serveFetch(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(c) {
              await gate;
              c.enqueue(enc.encode('data: 1\n\n'));
              c.close();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    served.push(s);
    const res = await fetch(`${s.url}/`);
    // the headers arrived before the body had anything
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    release();
    expect(await res.text()).toBe('data: 1\n\n');
  });

  it('a body that fails after the headers closes the connection: the client sees a cut response, not a clean end', async () => {
    const s = await serveFetch(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async pull(c) {
              c.enqueue(enc.encode('data: 1\n\n'));
              await new Promise((r) => setTimeout(r, 20));
              c.error(new Error('broken'));
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    served.push(s);
    const res = await fetch(`${s.url}/`);
    await expect(res.text()).rejects.toThrow();
  });

  it('a handler that throws, or a body that fails before anything was sent: 500', async () => {
    const s = await serveFetch(async (req) => {
      if (req.url.endsWith('/throw')) throw new Error('bug');
      return new Response(new ReadableStream({ pull: (c) => c.error(new Error('broken')) }));
    });
    served.push(s);
    expect((await fetch(`${s.url}/throw`)).status).toBe(500);
    expect((await fetch(`${s.url}/fail`)).status).toBe(500);
  });
});

describe('slow and absent clients', () => {
  it('request headers that do not arrive within headersTimeoutMs: the connection is closed', async () => {
    const g = await gateway({ headersTimeoutMs: 200 });
    const c = await open(g.port);
    c.socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n');
    const ms = await c.closed;
    expect(ms).toBeLessThan(2_000);
    expect(c.text()).toMatch(/^HTTP\/1\.1 408|^$/);
  });

  it('a body trickled past bodyTimeoutMs: 408 in the caller format, and the connection closes', async () => {
    const g = await gateway({ bodyTimeoutMs: 300 });
    for (const chunked of [false, true]) {
      const c = await open(g.port);
      c.socket.write(
        `POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : 'Content-Length: 1000'}\r\n\r\n`,
      );
      const trickle = setInterval(() => c.socket.write(chunked ? '1\r\n{\r\n' : '{'), 100);
      const ms = await c.closed;
      clearInterval(trickle);
      expect(ms).toBeLessThan(3_000);
      expect(c.text()).toMatch(/^HTTP\/1\.1 408/);
      expect(c.text()).toContain('"type":"error"');
      expect(c.text()).toContain('did not arrive within 300 ms');
    }
    expect(g.logs.filter((e) => e.event === 'internal_error')).toEqual([]);
  });

  it('a client that stops reading a stream is dropped after writeTimeoutMs, and the upstream is cancelled', async () => {
    let cancelled = false;
    const piece = enc.encode(
      `data: ${JSON.stringify({ ...OK_CHAT, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'x'.repeat(16_000) }, finish_reason: null }] })}\n\n`,
    );
    const g = await gateway(
      { writeTimeoutMs: 300, idleTimeoutMs: 60_000 },
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull: (c) => c.enqueue(piece),
            cancel: () => {
              cancelled = true;
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const c = await open(g.port);
    c.socket.write(post('/v1/chat/completions', 'localhost', JSON.stringify({ ...JSON.parse(BODY), stream: true })));
    expect(await until(() => c.text().includes('data: '))).toBe(true);
    c.socket.pause();
    const t0 = Date.now();
    // without the write timeout the upstream would be held as long as the client keeps the connection open
    expect(await until(() => cancelled, 10_000)).toBe(true);
    // the kernel's socket buffers fill first (a few MB on loopback), then 300 ms without progress
    expect(Date.now() - t0).toBeLessThan(5_000);
    c.socket.destroy();
  });

  it('a client that goes away mid-upload: no internal error, nothing sent upstream', async () => {
    let upstreamCalls = 0;
    const g = await gateway({}, async () => {
      upstreamCalls++;
      return Response.json(OK_CHAT);
    });
    for (const framing of ['Content-Length: 5000', 'Transfer-Encoding: chunked']) {
      const c = await open(g.port);
      c.socket.write(
        `POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`,
      );
      c.socket.write(framing.startsWith('Content') ? '{"model":' : '9\r\n{"model":\r\n');
      await new Promise((r) => setTimeout(r, 50));
      c.socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(g.logs.filter((e) => e.event === 'internal_error')).toEqual([]);
    expect(upstreamCalls).toBe(0);
  });

  it('past maxConnections, new connections are closed as they arrive', async () => {
    const g = await gateway({ maxConnections: 2 });
    const a = await open(g.port);
    const b = await open(g.port);
    const c = await open(g.port);
    expect(
      await Promise.race([c.closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 1_000))]),
    ).toBe('closed');
    a.socket.write(post('/v1/chat/completions', 'localhost'));
    expect(await until(() => a.text().includes('"chatcmpl-1"'))).toBe(true);
    a.socket.destroy();
    b.socket.destroy();
    // room again
    await until(() => false, 100);
    const d = await open(g.port);
    d.socket.write(post('/v1/chat/completions', 'localhost'));
    expect(await until(() => d.text().includes('"chatcmpl-1"'))).toBe(true);
    d.socket.destroy();
  });
});
