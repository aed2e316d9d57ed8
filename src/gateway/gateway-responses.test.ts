import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createGeminiMock } from '../../conformance/mocks/gemini/create-gemini-mock.js';
import { createResponsesMock } from '../../conformance/mocks/openai-responses/create-responses-mock.js';
import { createGateway } from './create-gateway.js';

/**
 * OpenAI Responses through the gateway, with the official SDKs as clients and the strict mocks as upstreams:
 * Responses clients (`POST /v1/responses`) to Anthropic and Gemini providers, and Anthropic clients to an OpenAI
 * provider called through Responses (`format: "openai-responses"`).
 */
function setup() {
  const anthropicMock = createAnthropicMock({ apiKey: 'ant-upstream' });
  const responsesMock = createResponsesMock({ apiKey: 'sk-upstream' });
  const geminiMock = createGeminiMock({ apiKey: 'g-upstream' });
  const gateway = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'ant-upstream' },
      responses: { format: 'openai-responses', baseUrl: 'http://openai.mock/v1', apiKey: 'sk-upstream' },
      gemini: { format: 'gemini', baseUrl: 'http://gemini.mock', apiKey: 'g-upstream' },
    },
    fetch: (req) => {
      const host = new URL(req.url).host;
      return host === 'openai.mock'
        ? responsesMock(req)
        : host === 'gemini.mock'
          ? geminiMock(req)
          : anthropicMock(req);
    },
    log: () => {},
  });
  const gwFetch = (input: string | URL | Request, init?: RequestInit) => gateway.fetch(new Request(input, init));
  const openai = new OpenAI({ apiKey: 'client-key', baseURL: 'http://localhost/v1', fetch: gwFetch, maxRetries: 0 });
  const anthropic = new Anthropic({ apiKey: 'client-key', baseURL: 'http://localhost', fetch: gwFetch, maxRetries: 0 });
  return { anthropicMock, responsesMock, geminiMock, openai, anthropic };
}

const weather = {
  type: 'function' as const,
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

describe('OpenAI SDK (Responses) -> gateway -> Anthropic', () => {
  it('responses.create: the answer as a response object, output_text, usage', async () => {
    const { openai, anthropicMock } = setup();
    const r = await openai.responses.create({ model: '@anthropic/claude-sonnet-4-5', input: 'hello there' });
    expect(r.output_text).toBe('echo: hello there');
    expect(r.id).toMatch(/^resp_/);
    expect(r.usage?.input_tokens).toBe(2);
    expect(anthropicMock.requests[0]!.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 4096 });
  });

  it('responses.stream(): events through the SDK accumulator, the final response from the terminal event', async () => {
    const { openai } = setup();
    const stream = openai.responses.stream({
      model: '@anthropic/claude-sonnet-4-5',
      input: 'weather in Oslo',
      tools: [weather],
      tool_choice: 'required',
    });
    const types: string[] = [];
    stream.on('event', (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    const call = final.output.find((o) => o.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(call && 'arguments' in call ? JSON.parse(call.arguments) : undefined).toEqual({ city: expect.any(String) });
  });

  it('previous_response_id is refused with 400 naming the field (the gateway keeps no state)', async () => {
    const { openai, anthropicMock } = setup();
    await expect(
      openai.responses.create({ model: '@anthropic/claude-sonnet-4-5', input: 'hi', previous_response_id: 'resp_1' }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('previous_response_id') });
    expect(anthropicMock.requests).toHaveLength(0);
  });

  it('an upstream error mid-stream reaches the SDK as an error (error, then response.failed)', async () => {
    const { openai, anthropicMock } = setup();
    anthropicMock.injectFault({ kind: 'stream-error', afterEvents: 3, status: 529 });
    await expect(
      openai.responses.stream({ model: '@anthropic/claude-sonnet-4-5', input: 'hi' }).finalResponse(),
    ).rejects.toMatchObject({ type: 'error', code: 'overloaded' });
  });
});

describe('OpenAI SDK (Responses) -> gateway -> Gemini (composed through Messages)', () => {
  it('responses.stream() gets the Gemini answer', async () => {
    const { openai, geminiMock } = setup();
    const final = await openai.responses
      .stream({ model: '@gemini/gemini-2.5-flash', input: 'bonjour' })
      .finalResponse();
    expect(final.output_text).toBe('echo: bonjour');
    expect(geminiMock.requests[0]!.path).toMatch(/:streamGenerateContent$/);
  });
});

describe('Anthropic SDK -> gateway -> OpenAI called through Responses', () => {
  it('messages.create and messages.stream reach /v1/responses with store: false', async () => {
    const { anthropic, responsesMock } = setup();
    const msg = await anthropic.messages.create({
      model: '@responses/gpt-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(msg.content).toEqual([expect.objectContaining({ type: 'text', text: 'echo: hello there' })]);
    const seen = responsesMock.requests[0]!;
    expect(seen.path).toBe('/v1/responses');
    expect(seen.headers.authorization).toBe('Bearer sk-upstream');
    expect(seen.body).toMatchObject({ model: 'gpt-5', store: false, max_output_tokens: 100 });
    const final = await anthropic.messages
      .stream({
        model: '@responses/gpt-5',
        max_tokens: 2000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'think' }],
      })
      .finalMessage();
    expect(final.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const thinking = final.content[0] as Anthropic.ThinkingBlock;
    // the reasoning item's id and encrypted content, so the next turn can replay them to OpenAI
    expect(atob(thinking.signature)).toMatch(/^responses-reasoning\nrs_/);
  });
});

describe('OpenAI SDK responses.inputTokens.count -> gateway (POST /v1/responses/input_tokens)', () => {
  const asked = {
    instructions: 'be brief',
    input: [
      { role: 'user' as const, content: 'weather in Oslo, and a long question to count' },
      { type: 'function_call' as const, call_id: 'c1', name: 'get_weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output' as const, call_id: 'c1', output: 'sunny' },
    ],
    tools: [weather],
  };

  it('an Anthropic provider counts the translated body: the same number an Anthropic client gets for it', async () => {
    const { openai, anthropic, anthropicMock } = setup();
    const r = await openai.responses.inputTokens.count({ model: '@anthropic/claude-sonnet-4-5', ...asked });
    expect(r.object).toBe('response.input_tokens');
    const seen = anthropicMock.requests.at(-1)!;
    expect(seen.path).toBe('/v1/messages/count_tokens');
    expect(seen.body).toEqual({
      model: 'claude-sonnet-4-5',
      system: 'be brief',
      messages: [
        { role: 'user', content: 'weather in Oslo, and a long question to count' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'get_weather', input: { city: 'Oslo' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }] },
      ],
      tools: [{ name: 'get_weather', input_schema: weather.parameters }],
    });
    const direct = await anthropic.messages.countTokens({
      ...(seen.body as Anthropic.MessageCountTokensParams),
      model: '@anthropic/claude-sonnet-4-5',
    });
    expect(r.input_tokens).toBe(direct.input_tokens);
    expect(r.input_tokens).toBeGreaterThan(0);
  });

  it('a Gemini provider is counted by its own countTokens', async () => {
    const { openai, geminiMock } = setup();
    const r = await openai.responses.inputTokens.count({ model: '@gemini/gemini-2.5-pro', ...asked });
    expect(r).toMatchObject({ object: 'response.input_tokens', input_tokens: expect.any(Number) });
    expect(geminiMock.requests.at(-1)!.path).toMatch(/:countTokens$/);
  });

  it('errors come in the Responses shape: a stateful field (400, naming it) and an unknown provider', async () => {
    const { openai, anthropicMock } = setup();
    await expect(
      openai.responses.inputTokens.count({
        model: '@anthropic/claude-sonnet-4-5',
        input: 'hi',
        previous_response_id: 'resp_1',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'previous_response_id' });
    await expect(openai.responses.inputTokens.count({ model: '@nowhere/m', input: 'hi' })).rejects.toMatchObject({
      status: expect.any(Number),
      message: expect.stringContaining('nowhere'),
    });
    expect(anthropicMock.requests).toHaveLength(0);
  });
});
