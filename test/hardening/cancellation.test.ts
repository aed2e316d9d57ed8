/**
 * Cancellation: a client that goes away (abort mid-stream, or before the response headers) makes the gateway
 * abort its upstream request, so the upstream connection is released; nothing is left rejecting unhandled.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anthropicRequest,
  CLIENT_KEY,
  openaiRequest,
  post,
  type Stack,
  startStack,
  type Watch,
  waitFor,
  watchHandler,
} from './stack.js';

const watches: Record<'anthropic' | 'openai', Watch> = {
  anthropic: { started: 0, aborted: 0, bodiesCompleted: 0, bodiesCancelled: 0, bytesSent: 0 },
  openai: { started: 0, aborted: 0, bodiesCompleted: 0, bodiesCancelled: 0, bytesSent: 0 },
};
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let stack: Stack;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  // a long answer in small deltas, and an idle timeout far longer than any test: only the abort can end things
  stack = await startStack({ chunkSize: 1, idleTimeoutMs: 20_000, wrap: (name, h) => watchHandler(h, watches[name]) });
});
afterAll(async () => {
  await stack?.close();
  await new Promise((r) => setTimeout(r, 50));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function snapshot(name: 'anthropic' | 'openai'): Watch {
  return { ...watches[name] };
}

/** Read `n` chunks of a response body, then abort the request. */
async function readThenAbort(res: Response, abort: AbortController, n: number): Promise<void> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  for (let i = 0; i < n; i++) await reader.read();
  abort.abort();
  await reader.read().catch(() => undefined);
}

/** A long prompt: the scripted model echoes it back, so the answer is many thousand one-character deltas. */
const LONG = { messages: [{ role: 'user', content: 'lighthouse '.repeat(20_000) }] };

const cases: [string, string, (m: string) => unknown, 'anthropic' | 'openai', string][] = [
  [
    'Anthropic client -> OpenAI upstream',
    '/v1/messages',
    (m) => anthropicRequest(m, { stream: true, max_tokens: 64_000, ...LONG }),
    'openai',
    '@openai/gpt-4o',
  ],
  [
    'OpenAI client -> Anthropic upstream',
    '/v1/chat/completions',
    (m) => openaiRequest(m, { stream: true, max_completion_tokens: 64_000, ...LONG }),
    'anthropic',
    '@anthropic/claude-x',
  ],
  [
    'Anthropic client -> Anthropic upstream (pass-through)',
    '/v1/messages',
    (m) => anthropicRequest(m, { stream: true, max_tokens: 64_000, ...LONG }),
    'anthropic',
    '@anthropic/claude-x',
  ],
  [
    'OpenAI client -> OpenAI upstream (pass-through)',
    '/v1/chat/completions',
    (m) => openaiRequest(m, { stream: true, max_completion_tokens: 64_000, ...LONG }),
    'openai',
    '@openai/gpt-4o',
  ],
];

describe.each(cases)('%s', (_name, path, body, upstream, model) => {
  it('a client abort mid-stream aborts the upstream request and cancels its body', async () => {
    const before = snapshot(upstream);
    const abort = new AbortController();
    const res = await post(`${stack.url}${path}`, body(model), {}, abort.signal);
    expect(res.status).toBe(200);
    await readThenAbort(res, abort, 3);
    expect(await waitFor(() => watches[upstream].aborted > before.aborted, 10_000)).toBe(true);
    expect(await waitFor(() => watches[upstream].bodiesCancelled > before.bodiesCancelled, 10_000)).toBe(true);
    expect(watches[upstream].bodiesCompleted).toBe(before.bodiesCompleted);
  });

  it('a client that stops reading holds the upstream back (backpressure; memory bounded)', async () => {
    const before = snapshot(upstream);
    const abort = new AbortController();
    const res = await post(`${stack.url}${path}`, body(model), {}, abort.signal);
    const reader = res.body?.getReader();
    await reader?.read();
    // the whole answer is some 25 MB; a client that reads nothing more must not make the gateway pull it all
    await new Promise((r) => setTimeout(r, 600));
    const pulled = watches[upstream].bytesSent - before.bytesSent;
    abort.abort();
    await reader?.read().catch(() => undefined);
    expect(pulled).toBeLessThan(12 * 1024 * 1024);
    expect(watches[upstream].bodiesCompleted).toBe(before.bodiesCompleted);
  });

  it('a client abort while the upstream stalls mid-stream aborts the upstream', async () => {
    const before = snapshot(upstream);
    (upstream === 'anthropic' ? stack.anthropic : stack.openai).injectFault({ kind: 'stall', afterEvents: 2 });
    const abort = new AbortController();
    const res = await post(`${stack.url}${path}`, body(model), {}, abort.signal);
    await readThenAbort(res, abort, 1);
    expect(await waitFor(() => watches[upstream].aborted > before.aborted, 10_000)).toBe(true);
  });

  it('a client abort before the response headers aborts the upstream request', async () => {
    const before = snapshot(upstream);
    (upstream === 'anthropic' ? stack.anthropic : stack.openai).injectFault({
      kind: 'stall',
      afterEvents: 0,
      ms: 10_000,
    });
    const abort = new AbortController();
    const nonStream = { ...(body(model) as Record<string, unknown>), stream: false };
    const pending = post(`${stack.url}${path}`, nonStream, {}, abort.signal).catch((e: unknown) => e);
    expect(await waitFor(() => watches[upstream].started > before.started, 10_000)).toBe(true);
    abort.abort();
    expect(await pending).toBeInstanceOf(Error);
    expect(await waitFor(() => watches[upstream].aborted > before.aborted, 10_000)).toBe(true);
  });
});

describe('in-process gateway (web-standard fetch, Request.signal)', () => {
  it('aborting the Request.signal handed to gateway.fetch aborts the upstream', async () => {
    const { createGateway } = await import('../../src/gateway/node/create-gateway.js');
    const seen: AbortSignal[] = [];
    const gw = createGateway({
      providers: { openai: { format: 'openai-chat', baseUrl: 'http://upstream.invalid/v1', apiKey: 'k' } },
      log: () => {},
      fetch: async (req) => {
        seen.push(req.signal);
        return new Response(
          new ReadableStream({
            pull: () => new Promise(() => {}),
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      },
    });
    const abort = new AbortController();
    const res = await gw.fetch(
      new Request('http://localhost/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
        body: JSON.stringify(anthropicRequest('@openai/gpt-4o', { stream: true })),
        signal: abort.signal,
      }),
    );
    expect(res.status).toBe(200);
    abort.abort();
    await res.body?.cancel();
    expect(seen[0]?.aborted).toBe(true);
  });
});

describe('official SDK', () => {
  it('Anthropic SDK stream.controller.abort() reaches the OpenAI upstream', async () => {
    const before = snapshot('openai');
    const client = new Anthropic({ apiKey: CLIENT_KEY, baseURL: stack.url, maxRetries: 0 });
    const stream = await client.messages.create({
      ...anthropicRequest('@openai/gpt-4o'),
      ...LONG,
      max_tokens: 64_000,
      stream: true,
    } as Anthropic.MessageCreateParamsStreaming);
    let n = 0;
    try {
      for await (const _ of stream) {
        if (++n === 4) stream.controller.abort();
      }
    } catch {
      // the SDK reports the abort
    }
    expect(await waitFor(() => watches.openai.aborted > before.aborted, 10_000)).toBe(true);
    expect(await waitFor(() => watches.openai.bodiesCancelled > before.bodiesCancelled, 10_000)).toBe(true);
  });
});
