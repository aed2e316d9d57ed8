/**
 * A loopback test stack for the hardening tests: the strict Anthropic and OpenAI mocks (plus any extra
 * handlers) served on 127.0.0.1, and the reference gateway in front of them, served on 127.0.0.1 too.
 */

import { serveOnLoopback } from '../../conformance/mocks/adapters/serve-on-loopback.js';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import type { MockHandler, MockProvider } from '../../conformance/mocks/mock-types.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import type { GatewayConfig, ProviderConfig } from '../../src/gateway/config.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { serveGateway } from '../../src/gateway/node/serve.js';

/** Distinctive fake upstream keys: they must never show up anywhere a client or a log can see. */
export const ANTHROPIC_UPSTREAM_KEY = 'sk-ant-UPSTREAM-SECRET-7f3a9c';
export const OPENAI_UPSTREAM_KEY = 'sk-proj-UPSTREAM-SECRET-b41d2e';
/** The key the clients present to the gateway. */
export const CLIENT_KEY = 'sk-client-CALLER-SECRET-99e0aa';

export interface Stack {
  anthropic: MockProvider;
  openai: MockProvider;
  /** the gateway's base URL (`/v1/messages`, `/v1/chat/completions` below it) */
  url: string;
  /** the mocks' base URLs by name */
  upstreamUrls: Record<string, string>;
  /** everything the gateway logged */
  logs: unknown[];
  close(): Promise<void>;
}

export interface StackOptions {
  idleTimeoutMs?: number;
  maxBodyBytes?: number;
  /** extra upstream handlers, each configured as a provider of the given format */
  extra?: Record<string, { handler: MockHandler; format: ProviderConfig['format']; path?: string }>;
  gateway?: Partial<GatewayConfig>;
  chunkSize?: number;
  /** wrap the Anthropic / OpenAI mock handlers (to observe what reaches them) */
  wrap?: (name: 'anthropic' | 'openai', handler: MockHandler) => MockHandler;
}

/** What a watched upstream saw: requests whose signal aborted, and how their response bodies ended. */
export interface Watch {
  started: number;
  aborted: number;
  bodiesCompleted: number;
  bodiesCancelled: number;
  /** response body bytes the upstream handed out */
  bytesSent: number;
}

/** Wrap a handler to count aborted requests and how the response bodies ended. */
export function watchHandler(handler: MockHandler, watch: Watch): MockHandler {
  return async (req) => {
    watch.started++;
    req.signal.addEventListener('abort', () => watch.aborted++, { once: true });
    const res = await handler(req);
    if (!res.body || res.type === 'error') return res;
    const reader = res.body.getReader();
    let done = false;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(c) {
          const r = await reader.read();
          if (r.done) {
            done = true;
            watch.bodiesCompleted++;
            c.close();
          } else {
            watch.bytesSent += r.value.byteLength;
            c.enqueue(r.value);
          }
        },
        cancel(reason) {
          if (!done) watch.bodiesCancelled++;
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: res.status, headers: res.headers });
  };
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const anthropic = createAnthropicMock({ apiKey: ANTHROPIC_UPSTREAM_KEY, chunkSize: opts.chunkSize });
  const openai = createOpenAIMock({ apiKey: OPENAI_UPSTREAM_KEY, chunkSize: opts.chunkSize });
  const wrap = opts.wrap ?? ((_n, h) => h);
  const handlers: Record<string, MockHandler> = {
    anthropic: wrap('anthropic', anthropic),
    openai: wrap('openai', openai),
  };
  for (const [name, e] of Object.entries(opts.extra ?? {})) handlers[name] = e.handler;
  const mocks = await serveOnLoopback(handlers);
  const logs: unknown[] = [];
  const providers: Record<string, ProviderConfig> = {
    anthropic: { format: 'anthropic-messages', baseUrl: mocks.urls.anthropic ?? '', apiKey: ANTHROPIC_UPSTREAM_KEY },
    openai: { format: 'openai-chat', baseUrl: `${mocks.urls.openai}/v1`, apiKey: OPENAI_UPSTREAM_KEY },
  };
  for (const [name, e] of Object.entries(opts.extra ?? {})) {
    providers[name] = { format: e.format, baseUrl: `${mocks.urls[name]}${e.path ?? ''}`, apiKey: `${name}-key` };
  }
  const gateway = createGateway({
    providers,
    idleTimeoutMs: opts.idleTimeoutMs ?? 2_000,
    maxBodyBytes: opts.maxBodyBytes,
    log: (entry) => logs.push(entry),
    ...opts.gateway,
  });
  const served = await serveGateway(gateway);
  return {
    anthropic,
    openai,
    url: served.url,
    upstreamUrls: mocks.urls,
    logs,
    close: async () => {
      await served.close();
      await mocks.close();
    },
  };
}

/** POST JSON (or raw text) to the gateway. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-api-key': CLIENT_KEY,
      authorization: `Bearer ${CLIENT_KEY}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** The `data:` payloads of an SSE text, parsed (`[DONE]` kept as a string; unparsable data as the raw string). */
export function sseData(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const d = line.slice(line.startsWith('data: ') ? 6 : 5);
    if (d === '[DONE]') out.push(d);
    else {
      try {
        out.push(JSON.parse(d));
      } catch {
        out.push(d);
      }
    }
  }
  return out;
}

export const anthropicRequest = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 256,
  messages: [{ role: 'user', content: 'Tell me a short story about a lighthouse keeper.' }],
  ...extra,
});

export const openaiRequest = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Tell me a short story about a lighthouse keeper.' }],
  ...extra,
});

/** Poll until `check` is true or `ms` pass. */
export async function waitFor(check: () => boolean, ms = 3_000): Promise<boolean> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
