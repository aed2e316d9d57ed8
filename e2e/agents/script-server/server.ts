/**
 * The loopback script server: answers one agent run in the agent's own wire format, plays the two-turn script
 * (plan.ts), answers side requests minimally, and records every request with its reply.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicHandler } from './anthropic.js';
import { geminiHandler } from './gemini.js';
import type { AgentFormat, ScriptPlan } from './plan.js';
import { responsesHandler } from './responses.js';
import type { Exchange, FormatHandler, IncomingRequest, Reply, ScriptState } from './types.js';

const HANDLERS: Record<AgentFormat, FormatHandler> = {
  'anthropic-messages': anthropicHandler,
  'openai-responses': responsesHandler,
  gemini: geminiHandler,
};

/** Where an agent is pointed: the origin of a server and the wire format it answers in. */
export interface Target {
  /** `http://127.0.0.1:<port>`, no trailing slash; each agent adds its own path prefix (`/v1`, ...) */
  readonly origin: string;
  readonly format: AgentFormat;
  /** the key the agent sends; the script server accepts any */
  readonly apiKey: string;
}

export interface ScriptServer {
  readonly target: Target;
  readonly exchanges: readonly Exchange[];
  readonly state: ScriptState;
  close(): Promise<void>;
}

export interface ScriptServerOptions {
  readonly format: AgentFormat;
  readonly plan: ScriptPlan;
  /** pause between two SSE events, so that each reaches the client in its own read; default 2 ms */
  readonly eventGapMs?: number;
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(res: ServerResponse, reply: Reply, gapMs: number): Promise<{ contentType: string; body: string }> {
  if ('sse' in reply) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    for (const event of reply.sse) {
      res.write(event);
      if (gapMs > 0) await sleep(gapMs);
    }
    res.end();
    return { contentType: 'text/event-stream', body: reply.sse.join('') };
  }
  const body = JSON.stringify(reply.json);
  res.writeHead(reply.status, { 'content-type': 'application/json' });
  res.end(body);
  return { contentType: 'application/json', body };
}

export async function startScriptServer(options: ScriptServerOptions): Promise<ScriptServer> {
  const handler = HANDLERS[options.format];
  const gapMs = options.eventGapMs ?? 2;
  const exchanges: Exchange[] = [];
  const state: ScriptState = { checks: [] };
  const started = Date.now();
  let seq = 0;

  const server = createServer((req, res) => {
    const n = ++seq;
    const atMs = Date.now() - started;
    void (async () => {
      const text = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers = flatHeaders(req);
      const incoming: IncomingRequest = {
        seq: n,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers,
        json: parseJson(text),
      };
      let reply: Reply;
      try {
        reply = handler.handle(incoming, options.plan, state);
      } catch (error) {
        reply = { kind: 'server-error', status: 500, json: { error: { message: String(error) } } };
      }
      const sent = await send(res, reply, gapMs);
      exchanges.push({
        seq: n,
        atMs,
        method: incoming.method,
        url: req.url ?? '/',
        headers,
        body: incoming.json ?? text,
        kind: reply.kind,
        reply: { status: reply.status, ...sent },
      });
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    target: { origin: `http://127.0.0.1:${port}`, format: options.format, apiKey: 'crosswire-e2e-key' },
    exchanges,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
