import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createBedrockConverseMock } from '../../conformance/mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../../conformance/mocks/bedrock/create-bedrock-invoke-mock.js';
import { createVertexAnthropicMock } from '../../conformance/mocks/vertex/create-vertex-anthropic-mock.js';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

function setup(opts: { strict?: boolean; vertexToken?: string; vertexProject?: boolean } = {}) {
  const invoke = createBedrockInvokeMock();
  const converse = createBedrockConverseMock();
  const vertex = createVertexAnthropicMock({ apiKey: 'v-token' });
  const anthropic = createAnthropicMock({ apiKey: 'a-key' });
  const logged: unknown[] = [];
  const mocks: Record<string, (req: Request) => Promise<Response>> = {
    'invoke.mock': invoke,
    'converse.mock': converse,
    'vertex.mock': vertex,
    'anthropic.mock': anthropic,
  };
  const where = opts.vertexProject === false ? {} : { project: 'proj', region: 'us-east5' };
  const config: GatewayConfig = {
    providers: {
      bedrock: { format: 'bedrock-invoke', baseUrl: 'http://invoke.mock', apiKey: 'b-key' },
      // `media: pass`: URL media stays for the translator to report (the loss tests below); inlining: gateway-media.test.ts
      converse: { format: 'bedrock-converse', baseUrl: 'http://converse.mock/', apiKey: 'c-key', media: 'pass' },
      vertex: {
        format: 'vertex-anthropic',
        baseUrl: 'http://vertex.mock',
        apiKey: opts.vertexToken ?? 'v-token',
        ...where,
      },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'a-key' },
    },
    strict: opts.strict,
    fetch: (req) => mocks[new URL(req.url).host]!(req),
    log: (e) => logged.push(e),
  };
  return { gateway: createGateway(config), invoke, converse, vertex, anthropic, logged };
}

function count(body: unknown, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/v1/messages/count_tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'client', ...headers },
    body: JSON.stringify(body),
  });
}

const system = 'be brief please';
const messages = [
  { role: 'user', content: 'one two three' },
  { role: 'assistant', content: 'four five' },
  { role: 'user', content: [{ type: 'text', text: 'six' }] },
];
const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
const tools = [{ name: 'get_weather', description: 'weather now', input_schema: schema }];
// (thinking with a forced tool_choice is refused by Claude: `auto` here)
const full = {
  system,
  messages,
  tools,
  tool_choice: { type: 'auto' },
  thinking: { type: 'enabled', budget_tokens: 2048 },
};

const BEDROCK_MODEL = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const VERTEX_MODEL = 'claude-sonnet-4-5@20250929';
const MODELS = {
  bedrock: `@bedrock/${BEDROCK_MODEL}`,
  converse: `@converse/${BEDROCK_MODEL}`,
  vertex: `@vertex/${VERTEX_MODEL}`,
} as const;

type ErrorBody = { type: string; error: { type: string; message: string } };

describe('gateway count_tokens: Bedrock and Vertex providers call their count endpoints', () => {
  it('each answers the scripted model count of the same content, exact (no estimate header), as Anthropic does', async () => {
    const { gateway } = setup();
    const direct = await gateway.fetch(count({ model: '@anthropic/claude-sonnet-4-5', system, messages }));
    // one token per word: "be brief please" 3 + "one two three" 3 + "four five" 2 + "six" 1
    expect(await direct.json()).toEqual({ input_tokens: 9 });
    for (const model of Object.values(MODELS)) {
      const res = await gateway.fetch(count({ model, system, messages }));
      expect(res.status, model).toBe(200);
      expect(res.headers.get('x-crosswire-estimate')).toBeNull();
      expect(res.headers.get('x-crosswire-losses')).toBe('0');
      expect(await res.json()).toEqual({ input_tokens: 9 });
    }
  });

  it('Bedrock InvokeModel provider: CountTokens with the InvokeModel body base64 in input.invokeModel.body', async () => {
    const { gateway, invoke } = setup();
    const res = await gateway.fetch(count({ model: MODELS.bedrock, ...full }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 9 });
    expect(invoke.requests).toHaveLength(1);
    const seen = invoke.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.url).toBe('http://invoke.mock/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens');
    expect(seen.headers.authorization).toBe('Bearer b-key');
    expect(seen.headers['x-api-key']).toBeUndefined();
    const body = seen.body as { input: { invokeModel: { body: string } } };
    expect(Object.keys(body)).toEqual(['input']);
    expect(Object.keys(body.input)).toEqual(['invokeModel']);
    expect(JSON.parse(Buffer.from(body.input.invokeModel.body, 'base64').toString('utf8'))).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      // the placeholder InvokeModel needs: above the thinking budget
      max_tokens: 2049,
      system,
      messages,
      tools,
      tool_choice: { type: 'auto' },
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
  });

  it('Bedrock InvokeModel provider under anthropic-version 2026-10-21: that version in the body', async () => {
    const { gateway, invoke } = setup();
    const res = await gateway.fetch(count({ model: MODELS.bedrock, messages }, { 'anthropic-version': '2026-10-21' }));
    expect(res.status).toBe(200);
    const body = invoke.requests[0]!.body as { input: { invokeModel: { body: string } } };
    expect(JSON.parse(Buffer.from(body.input.invokeModel.body, 'base64').toString('utf8'))).toEqual({
      anthropic_version: '2026-10-21',
      max_tokens: 1,
      messages,
    });
  });

  it('Bedrock Converse provider: CountTokens with input.converse holding only what ConverseTokensRequest takes', async () => {
    const { gateway, converse } = setup();
    const res = await gateway.fetch(count({ model: MODELS.converse, ...full }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 9 });
    const seen = converse.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.url).toBe('http://converse.mock/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens');
    expect(seen.headers.authorization).toBe('Bearer c-key');
    expect(seen.body).toEqual({
      input: {
        converse: {
          system: [{ text: system }],
          messages: [
            { role: 'user', content: [{ text: 'one two three' }] },
            { role: 'assistant', content: [{ text: 'four five' }] },
            { role: 'user', content: [{ text: 'six' }] },
          ],
          toolConfig: {
            tools: [{ toolSpec: { name: 'get_weather', description: 'weather now', inputSchema: { json: schema } } }],
            toolChoice: { auto: {} },
          },
          additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
        },
      },
    });
  });

  it('Vertex provider: count-tokens:rawPredict under the project and region, model and anthropic_version in the body', async () => {
    const { gateway, vertex } = setup();
    const res = await gateway.fetch(count({ model: MODELS.vertex, ...full }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 9 });
    const seen = vertex.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.url).toBe(
      'http://vertex.mock/v1/projects/proj/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict',
    );
    expect(seen.headers.authorization).toBe('Bearer v-token');
    expect(seen.body).toEqual({ anthropic_version: 'vertex-2023-10-16', model: VERTEX_MODEL, ...full });

    const v2 = setup();
    await v2.gateway.fetch(count({ model: MODELS.vertex, messages }, { 'anthropic-version': '2026-10-21' }));
    expect(v2.vertex.requests[0]!.body).toEqual({ anthropic_version: '2026-10-21', model: VERTEX_MODEL, messages });
  });

  it("the Anthropic SDK's messages.countTokens reads the answer for each provider, and gets their errors as APIError", async () => {
    const { gateway, invoke } = setup();
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => gateway.fetch(new Request(input, init));
    const client = new Anthropic({ apiKey: 'client', baseURL: 'http://localhost', fetch, maxRetries: 0 });
    for (const model of Object.values(MODELS)) {
      const r = await client.messages.countTokens({
        model,
        system,
        messages: [{ role: 'user', content: 'one two three' }],
      });
      expect(r.input_tokens, model).toBe(6);
    }
    invoke.injectFault({
      kind: 'http-error',
      status: 429,
      message: 'Too many requests, please wait before trying again.',
    });
    const err = await client.messages
      .countTokens({ model: MODELS.bedrock, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    expect((err as InstanceType<typeof Anthropic.RateLimitError>).error).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Too many requests, please wait before trying again.' },
    });
  });

  it('Vertex provider without project/region: 501 before any upstream call', async () => {
    const { gateway, vertex } = setup({ vertexProject: false });
    const res = await gateway.fetch(count({ model: MODELS.vertex, messages }));
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(vertex.requests).toHaveLength(0);
  });
});

describe('gateway count_tokens: Bedrock and Vertex upstream errors become Anthropic errors', () => {
  it('Bedrock 429 ThrottlingException -> 429 rate_limit_error with retry-after (both formats)', async () => {
    for (const [name, model] of [
      ['invoke', MODELS.bedrock],
      ['converse', MODELS.converse],
    ] as const) {
      const s = setup();
      s[name].injectFault({
        kind: 'http-error',
        status: 429,
        message: 'Too many requests, please wait before trying again.',
        headers: { 'retry-after': '3' },
      });
      const res = await s.gateway.fetch(count({ model, messages }));
      expect(res.status, name).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(await res.json()).toEqual({
        type: 'error',
        error: { type: 'rate_limit_error', message: 'Too many requests, please wait before trying again.' },
      });
    }
  });

  it('Bedrock 503 ServiceUnavailable -> 529 overloaded_error; a 400 the mock gives for a bad request -> invalid_request_error', async () => {
    const s = setup();
    s.converse.injectFault({ kind: 'http-error', status: 503, message: 'Bedrock is unable to process your request.' });
    const res = await s.gateway.fetch(count({ model: MODELS.converse, messages }));
    expect(res.status).toBe(529);
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Bedrock is unable to process your request.' },
    });

    // the model "doesn't support counting tokens": Bedrock's ValidationException
    s.invoke.injectFault({
      kind: 'http-error',
      status: 400,
      message: "The provided model doesn't support counting tokens.",
    });
    const refused = await s.gateway.fetch(count({ model: MODELS.bedrock, messages }));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: "The provided model doesn't support counting tokens." },
    });
  });

  it("Vertex: a Google 401 (the gateway's bad token) -> 502 naming the provider's credentials; a Google 429 -> rate_limit_error; an Anthropic error body passes", async () => {
    const bad = setup({ vertexToken: 'wrong' });
    const res = await bad.gateway.fetch(count({ model: MODELS.vertex, messages }));
    expect(bad.vertex.requests[0]!.status).toBe(401);
    // the client's key was fine: the gateway's own token was refused, so the client is not told to fix its key
    expect(res.status).toBe(502);
    const body = (await res.json()) as ErrorBody;
    expect(body).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(body.error.message).toContain("the gateway's credentials for provider vertex were rejected");
    expect(body.error.message).not.toContain('invalid authentication credentials');

    const s = setup();
    s.vertex.injectFault({
      kind: 'http-error',
      status: 429,
      body: {
        error: {
          code: 429,
          message: 'Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model',
          status: 'RESOURCE_EXHAUSTED',
        },
      },
      headers: { 'retry-after': '9' },
    });
    const limited = await s.gateway.fetch(count({ model: MODELS.vertex, messages }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('9');
    expect(await limited.json()).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', message: expect.stringContaining('Quota exceeded') },
    });

    s.vertex.injectFault({ kind: 'http-error', status: 529, message: 'Overloaded' });
    const overloaded = await s.gateway.fetch(count({ model: MODELS.vertex, messages }));
    expect(overloaded.status).toBe(529);
    expect(await overloaded.json()).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it('an upstream 200 that is not a token count is a 502 api_error', async () => {
    for (const [format, reply] of [
      ['bedrock-invoke', '{"input_tokens":3}'],
      ['bedrock-converse', '{"inputTokens":-1}'],
      ['vertex-anthropic', '{"inputTokens":3}'],
      ['vertex-anthropic', 'not json'],
    ] as const) {
      const gateway = createGateway({
        providers: { p: { format, baseUrl: 'http://p.mock', apiKey: 'k', project: 'proj', region: 'r' } },
        fetch: async () => new Response(reply, { status: 200, headers: { 'content-type': 'application/json' } }),
        log: () => {},
      });
      const res = await gateway.fetch(count({ model: '@p/m', messages }));
      expect(res.status, `${format} ${reply}`).toBe(502);
      expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    }
  });
});

describe('gateway count_tokens: Bedrock Converse losses', () => {
  // a URL image has no Converse counterpart: a loss the translator reports
  const lossy = {
    model: MODELS.converse,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look at this' },
          { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        ],
      },
    ],
  };

  it('are reported as for /v1/messages, and strict refuses them with a 400 before any upstream call', async () => {
    const { gateway, converse, logged } = setup();
    const res = await gateway.fetch(count(lossy, { 'x-crosswire-debug': 'losses' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ input_tokens: 3 });
    const detail = JSON.parse(decodeURIComponent(res.headers.get('x-crosswire-loss-detail') ?? '[]')) as {
      path: string;
    }[];
    expect(Number(res.headers.get('x-crosswire-losses'))).toBe(detail.length);
    expect(detail.map((l) => l.path)).toEqual(['messages[0].content[1]']);
    expect(logged).toContainEqual(
      expect.objectContaining({ direction: 'request', providerFormat: 'bedrock-converse' }),
    );
    expect(converse.requests[0]!.body).toEqual({
      input: { converse: { messages: [{ role: 'user', content: [{ text: 'look at this' }] }] } },
    });

    const strict = setup({ strict: true });
    const refused = await strict.gateway.fetch(count(lossy));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(strict.converse.requests).toHaveLength(0);
  });
});
