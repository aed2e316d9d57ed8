/**
 * Secrets: API keys never appear in responses (bodies, headers), logs, console output or the conformance
 * reports; upstream credentials come only from the provider config; a client's key goes upstream only to a
 * provider configured with `forwardClientKey`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveOnLoopback } from '../../conformance/mocks/adapters/serve-on-loopback.js';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import { runConformance } from '../../conformance/runner/run-conformance.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { serveGateway } from '../../src/gateway/node/serve.js';
import {
  ANTHROPIC_UPSTREAM_KEY,
  anthropicRequest,
  CLIENT_KEY,
  OPENAI_UPSTREAM_KEY,
  openaiRequest,
  post,
  sseData,
} from './stack.js';

const SECRETS = [ANTHROPIC_UPSTREAM_KEY, OPENAI_UPSTREAM_KEY, CLIENT_KEY];
/** the distinctive middle of each key, so a truncated or partly masked key is caught too */
const FRAGMENTS = ['UPSTREAM-SECRET', 'CALLER-SECRET', '7f3a9c', 'b41d2e', '99e0aa'];

function leaks(text: string): string[] {
  return [...SECRETS, ...FRAGMENTS].filter((f) => text.includes(f));
}

const captured: string[] = [];
let restore: (() => void)[] = [];
let servers: { close(): Promise<void> }[] = [];
/** the gateway under test logs with its default logger (stderr), so the real output is what gets checked */
let gatewayUrl = '';
let anthropic: ReturnType<typeof createAnthropicMock>;
let openai: ReturnType<typeof createOpenAIMock>;
let wrongKeyAnthropic: ReturnType<typeof createAnthropicMock>;
let forwarding: ReturnType<typeof createOpenAIMock>;

beforeAll(async () => {
  const w = process.stderr.write.bind(process.stderr);
  const o = process.stdout.write.bind(process.stdout);
  const spy = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stderr.write = spy as typeof process.stderr.write;
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    spy(chunk);
    return (o as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  restore.push(() => {
    process.stderr.write = w;
    process.stdout.write = o;
  });
  for (const m of ['log', 'error', 'warn', 'info', 'debug'] as const) {
    const s = vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      captured.push(
        args
          .map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a)))
          .join(' '),
      );
    });
    restore.push(() => s.mockRestore());
  }

  anthropic = createAnthropicMock({ apiKey: ANTHROPIC_UPSTREAM_KEY });
  openai = createOpenAIMock({ apiKey: OPENAI_UPSTREAM_KEY });
  wrongKeyAnthropic = createAnthropicMock({ apiKey: 'the-key-it-really-wants' });
  forwarding = createOpenAIMock();
  const mocks = await serveOnLoopback({ anthropic, openai, wrong: wrongKeyAnthropic, forwarding });
  servers.push(mocks);
  const gw = await serveGateway(
    createGateway({
      providers: {
        anthropic: {
          format: 'anthropic-messages',
          baseUrl: mocks.urls.anthropic ?? '',
          apiKey: ANTHROPIC_UPSTREAM_KEY,
        },
        openai: { format: 'openai-chat', baseUrl: `${mocks.urls.openai}/v1`, apiKey: OPENAI_UPSTREAM_KEY },
        wrong: { format: 'anthropic-messages', baseUrl: mocks.urls.wrong ?? '', apiKey: ANTHROPIC_UPSTREAM_KEY },
        nokey: { format: 'openai-chat', baseUrl: `${mocks.urls.forwarding}/v1` },
        forwarding: { format: 'openai-chat', baseUrl: `${mocks.urls.forwarding}/v1`, forwardClientKey: true },
      },
      idleTimeoutMs: 500,
      clientKeys: [CLIENT_KEY],
    }),
  );
  servers.push(gw);
  gatewayUrl = gw.url;
});

afterAll(async () => {
  for (const s of servers) await s.close();
  servers = [];
  for (const r of restore) r();
  restore = [];
});

/** Everything a client can see of a response: status line, headers, body. */
async function visible(res: Response): Promise<string> {
  const headers: string[] = [];
  for (const [k, v] of res.headers) headers.push(`${k}: ${v}`);
  return `${res.status}\n${headers.join('\n')}\n\n${await res.text()}`;
}

const exchanges: [string, () => Promise<Response>][] = [
  [
    'Anthropic client, OpenAI upstream, ok',
    () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/gpt-4o')),
  ],
  [
    'Anthropic client, OpenAI upstream, stream',
    () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/gpt-4o', { stream: true })),
  ],
  [
    'OpenAI client, Anthropic upstream, ok',
    () => post(`${gatewayUrl}/v1/chat/completions`, openaiRequest('@anthropic/claude-x')),
  ],
  [
    'OpenAI client, Anthropic upstream, stream',
    () => post(`${gatewayUrl}/v1/chat/completions`, openaiRequest('@anthropic/claude-x', { stream: true })),
  ],
  [
    'upstream rejects the configured key (401)',
    () => post(`${gatewayUrl}/v1/chat/completions`, openaiRequest('@wrong/claude-x')),
  ],
  [
    'upstream rejects the configured key (401), stream',
    () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@wrong/claude-x', { stream: true })),
  ],
  ['upstream errors 500', () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/mock-error-500'))],
  [
    'upstream resets',
    () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/mock-reset-0', { stream: true })),
  ],
  [
    'upstream drops mid-stream',
    () => post(`${gatewayUrl}/v1/chat/completions`, openaiRequest('@anthropic/mock-reset-3', { stream: true })),
  ],
  [
    'upstream stalls',
    () => post(`${gatewayUrl}/v1/chat/completions`, openaiRequest('@anthropic/mock-stall-3', { stream: true })),
  ],
  [
    'upstream malformed',
    () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/mock-malformed-2', { stream: true })),
  ],
  ['provider with no key', () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@nokey/gpt-4o'))],
  ['bad client input', () => post(`${gatewayUrl}/v1/messages`, { model: '@openai/gpt-4o', messages: 'x' })],
  ['invalid JSON', () => post(`${gatewayUrl}/v1/messages`, '{"model":')],
  ['unknown provider', () => post(`${gatewayUrl}/v1/messages`, anthropicRequest('@nowhere/x'))],
  [
    'wrong client key',
    () =>
      post(`${gatewayUrl}/v1/messages`, anthropicRequest('@openai/gpt-4o'), {
        'x-api-key': `${CLIENT_KEY}-nope`,
        authorization: `Bearer ${CLIENT_KEY}-nope`,
      }),
  ],
];

describe('no key in anything a client or a log sees', () => {
  it.each(exchanges)('%s', async (_name, run) => {
    const text = await visible(await run());
    expect(leaks(text)).toEqual([]);
  });

  it('the gateway log and console output hold no key', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const all = captured.join('\n');
    // the exchanges above made the gateway log (upstream failures at least): the check has something to read
    expect(all).toMatch(/upstream/);
    expect(leaks(all)).toEqual([]);
  });
});

describe('credentials upstream', () => {
  it('each upstream got its configured key and never the client key', () => {
    const seen = [...anthropic.requests, ...openai.requests, ...wrongKeyAnthropic.requests];
    expect(seen.length).toBeGreaterThan(4);
    for (const r of seen) {
      const all = JSON.stringify(r.headers);
      expect(all).not.toContain(CLIENT_KEY);
      if (anthropic.requests.includes(r))
        expect(r.headers['x-api-key'] ?? r.headers.authorization).toContain(ANTHROPIC_UPSTREAM_KEY);
      if (openai.requests.includes(r)) expect(r.headers.authorization).toBe(`Bearer ${OPENAI_UPSTREAM_KEY}`);
      // the OpenAI key never goes to the Anthropic upstream and the other way round
      if (openai.requests.includes(r)) expect(all).not.toContain(ANTHROPIC_UPSTREAM_KEY);
      else expect(all).not.toContain(OPENAI_UPSTREAM_KEY);
    }
  });

  it('a provider without a key sends no credentials (not the client key)', () => {
    const noKey = forwarding.requests.filter(
      (r) => r.headers.authorization === undefined || !r.headers.authorization.includes(CLIENT_KEY),
    );
    expect(noKey.length).toBeGreaterThan(0);
    for (const r of noKey) expect(JSON.stringify(r.headers)).not.toContain('SECRET');
  });

  it('forwardClientKey: the client key goes upstream only to the provider configured to receive it', async () => {
    const before = forwarding.requests.length;
    const res = await post(`${gatewayUrl}/v1/messages`, anthropicRequest('@forwarding/gpt-4o'));
    expect(res.status).toBe(200);
    const r = forwarding.requests[before];
    expect(r?.headers.authorization).toBe(`Bearer ${CLIENT_KEY}`);
  });

  it('stream bodies end with an error, not a key, when the upstream rejects the key', async () => {
    const res = await post(`${gatewayUrl}/v1/messages`, anthropicRequest('@wrong/claude-x', { stream: true }));
    // the gateway's own key was refused: a gateway error, not the client's 401
    expect(res.status).toBe(502);
    const body = await res.text();
    expect(leaks(body)).toEqual([]);
    expect(sseData(body)).toEqual([]);
  });
});

describe('conformance reports', () => {
  it('reports written by the runner hold no key sent with --header', async () => {
    const out = mkdtempSync(join(tmpdir(), 'crosswire-h9-'));
    try {
      const run = await runConformance({
        upstream: 'mocks',
        only: 'error-401',
        out,
        headers: { 'x-api-key': CLIENT_KEY, authorization: `Bearer ${CLIENT_KEY}` },
        timeoutMs: 5_000,
      });
      expect(run.report).toBeDefined();
      const files: string[] = [];
      const walk = (d: string) => {
        for (const f of readdirSync(d)) {
          const p = join(d, f);
          if (statSync(p).isDirectory()) walk(p);
          else files.push(p);
        }
      };
      walk(out);
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        expect(leaks(text), f).toEqual([]);
        expect(text, f).not.toContain('mock-upstream-key');
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
