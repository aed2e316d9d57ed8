import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createGeminiMock } from '../../conformance/mocks/gemini/create-gemini-mock.js';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

function setup(opts: { strict?: boolean; apiKey?: string } = {}) {
  const gemini = createGeminiMock({ apiKey: 'g-key' });
  const anthropic = createAnthropicMock({ apiKey: 'a-key' });
  const logged: unknown[] = [];
  const config: GatewayConfig = {
    providers: {
      gemini: { format: 'gemini', baseUrl: 'http://gemini.mock', apiKey: opts.apiKey ?? 'g-key' },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'a-key' },
    },
    strict: opts.strict,
    fetch: (req) => (new URL(req.url).host === 'gemini.mock' ? gemini(req) : anthropic(req)),
    log: (e) => logged.push(e),
  };
  return { gateway: createGateway(config), gemini, anthropic, logged };
}

function count(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/v1/messages/count_tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'client', ...headers },
    body: JSON.stringify(body),
  });
}

const conversation = {
  system: 'be brief please',
  messages: [
    { role: 'user', content: 'one two three' },
    { role: 'assistant', content: 'four five' },
    { role: 'user', content: [{ type: 'text', text: 'six' }] },
  ],
};

const tools = [
  {
    name: 'get_weather',
    description: 'weather now',
    input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
];

describe('gateway count_tokens: Gemini providers call countTokens', () => {
  it('answers the scripted model count of the same content, exact (no estimate header)', async () => {
    const { gateway, anthropic } = setup();
    const res = await gateway.fetch(count({ model: '@gemini/gemini-2.5-flash', ...conversation }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-crosswire-estimate')).toBeNull();
    expect(res.headers.get('x-crosswire-losses')).toBe('0');
    // one token per word: "be brief please" 3 + "one two three" 3 + "four five" 2 + "six" 1
    expect(await res.json()).toEqual({ input_tokens: 9 });
    // the Anthropic mock counts the same content to the same number
    const direct = await gateway.fetch(count({ model: '@anthropic/claude-sonnet-4-5', ...conversation }));
    expect(await direct.json()).toEqual({ input_tokens: 9 });
    expect(anthropic.requests).toHaveLength(1);
  });

  it('sends the generateContentRequest wrapper with the model, system and tools, and no generationConfig or toolConfig', async () => {
    const { gateway, gemini } = setup();
    const res = await gateway.fetch(
      count({
        model: '@gemini/gemini-2.5-flash',
        ...conversation,
        tools,
        tool_choice: { type: 'any' },
        thinking: { type: 'enabled', budget_tokens: 2048 },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 9 });
    expect(gemini.requests).toHaveLength(1);
    const seen = gemini.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.url).toBe('http://gemini.mock/v1beta/models/gemini-2.5-flash:countTokens');
    expect(seen.headers['x-goog-api-key']).toBe('g-key');
    const body = seen.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['generateContentRequest']);
    const inner = body.generateContentRequest as Record<string, unknown>;
    expect(inner.model).toBe('models/gemini-2.5-flash');
    expect(inner.contents).toEqual([
      { role: 'user', parts: [{ text: 'one two three' }] },
      { role: 'model', parts: [{ text: 'four five' }] },
      { role: 'user', parts: [{ text: 'six' }] },
    ]);
    expect(inner.systemInstruction).toMatchObject({ parts: [{ text: 'be brief please' }] });
    expect(inner.tools).toMatchObject([
      { functionDeclarations: [{ name: 'get_weather', description: 'weather now' }] },
    ]);
    expect(inner).not.toHaveProperty('generationConfig');
    expect(inner).not.toHaveProperty('toolConfig');
  });

  it('an upstream 429 comes back as an Anthropic rate_limit_error with the status and retry-after', async () => {
    const { gateway, gemini } = setup();
    gemini.injectFault({
      kind: 'http-error',
      status: 429,
      message: 'Resource has been exhausted (e.g. check quota).',
      headers: { 'retry-after': '7' },
    });
    const res = await gateway.fetch(count({ model: '@gemini/gemini-2.5-flash', ...conversation }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('rate_limit_error');
    expect(body.error.message).toContain('Resource has been exhausted');
  });

  it('an upstream 400 (bad key) comes back as an Anthropic invalid_request_error', async () => {
    const { gateway, gemini } = setup({ apiKey: 'wrong' });
    const res = await gateway.fetch(count({ model: '@gemini/gemini-2.5-flash', ...conversation }));
    expect(gemini.requests[0]!.status).toBe(400);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(body.error.message).toContain('API key not valid');
  });

  it('reports translation losses like generate does, and strict turns them into a 400 before any upstream call', async () => {
    // cache_control has no Gemini counterpart: a loss the translator reports
    const lossy = {
      model: '@gemini/gemini-2.5-flash',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi there', cache_control: { type: 'ephemeral' } }] }],
    };
    const { gateway, logged } = setup();
    const res = await gateway.fetch(count(lossy, { 'x-crosswire-debug': 'losses' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 2 });
    const n = Number(res.headers.get('x-crosswire-losses'));
    expect(n).toBeGreaterThan(0);
    const detail = JSON.parse(decodeURIComponent(res.headers.get('x-crosswire-loss-detail') ?? '[]')) as {
      path: string;
    }[];
    expect(detail).toHaveLength(n);
    expect(detail.some((l) => l.path.startsWith('messages[0].content[0].cache_control'))).toBe(true);
    expect(logged).toContainEqual(expect.objectContaining({ direction: 'request', providerFormat: 'gemini' }));

    const strict = setup({ strict: true });
    const refused = await strict.gateway.fetch(count(lossy));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(strict.gemini.requests).toHaveLength(0);
  });

  it('an upstream 200 that is not a CountTokensResponse is a 502 api_error', async () => {
    for (const reply of ['not json', '{"totalTokens":"many"}', '[1]']) {
      const gateway = createGateway({
        providers: { gemini: { format: 'gemini', baseUrl: 'http://gemini.mock', apiKey: 'g' } },
        fetch: async () => new Response(reply, { status: 200, headers: { 'content-type': 'application/json' } }),
        log: () => {},
      });
      const res = await gateway.fetch(count({ model: '@gemini/g', messages: [{ role: 'user', content: 'x' }] }));
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    }
  });

  it('an unreachable upstream is a 502 in the Anthropic shape', async () => {
    const gateway = createGateway({
      providers: { gemini: { format: 'gemini', baseUrl: 'http://gemini.mock', apiKey: 'g' } },
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      log: () => {},
    });
    const res = await gateway.fetch(count({ model: '@gemini/g', messages: [{ role: 'user', content: 'x' }] }));
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });
});
