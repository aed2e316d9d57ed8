import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import { createGateway } from './create-gateway.js';

/**
 * The official SDKs as clients of the gateway, the strict mocks (scripted model: answers `echo: <last user text>`,
 * or calls a forced tool) as upstreams. Everything in-process: SDK `fetch` -> gateway -> mock handler.
 */
function setup() {
  const openaiMock = createOpenAIMock({ apiKey: 'sk-upstream' });
  const anthropicMock = createAnthropicMock({ apiKey: 'ant-upstream' });
  const gateway = createGateway({
    providers: {
      openai: { format: 'openai-chat', baseUrl: 'http://openai.mock/v1', apiKey: 'sk-upstream' },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'ant-upstream' },
    },
    fetch: (req) => (new URL(req.url).host === 'openai.mock' ? openaiMock(req) : anthropicMock(req)),
    log: () => {},
  });
  const clientHeaders: Headers[] = [];
  const gwFetch = (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    clientHeaders.push(req.headers);
    return gateway.fetch(req);
  };
  return { openaiMock, anthropicMock, gwFetch, clientHeaders };
}

const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Anthropic SDK -> gateway -> OpenAI mock', () => {
  it('non-stream (SDK 1.x headers: Authorization Bearer, anthropic-version 2026-10-21)', async () => {
    const { openaiMock, gwFetch, clientHeaders } = setup();
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const msg = await client.messages.create({
      model: '@openai/gpt-4o',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(clientHeaders[0]!.get('authorization')).toBe('Bearer client-key');
    expect(clientHeaders[0]!.get('anthropic-version')).toBe('2026-10-21');
    expect(msg.type).toBe('message');
    expect(msg.content).toEqual([expect.objectContaining({ type: 'text', text: 'echo: hello there' })]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(msg.id).toMatch(/^msg_/);
    const seen = openaiMock.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.headers.authorization).toBe('Bearer sk-upstream');
    expect((seen.body as { model: string }).model).toBe('gpt-4o');
  });

  it('non-stream with SDK 0.x style headers (x-api-key, anthropic-version 2023-06-01)', async () => {
    const { openaiMock, gwFetch, clientHeaders } = setup();
    const client = new Anthropic({
      apiKey: null,
      authToken: null,
      baseURL: 'http://localhost',
      fetch: gwFetch,
      maxRetries: 0,
      defaultHeaders: { 'x-api-key': 'client-key', 'anthropic-version': '2023-06-01' },
    });
    // SDK 1.x no longer types `temperature` (2026-10-21 rejects it); a 2023-06-01 client still sends it
    const params = {
      model: '@openai/gpt-4o',
      max_tokens: 100,
      temperature: 0.5,
      messages: [{ role: 'user', content: 'old style' }],
    } as Anthropic.MessageCreateParamsNonStreaming;
    const msg = await client.messages.create(params);
    expect(msg.content).toEqual([expect.objectContaining({ type: 'text', text: 'echo: old style' })]);
    expect((openaiMock.requests[0]!.body as { temperature: number }).temperature).toBe(0.5);
    expect(clientHeaders[0]!.get('x-api-key')).toBe('client-key');
    expect(clientHeaders[0]!.get('authorization')).toBeNull();
    expect(clientHeaders[0]!.get('anthropic-version')).toBe('2023-06-01');
  });

  it('stream: text deltas and the final message', async () => {
    const { gwFetch } = setup();
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const stream = client.messages.stream({
      model: '@openai/gpt-4o',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream this please' }],
    });
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    const final = await stream.finalMessage();
    expect(texts.join('')).toBe('echo: stream this please');
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('stream: a forced tool call arrives with parsed input', async () => {
    const { gwFetch } = setup();
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const final = await client.messages
      .stream({
        model: '@openai/gpt-4o',
        max_tokens: 100,
        tools: [weatherTool],
        tool_choice: { type: 'tool', name: 'get_weather' },
        messages: [{ role: 'user', content: 'weather?' }],
      })
      .finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    const call = final.content.find((b) => b.type === 'tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    expect(typeof (call as { input: { city: unknown } }).input.city).toBe('string');
  });

  it('an upstream 429 surfaces as the SDK RateLimitError', async () => {
    const { openaiMock, gwFetch } = setup();
    openaiMock.injectFault({ kind: 'http-error', status: 429, message: 'slow down' });
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const err = await client.messages
      .create({ model: '@openai/gpt-4o', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect((err as InstanceType<typeof Anthropic.RateLimitError>).message).toContain('slow down');
  });

  it('a mid-stream upstream error surfaces as an SDK APIError', async () => {
    const { openaiMock, gwFetch } = setup();
    openaiMock.injectFault({ kind: 'stream-error', afterEvents: 2, message: 'upstream fell over' });
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const err = await client.messages
      .stream({
        model: '@openai/gpt-4o',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'a long enough message to need several chunks' }],
      })
      .finalMessage()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(String((err as Error).message)).toContain('upstream fell over');
  });
});

describe('OpenAI SDK -> gateway -> Anthropic mock', () => {
  it('non-stream', async () => {
    const { anthropicMock, gwFetch } = setup();
    const client = new OpenAI({ apiKey: 'client-key', baseURL: 'http://localhost/v1', fetch: gwFetch, maxRetries: 0 });
    const res = await client.chat.completions.create({
      model: '@anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hi from openai' }],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0]!.message.content).toBe('echo: hi from openai');
    expect(res.choices[0]!.finish_reason).toBe('stop');
    const seen = anthropicMock.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.headers['x-api-key']).toBe('ant-upstream');
    expect(seen.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('stream, with usage', async () => {
    const { gwFetch } = setup();
    const client = new OpenAI({ apiKey: 'client-key', baseURL: 'http://localhost/v1', fetch: gwFetch, maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: '@anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'stream to openai' }],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe('echo: stream to openai');
    expect(final.choices[0]!.finish_reason).toBe('stop');
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('stream: forced tool call with JSON arguments', async () => {
    const { gwFetch } = setup();
    const client = new OpenAI({ apiKey: 'client-key', baseURL: 'http://localhost/v1', fetch: gwFetch, maxRetries: 0 });
    const final = await client.chat.completions
      .stream({
        model: '@anthropic/claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'weather?' }],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: weatherTool.input_schema } }],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      })
      .finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls?.[0];
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    expect(call && 'function' in call ? call.function.name : undefined).toBe('get_weather');
    expect(JSON.parse(call && 'function' in call ? call.function.arguments : 'null')).toHaveProperty('city');
  });

  it('count_tokens via the Anthropic SDK against an Anthropic provider is forwarded', async () => {
    const { gwFetch } = setup();
    const client = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
    const r = await client.messages.countTokens({
      model: '@anthropic/claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'one two three' }],
    });
    expect(r.input_tokens).toBeGreaterThan(0);
  });
});
