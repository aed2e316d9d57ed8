import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnthropicStream } from '../../checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../../checkers/check-openai-chunks.js';
import { createAnthropicMock } from '../anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../openai/create-openai-mock.js';
import { readStreamEvents } from '../read-stream-events.js';
import { type LoopbackServers, serveOnLoopback } from './serve-on-loopback.js';

const anthropicMock = createAnthropicMock({ apiKey: 'test-key', chunkSize: 4 });
const openaiMock = createOpenAIMock({ apiKey: 'test-key', chunkSize: 4 });
let servers: LoopbackServers;

beforeAll(async () => {
  servers = await serveOnLoopback({ anthropic: anthropicMock, openai: openaiMock });
});
afterAll(async () => {
  await servers.close();
});

/** SDK 1.x: `Authorization: Bearer`, `anthropic-version: 2026-10-21` */
const anthropic = () => new Anthropic({ apiKey: 'test-key', baseURL: servers.urls.anthropic, maxRetries: 0 });
/** the SDK 0.x wire style: `x-api-key`, `anthropic-version: 2023-06-01` */
const anthropicV0 = () =>
  new Anthropic({
    apiKey: 'unused',
    baseURL: servers.urls.anthropic,
    maxRetries: 0,
    defaultHeaders: { authorization: null, 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01' },
  });
const openai = () => new OpenAI({ apiKey: 'test-key', baseURL: `${servers.urls.openai}/v1`, maxRetries: 0 });

const userHello = [{ role: 'user' as const, content: 'hi there' }];
const weatherTool = {
  name: 'get_weather',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('serveOnLoopback: the Anthropic SDK against the mock', () => {
  it('serves each handler on its own 127.0.0.1 port', () => {
    expect(servers.urls.anthropic).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(servers.urls.openai).not.toBe(servers.urls.anthropic);
  });

  it('SDK 1.x (Bearer, 2026-10-21): create and stream', async () => {
    const client = anthropic();
    const msg = await client.messages.create({ model: 'claude-test', max_tokens: 50, messages: userHello });
    expect(msg.content).toEqual([{ type: 'text', text: 'echo: hi there' }]);
    expect(msg.stop_reason).toBe('end_turn');
    const texts: string[] = [];
    const stream = client.messages.stream({ model: 'claude-test', max_tokens: 50, messages: userHello });
    stream.on('text', (t) => texts.push(t));
    const final = await stream.finalMessage();
    expect(texts).toEqual(['echo', ': hi', ' the', 're']);
    expect(final.content).toMatchObject([{ type: 'text', text: 'echo: hi there' }]);
    expect(final.usage).toMatchObject({ input_tokens: 2, output_tokens: 3 });
    const seen = anthropicMock.requests.at(-1);
    expect(seen?.headers.authorization).toBe('Bearer test-key');
    expect(seen?.headers['anthropic-version']).toBe('2026-10-21');
  });

  it('SDK 0.x wire style (x-api-key, 2023-06-01) with temperature', async () => {
    const msg = await anthropicV0().messages.create({
      model: 'claude-test',
      max_tokens: 50,
      messages: userHello,
      temperature: 0.2,
    } as Anthropic.MessageCreateParamsNonStreaming);
    expect(msg.content).toEqual([{ type: 'text', text: 'echo: hi there' }]);
    const seen = anthropicMock.requests.at(-1);
    expect(seen?.headers['x-api-key']).toBe('test-key');
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('streams signed thinking and text that the SDK accumulates (a forced tool call is not allowed with thinking)', async () => {
    const body = {
      model: 'claude-test',
      max_tokens: 4000,
      thinking: { type: 'enabled' as const, budget_tokens: 1024 },
      tools: [weatherTool],
      messages: userHello,
    };
    const final = await anthropic().messages.stream(body).finalMessage();
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const [thinking] = final.content;
    expect(thinking?.type === 'thinking' && thinking.signature.length > 0).toBe(true);
    const forced = anthropic()
      .messages.stream({ ...body, tool_choice: { type: 'tool', name: 'get_weather' } })
      .finalMessage();
    await expect(forced).rejects.toBeInstanceOf(Anthropic.BadRequestError);
  });

  it('counts tokens', async () => {
    const counted = await anthropic().messages.countTokens({
      model: 'claude-test',
      system: 'be very brief',
      messages: userHello,
    });
    expect(counted.input_tokens).toBe(5);
  });

  it('surfaces validation errors and injected HTTP errors as the SDK error classes', async () => {
    const bad = anthropic().messages.create({
      model: 'claude-test',
      max_tokens: 50,
      messages: [{ role: 'assistant', content: 'x' }],
    });
    await expect(bad).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    const overloaded = anthropic().messages.create({ model: 'mock-error-529', max_tokens: 50, messages: userHello });
    await expect(overloaded).rejects.toMatchObject({ status: 529, type: 'overloaded_error' });
    await expect(
      new Anthropic({ apiKey: 'wrong', baseURL: servers.urls.anthropic, maxRetries: 0 }).messages.create({
        model: 'm',
        max_tokens: 5,
        messages: userHello,
      }),
    ).rejects.toBeInstanceOf(Anthropic.AuthenticationError);
  });

  it('surfaces a mid-stream error event as an APIError, and a truncated stream as an error', async () => {
    const midStream = anthropic()
      .messages.stream({ model: 'mock-stream-error-3', max_tokens: 50, messages: userHello })
      .finalMessage();
    await expect(midStream).rejects.toMatchObject({ status: undefined, type: 'overloaded_error' });
    const truncated = anthropic()
      .messages.stream({ model: 'mock-truncate-4', max_tokens: 50, messages: userHello })
      .finalMessage();
    await expect(truncated).rejects.toThrow(/stream ended without producing/);
    anthropicMock.injectFault({ kind: 'malformed-sse', afterEvents: 3 });
    const malformed = anthropic()
      .messages.stream({ model: 'claude-test', max_tokens: 50, messages: userHello })
      .finalMessage();
    await expect(malformed).rejects.toThrow(/JSON/);
  });
});

describe('serveOnLoopback: the OpenAI SDK against the mock', () => {
  it('create and stream with include_usage', async () => {
    const client = openai();
    const c = await client.chat.completions.create({ model: 'gpt-test', messages: userHello });
    expect(c.choices[0]?.message.content).toBe('echo: hi there');
    expect(c.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages: userHello,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: unknown[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(checkOpenAIChunks([...chunks, '[DONE]'])).toEqual([]);
    const final = await client.chat.completions
      .stream({ model: 'gpt-test', messages: userHello, stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('echo: hi there');
    expect(final.usage?.total_tokens).toBe(5);
  });

  it('accumulates a forced tool call', async () => {
    const final = await openai()
      .chat.completions.stream({
        model: 'gpt-test',
        messages: userHello,
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.input_schema } }],
        tool_choice: 'required',
      })
      .finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"example_city"}' },
    });
  });

  it('surfaces errors as the SDK error classes', async () => {
    await expect(
      openai().chat.completions.create({ model: 'mock-error-429', messages: userHello }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(
      openai().chat.completions.create({ model: 'gpt-test', messages: userHello, stop: ['a', 'b', 'c', 'd', 'e'] }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'stop',
    });
    const stream = await openai().chat.completions.create({
      model: 'mock-stream-error-2',
      messages: userHello,
      stream: true,
    });
    const read = async () => {
      for await (const _ of stream) {
        // drain
      }
    };
    await expect(read()).rejects.toMatchObject({ status: undefined, message: expect.stringContaining('Injected') });
  });

  it('rejects truncated and malformed streams in the SDK accumulator', async () => {
    const truncated = openai()
      .chat.completions.stream({ model: 'mock-truncate-3', messages: userHello })
      .finalChatCompletion();
    await expect(truncated).rejects.toThrow(/finish_reason/);
    const malformed = openai()
      .chat.completions.stream({ model: 'mock-malformed-2', messages: userHello })
      .finalChatCompletion();
    await expect(malformed).rejects.toThrow(/JSON/);
    openaiMock.injectFault({ kind: 'reset', afterEvents: 2 });
    const reset = openai().chat.completions.stream({ model: 'gpt-test', messages: userHello }).finalChatCompletion();
    await expect(reset).rejects.toThrow();
  });
});

describe('serveOnLoopback: fault injection on the wire', () => {
  const raw = (body: unknown) =>
    fetch(`${servers.urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-test', max_tokens: 50, messages: userHello, ...(body as object) }),
    });

  it('the checkers find nothing wrong in the bytes the mocks send', async () => {
    expect(checkAnthropicStream(await readStreamEvents(await raw({ stream: true }), 'anthropic-messages'))).toEqual([]);
    const res = await fetch(`${servers.urls.openai}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'gpt-test',
        messages: userHello,
        stream: true,
        stream_options: { include_usage: true },
      }),
    });
    expect(checkOpenAIChunks(await readStreamEvents(res, 'openai-chat'))).toEqual([]);
  });

  it('reset before the response: the client gets a network error; the SDK an APIConnectionError', async () => {
    anthropicMock.injectFault({ kind: 'reset', afterEvents: 0 });
    await expect(raw({})).rejects.toThrow(TypeError);
    expect(anthropicMock.requests.at(-1)?.status).toBe(0);
    const sdk = anthropic().messages.create({ model: 'mock-reset', max_tokens: 50, messages: userHello });
    await expect(sdk).rejects.toBeInstanceOf(Anthropic.APIConnectionError);
  });

  it('reset mid-stream: the body read fails after the first events', async () => {
    anthropicMock.injectFault({ kind: 'reset', afterEvents: 2 });
    const res = await raw({ stream: true });
    expect(res.status).toBe(200);
    await expect(readStreamEvents(res, 'anthropic-messages')).rejects.toThrow();
  });

  it('truncate: clean end of bytes, no terminal event; the checker reports it', async () => {
    anthropicMock.injectFault({ kind: 'truncate', afterEvents: 3 });
    const events = await readStreamEvents(await raw({ stream: true }), 'anthropic-messages');
    expect(events).toHaveLength(3);
    expect(checkAnthropicStream(events).map((v) => v.rule)).toEqual(['block-open', 'missing-terminal']);
  });

  it('stream-error: the provider error event ends the stream', async () => {
    anthropicMock.injectFault({ kind: 'stream-error', afterEvents: 2, status: 500, message: 'boom' });
    const events = await readStreamEvents(await raw({ stream: true }), 'anthropic-messages');
    expect(events.at(-1)).toEqual({ type: 'error', error: { type: 'api_error', message: 'boom' } });
    expect(checkAnthropicStream(events)).toEqual([]);
  });

  it('stall with ms: the stream pauses, then completes', async () => {
    anthropicMock.injectFault({ kind: 'stall', afterEvents: 2, ms: 300 });
    const started = performance.now();
    const events = await readStreamEvents(await raw({ stream: true }), 'anthropic-messages');
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(checkAnthropicStream(events)).toEqual([]);
  });

  it('stall without ms: hangs until the client aborts; the server still closes', async () => {
    anthropicMock.injectFault({ kind: 'stall', afterEvents: 1 });
    const res = await fetch(`${servers.urls.anthropic}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-test', max_tokens: 50, messages: userHello, stream: true }),
      signal: AbortSignal.timeout(300),
    });
    await expect(readStreamEvents(res, 'anthropic-messages')).rejects.toThrow();
  });

  it('an HTTP error fault with a custom body and headers', async () => {
    anthropicMock.injectFault({
      kind: 'http-error',
      status: 503,
      body: { custom: true },
      headers: { 'retry-after': '1' },
    });
    const res = await raw({});
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ custom: true });
  });

  it('faults on non-streaming requests: truncated JSON, stall, error status', async () => {
    anthropicMock.injectFault({ kind: 'truncate', afterEvents: 0 });
    const cut = await raw({});
    await expect(cut.json()).rejects.toThrow(SyntaxError);
    anthropicMock.injectFault({ kind: 'stream-error', afterEvents: 0 });
    expect((await raw({})).status).toBe(529);
  });

  it('answers an over-size body with 413 over the wire, also when it is sent chunked', async () => {
    const small = await serveOnLoopback({ small: createAnthropicMock({ maxBodyBytes: 1000 }) });
    try {
      const big = JSON.stringify({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: 'a'.repeat(2_000_000) }],
      });
      const chunked = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new TextEncoder().encode(big));
          c.close();
        },
      });
      for (const body of [big, chunked]) {
        const res = await fetch(`${small.urls.small}/v1/messages`, {
          method: 'POST',
          headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
          body,
          duplex: 'half',
        } as RequestInit);
        expect(res.status).toBe(413);
        expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
      }
    } finally {
      await small.close();
    }
  });

  it('queued faults apply in order, one request each', async () => {
    anthropicMock.injectFault({ kind: 'http-error', status: 500 }, 2);
    expect([(await raw({})).status, (await raw({})).status, (await raw({})).status]).toEqual([500, 500, 200]);
  });
});

describe('serveOnLoopback: client disconnects reach the handler', () => {
  it("the handler's Request.signal aborts when the client goes away, also after a garbage collection", async () => {
    const v8 = await import('node:v8');
    const vm = await import('node:vm');
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    let aborted = 0;
    const never = await serveOnLoopback({
      // the handler keeps no reference to its Request: only the listener on its signal
      slow: async (req) => {
        req.signal.addEventListener('abort', () => aborted++, { once: true });
        return new Response(
          new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('data: x\n\n')), pull: () => {} }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      },
    });
    try {
      for (let round = 0; round < 3; round++) {
        const abort = new AbortController();
        const res = await fetch(`${never.urls.slow}/`, { method: 'POST', body: '{}', signal: abort.signal });
        await res.body?.getReader().read();
        // (undici links a Request's signal to the one it was built with through a WeakRef: once the Request is
        // collected, an abort no longer reaches its signal)
        for (let i = 0; i < 3; i++) {
          gc();
          await new Promise((r) => setTimeout(r, 10));
        }
        abort.abort();
        const t0 = Date.now();
        while (aborted <= round && Date.now() - t0 < 2_000) await new Promise((r) => setTimeout(r, 10));
        expect(aborted).toBe(round + 1);
      }
    } finally {
      await never.close();
    }
  });
});
