import { describe, expect, it } from 'vitest';
import { messageStart } from '../../test/support/anthropic-events.js';
import { encodeAnthropicEvent } from '../formats/anthropic-messages/codec.js';
import { encodeOpenAIEvent } from '../formats/openai-chat/codec.js';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';
import { serveFetch, serveGateway } from './node/serve.js';

const enc = new TextEncoder();

function chunk(delta: Record<string, unknown>, finish: string | null = null) {
  return {
    id: 'chatcmpl-up',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'gpt-4o',
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  };
}

const OPENAI_STREAM = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Hel' }),
  chunk({ content: 'lo' }),
  chunk({}, 'stop'),
  '[DONE]',
];

const ANTHROPIC_STREAM: Record<string, unknown>[] = [
  messageStart({ input_tokens: 5, output_tokens: 1 }, 'msg_up'),
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
  { type: 'message_stop' },
];

/** An SSE body that sends `parts` with a pause between them; then ends, or hangs when `hang`. */
function sse(parts: string[], opts: { hang?: boolean; onCancel?: () => void } = {}): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      await new Promise((r) => setTimeout(r, 2));
      if (i < parts.length) c.enqueue(enc.encode(parts[i++]!));
      else if (!opts.hang) c.close();
      else await new Promise(() => {}); // never resolves: a stalled upstream
    },
    cancel() {
      opts.onCancel?.();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

function config(fetch: GatewayConfig['fetch'], extra: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    providers: {
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: 'sk' },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'ak' },
    },
    fetch,
    log: () => {},
    ...extra,
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', ...headers },
    body: JSON.stringify(body),
  });
}

/** The `data:` payloads of an SSE text, parsed (strings kept for `[DONE]`). */
function dataOf(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => {
      const d = l.slice(6);
      return d === '[DONE]' ? d : JSON.parse(d);
    });
}

const anthropicStreamReq = {
  model: '@openai/gpt-4o',
  max_tokens: 64,
  stream: true,
  messages: [{ role: 'user', content: 'Hi' }],
};
const openaiStreamReq = { model: '@anthropic/claude-x', stream: true, messages: [{ role: 'user', content: 'Hi' }] };

describe('gateway streams', () => {
  it('Anthropic client, OpenAI upstream: named events in Anthropic grammar', async () => {
    const gw = createGateway(config(async () => sse(OPENAI_STREAM.map(encodeOpenAIEvent))));
    const res = await gw.fetch(post('/v1/messages', anthropicStreamReq));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    const types = dataOf(text).map((e) => (e as { type: string }).type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(text).toContain('event: message_start\n');
    const deltas = dataOf(text).filter((e) => (e as { type: string }).type === 'content_block_delta');
    expect(deltas.map((d) => (d as { delta: { text: string } }).delta.text).join('')).toBe('Hello');
  });

  it('OpenAI client, Anthropic upstream: chunks then [DONE]', async () => {
    const gw = createGateway(config(async () => sse(ANTHROPIC_STREAM.map(encodeAnthropicEvent))));
    const res = await gw.fetch(post('/v1/chat/completions', openaiStreamReq, { authorization: 'Bearer k' }));
    const events = dataOf(await res.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1) as {
      id: string;
      choices: { delta: { content?: string }; finish_reason: string | null }[];
    }[];
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hi');
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('a mid-stream upstream error reaches the client as its own error event', async () => {
    const parts = [
      encodeOpenAIEvent(OPENAI_STREAM[0]),
      encodeOpenAIEvent(OPENAI_STREAM[1]),
      encodeOpenAIEvent({ error: { message: 'boom upstream', type: 'server_error', param: null, code: null } }),
    ];
    const gw = createGateway(config(async () => sse(parts)));
    const text = await (await gw.fetch(post('/v1/messages', anthropicStreamReq))).text();
    const events = dataOf(text) as { type: string; error?: { message: string } }[];
    const last = events.at(-1)!;
    expect(last.type).toBe('error');
    expect(last.error?.message).toContain('boom upstream');
    expect(text).toContain('event: error\n');
    expect(events.some((e) => e.type === 'message_stop')).toBe(false);
  });

  it('an idle upstream stream is aborted after the idle timeout with an error event', async () => {
    let cancelled = false;
    const gw = createGateway(
      config(
        async () => sse([encodeOpenAIEvent(OPENAI_STREAM[0])], { hang: true, onCancel: () => (cancelled = true) }),
        { idleTimeoutMs: 150 },
      ),
    );
    const t0 = Date.now();
    const text = await (await gw.fetch(post('/v1/messages', anthropicStreamReq))).text();
    expect(Date.now() - t0).toBeLessThan(5000);
    const last = dataOf(text).at(-1) as { type: string; error: { message: string } };
    expect(last.type).toBe('error');
    expect(last.error.message).toMatch(/sent nothing for 150 ms/);
    expect(cancelled).toBe(true);
  });

  it('backpressure: a client that stops reading stops the reading of the upstream', async () => {
    let pulls = 0;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulls++;
            c.enqueue(
              enc.encode(encodeOpenAIEvent(pulls === 1 ? OPENAI_STREAM[0] : chunk({ content: 'x'.repeat(100) }))),
            );
          },
        }),
        { headers: { 'content-type': 'text/event-stream' } },
      );
    for (const model of ['@openai/gpt-4o', '@anthropic/claude-x']) {
      pulls = 0;
      const gw = createGateway(config(async () => endless()));
      const res = await gw.fetch(
        post(model.startsWith('@openai') ? '/v1/messages' : '/v1/chat/completions', { ...anthropicStreamReq, model }),
      );
      const reader = res.body!.getReader();
      await reader.read();
      await reader.read();
      await new Promise((r) => setTimeout(r, 100));
      // an endless upstream: without backpressure the gateway would have pulled thousands of chunks by now
      expect(pulls).toBeLessThan(20);
      await reader.cancel();
    }
  });

  it('an idle same-format stream also ends with the client error event', async () => {
    const gw = createGateway(
      config(async () => sse([encodeAnthropicEvent(ANTHROPIC_STREAM[0]!)], { hang: true }), { idleTimeoutMs: 100 }),
    );
    const text = await (
      await gw.fetch(post('/v1/messages', { ...anthropicStreamReq, model: '@anthropic/claude-x' }))
    ).text();
    expect(text.startsWith(encodeAnthropicEvent(ANTHROPIC_STREAM[0]!))).toBe(true);
    const last = dataOf(text).at(-1) as { type: string; error: { type: string; message: string } };
    expect(last.type).toBe('error');
    expect(last.error.message).toMatch(/sent nothing for 100 ms/);
  });

  it('same-format stream passes the upstream bytes through unchanged', async () => {
    const parts = ANTHROPIC_STREAM.map(encodeAnthropicEvent);
    const gw = createGateway(config(async () => sse(parts)));
    const res = await gw.fetch(post('/v1/messages', { ...anthropicStreamReq, model: '@anthropic/claude-x' }));
    expect(await res.text()).toBe(parts.join(''));
  });

  it('a client disconnect aborts the upstream request (loopback)', async () => {
    let upstreamAborted: () => void = () => {};
    const aborted = new Promise<void>((r) => (upstreamAborted = r));
    // a real loopback upstream that streams forever, slowly
    const upstream = await serveFetch(async (req) => {
      req.signal.addEventListener('abort', () => upstreamAborted());
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(c) {
          await new Promise((r) => setTimeout(r, 20));
          c.enqueue(enc.encode(encodeOpenAIEvent(n++ === 0 ? OPENAI_STREAM[0] : chunk({ content: 'x' }))));
        },
        cancel: () => upstreamAborted(),
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const gw = await serveGateway(
      createGateway({
        providers: { openai: { format: 'openai-chat', baseUrl: `${upstream.url}/v1`, apiKey: 'sk' } },
        log: () => {},
      }),
    );
    try {
      const client = new AbortController();
      const res = await fetch(`${gw.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
        body: JSON.stringify(anthropicStreamReq),
        signal: client.signal,
      });
      const reader = res.body!.getReader();
      await reader.read();
      client.abort();
      const outcome = await Promise.race([
        aborted.then(() => 'aborted'),
        new Promise((r) => setTimeout(() => r('timeout'), 5000)),
      ]);
      expect(outcome).toBe('aborted');
    } finally {
      await gw.close();
      await upstream.close();
    }
  });
});
