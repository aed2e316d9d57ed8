import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

/** A recording upstream: answers with `reply(req, body)`; keeps what it got. */
function upstream(reply: (req: Request, body: unknown, raw: string) => Response | Promise<Response>) {
  const seen: { url: string; headers: Headers; raw: string; body: unknown }[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const raw = await req.text();
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    seen.push({ url: req.url, headers: req.headers, raw, body });
    return reply(req, body, raw);
  };
  return { fetch, seen };
}

const OPENAI_COMPLETION = {
  id: 'chatcmpl-up1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: 'Hi there', refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 },
};

const ANTHROPIC_MESSAGE = {
  id: 'msg_up1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 1 },
};

function config(fetch: GatewayConfig['fetch'], extra: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    providers: {
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: 'sk-upstream' },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'ant-upstream' },
    },
    fetch,
    log: () => {},
    randomId: () => '00000000-0000-4000-8000-000000000001',
    now: () => 1_800_000_000_000,
    ...extra,
  };
}

const anthropicBody = { model: '@openai/gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'Hello' }] };
const openaiBody = { model: '@anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }] };

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('gateway: Anthropic client -> OpenAI provider', () => {
  it('translates request and response, supplies id and created, strips the provider prefix', async () => {
    const up = upstream(() => Response.json(OPENAI_COMPLETION));
    const gw = createGateway(config(up.fetch));
    const res = await gw.fetch(
      post('/v1/messages', anthropicBody, { 'x-api-key': 'client-key', 'anthropic-version': '2023-06-01' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.type).toBe('message');
    expect(body.id).toBe('msg_00000000000040008000000000000001');
    expect(body.content).toEqual([{ type: 'text', text: 'Hi there' }]);
    expect(body.stop_reason).toBe('end_turn');
    expect(res.headers.get('x-crosswire-losses')).toBe('0');
    expect(up.seen).toHaveLength(1);
    const seen = up.seen[0]!;
    expect(seen.url).toBe('http://openai.test/v1/chat/completions');
    expect((seen.body as { model: string }).model).toBe('gpt-4o');
    // upstream credentials come from the provider config, never the client's key
    expect(seen.headers.get('authorization')).toBe('Bearer sk-upstream');
    expect(seen.raw).not.toContain('client-key');
    expect([...seen.headers.values()].join(' ')).not.toContain('client-key');
  });

  it('counts losses in x-crosswire-losses and logs them', async () => {
    const up = upstream(() => Response.json(OPENAI_COMPLETION));
    const logged: unknown[] = [];
    const gw = createGateway(config(up.fetch, { log: (e) => logged.push(e) }));
    const body = { ...anthropicBody, metadata: { user_id: 'u1' }, top_k: 5 };
    const res = await gw.fetch(post('/v1/messages', body, { 'x-api-key': 'k' }));
    expect(res.status).toBe(200);
    const n = Number(res.headers.get('x-crosswire-losses'));
    expect(n).toBeGreaterThanOrEqual(1); // top_k has no OpenAI equivalent
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(logged)).toContain('top_k');
  });

  it('translates an upstream HTTP error into the Anthropic error shape, status kept', async () => {
    const up = upstream(() =>
      Response.json(
        {
          error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
        },
        { status: 429, headers: { 'retry-after': '7' } },
      ),
    );
    const res = await createGateway(config(up.fetch)).fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'k' }));
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('rate_limit_error');
    expect(body.error.message).toContain('Rate limit reached');
  });

  it('turns a non-JSON upstream error (HTML 502) into api_error with status 502', async () => {
    const up = upstream(
      () =>
        new Response('<html><body>Bad Gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const res = await createGateway(config(up.fetch)).fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'k' }));
    expect(res.status).toBe(502);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(body.error.message).toContain('Bad Gateway');
  });

  it('answers an upstream connection failure with 502 in the client shape, naming the failure but not the address', async () => {
    const logged: unknown[] = [];
    const gw = createGateway(
      config(
        async () => {
          const cause = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:8443'), { code: 'ECONNREFUSED' });
          throw new TypeError('fetch failed', { cause });
        },
        { log: (e) => logged.push(e) },
      ),
    );
    const res = await gw.fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'k' }));
    expect(res.status).toBe(502);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toBe('upstream connection failed (ECONNREFUSED)');
    expect(text).not.toContain('10.1.2.3');
    expect(text).not.toContain('8443');
    // the operator's log keeps the whole error
    expect(JSON.stringify(logged)).toContain('connect ECONNREFUSED 10.1.2.3:8443');
  });
});

describe('gateway: upstream body that never completes', () => {
  it('a non-stream body stalled past the idle timeout -> 504 in the client shape', async () => {
    const stalled = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode('{"id":'));
          },
          // no more data, ever (until cancelled)
          pull: () => new Promise<void>(() => {}),
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    const gw = createGateway(config(async () => stalled(), { idleTimeoutMs: 100 }));
    const res = await gw.fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'k' }));
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'timeout_error' } });
  });
});

describe('gateway: OpenAI client -> Anthropic provider', () => {
  it('translates request and response; upstream gets x-api-key and anthropic-version from config', async () => {
    const up = upstream(() => Response.json(ANTHROPIC_MESSAGE));
    const res = await createGateway(config(up.fetch)).fetch(
      post('/v1/chat/completions', openaiBody, { authorization: 'Bearer client-key' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.object).toBe('chat.completion');
    expect(body.id).toBe('chatcmpl-00000000000040008000000000000001');
    expect(body.created).toBe(1_800_000_000);
    expect(body.choices).toEqual([
      expect.objectContaining({
        index: 0,
        finish_reason: 'stop',
        message: expect.objectContaining({ role: 'assistant', content: 'Hello' }),
      }),
    ]);
    const seen = up.seen[0]!;
    expect(seen.url).toBe('http://anthropic.test/v1/messages');
    expect(seen.headers.get('x-api-key')).toBe('ant-upstream');
    expect(seen.headers.get('anthropic-version')).toBe('2023-06-01');
    expect(seen.headers.get('authorization')).toBeNull();
    expect((seen.body as { model: string; max_tokens: unknown }).model).toBe('claude-sonnet-4-5');
  });

  it('translates an Anthropic overloaded error into an OpenAI error body', async () => {
    const up = upstream(() =>
      Response.json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, { status: 529 }),
    );
    const res = await createGateway(config(up.fetch)).fetch(
      post('/v1/chat/completions', openaiBody, { authorization: 'Bearer k' }),
    );
    expect(res.status).toBeGreaterThanOrEqual(500);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(body.error.message).toContain('Overloaded');
  });
});

describe('gateway: same format passes through', () => {
  it('sends the client bytes unchanged except the routed model name', async () => {
    const up = upstream(
      () => new Response(JSON.stringify(ANTHROPIC_MESSAGE), { headers: { 'content-type': 'application/json' } }),
    );
    const raw =
      '{ "model" : "@anthropic/claude-sonnet-4-5",\n  "max_tokens": 16, "messages": [{"role":"user","content":"model \\"x\\""}], "x_extra":  1 }';
    const res = await createGateway(config(up.fetch)).fetch(
      post('/v1/messages', raw, {
        'x-api-key': 'k',
        'anthropic-version': '2026-10-21',
        'anthropic-beta': 'token-counting-2024-11-01',
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(JSON.stringify(ANTHROPIC_MESSAGE));
    const seen = up.seen[0]!;
    expect(seen.raw).toBe(raw.replace('"@anthropic/claude-sonnet-4-5"', '"claude-sonnet-4-5"'));
    expect(seen.headers.get('anthropic-version')).toBe('2026-10-21');
    expect(seen.headers.get('anthropic-beta')).toBe('token-counting-2024-11-01');
  });

  it('relays a same-format JSON error body as it came', async () => {
    const err = '{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: too big"}}';
    const up = upstream(() => new Response(err, { status: 400, headers: { 'content-type': 'application/json' } }));
    const res = await createGateway(config(up.fetch)).fetch(
      post('/v1/messages', { ...anthropicBody, model: '@anthropic/c' }, { 'x-api-key': 'k' }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(err);
  });
});

describe('gateway: edge errors in the caller shape', () => {
  const gw = createGateway(config(async () => Response.json(OPENAI_COMPLETION)));

  it('invalid JSON -> 400 (Anthropic shape)', async () => {
    const res = await gw.fetch(post('/v1/messages', '{"model":', { 'x-api-key': 'k' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('invalid JSON -> 400 (OpenAI shape)', async () => {
    const res = await gw.fetch(post('/v1/chat/completions', 'nope', { authorization: 'Bearer k' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error).toHaveProperty('param');
    expect(body.error).toHaveProperty('code');
  });

  it('wrong content type -> 415 in the caller shape', async () => {
    const res = await gw.fetch(
      new Request('http://localhost/v1/messages', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify(anthropicBody),
      }),
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
  });

  it('schema violation -> 400 naming the JSON path (OpenAI param)', async () => {
    const res = await gw.fetch(
      post(
        '/v1/chat/completions',
        { model: '@openai/gpt-4o', messages: [{ role: 'user', content: 42 }] },
        { authorization: 'Bearer k' },
      ),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; param: string | null } };
    expect(body.error.param).toMatch(/^messages\[0\]/);
    expect(body.error.message).toContain('messages[0]');
  });

  it('schema violation -> 400 naming the JSON path (Anthropic)', async () => {
    const res = await gw.fetch(post('/v1/messages', { model: '@openai/gpt-4o', messages: [] }, { 'x-api-key': 'k' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('max_tokens');
  });

  it('body over the limit -> 413', async () => {
    const small = createGateway(config(async () => Response.json(OPENAI_COMPLETION), { maxBodyBytes: 100 }));
    const res = await small.fetch(
      post(
        '/v1/messages',
        { ...anthropicBody, messages: [{ role: 'user', content: 'x'.repeat(500) }] },
        { 'x-api-key': 'k' },
      ),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
  });

  it('unknown provider -> 404, bare model without default -> 400', async () => {
    const r1 = await gw.fetch(post('/v1/messages', { ...anthropicBody, model: '@nope/x' }, { 'x-api-key': 'k' }));
    expect(r1.status).toBe(404);
    expect(await r1.json()).toMatchObject({ error: { type: 'not_found_error' } });
    const r2 = await gw.fetch(
      post('/v1/chat/completions', { ...openaiBody, model: 'gpt-4o' }, { authorization: 'Bearer k' }),
    );
    expect(r2.status).toBe(400);
    expect(((await r2.json()) as { error: { param: string } }).error.param).toBe('model');
  });

  it('unknown anthropic-version -> 400', async () => {
    const res = await gw.fetch(
      post('/v1/messages', anthropicBody, { 'x-api-key': 'k', 'anthropic-version': '2020-01-01' }),
    );
    expect(res.status).toBe(400);
  });

  it('client keys, when configured, accept both auth header styles', async () => {
    const locked = createGateway(config(async () => Response.json(OPENAI_COMPLETION), { clientKeys: ['good'] }));
    expect((await locked.fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'bad' }))).status).toBe(401);
    expect((await locked.fetch(post('/v1/messages', anthropicBody))).status).toBe(401);
    expect((await locked.fetch(post('/v1/messages', anthropicBody, { 'x-api-key': 'good' }))).status).toBe(200);
    expect((await locked.fetch(post('/v1/messages', anthropicBody, { authorization: 'Bearer good' }))).status).toBe(
      200,
    );
  });

  it('unknown route -> 404 in a JSON error shape', async () => {
    const res = await gw.fetch(post('/v1/embeddings', {}));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { type: 'not_found_error' } });
  });
});

describe('gateway: count_tokens', () => {
  it('estimates for an OpenAI provider with a real tokenizer, marked as an estimate', async () => {
    const up = upstream(() => Response.json({}));
    const gw = createGateway(config(up.fetch));
    const res = await gw.fetch(
      post(
        '/v1/messages/count_tokens',
        { model: '@openai/gpt-4o', messages: [{ role: 'user', content: 'Hello, world' }] },
        { 'x-api-key': 'k' },
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-crosswire-estimate')).toBe('true');
    // o200k: "Hello, world" = 3 tokens + 4 per-message template tokens + 3 reply-priming tokens
    expect(await res.json()).toEqual({ input_tokens: 10 });
    expect(up.seen).toHaveLength(0);
  });

  it('forwards to an Anthropic provider', async () => {
    const up = upstream(() => Response.json({ input_tokens: 42 }));
    const res = await createGateway(config(up.fetch)).fetch(
      post(
        '/v1/messages/count_tokens',
        { model: '@anthropic/claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hi' }] },
        { 'x-api-key': 'k' },
      ),
    );
    expect(await res.json()).toEqual({ input_tokens: 42 });
    expect(res.headers.get('x-crosswire-estimate')).toBeNull();
    expect(up.seen[0]!.url).toBe('http://anthropic.test/v1/messages/count_tokens');
    expect((up.seen[0]!.body as { model: string }).model).toBe('claude-sonnet-4-5');
  });
});
