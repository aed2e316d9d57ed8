/**
 * The gateway's defences (docs/security.md), in process, one by one: credential errors and secrets, the Host
 * allow-list, nesting depth, prototype keys as provider names, dot segments in path models, body limits, loss
 * reports, duplicate keys, /health, client keys, methods.
 */
import { describe, expect, it } from 'vitest';
import { messageStart } from '../../test/support/anthropic-events.js';
import { encodeAnthropicEvent } from '../formats/anthropic-messages/codec.js';
import { clientKeyCheck } from './client-keys.js';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

const OPENAI_KEY = 'sk-oai-SECRETabcdefghij0123';
const ANTHROPIC_KEY = 'sk-ant-SECRET-klmnopqrst-4567';
const BEDROCK_KEY = 'bedrock-api-key-SECRET-89ab';
const ORG_TOKEN = 'org-token-SECRET-cdef-0000';
const CLIENT_KEY = 'client-key-SECRET-7777';
const SECRET_PARTS = ['SECRET', '0123', '4567', '89ab', 'cdef', '7777'];

type Recorded = { url: string; headers: Headers; raw: string };

/** A gateway whose upstream calls go to `reply`; what reached the upstream is in `seen`, what was logged in `logs`. */
function setup(reply: (req: Request, raw: string) => Response | Promise<Response>, extra: Partial<GatewayConfig> = {}) {
  const seen: Recorded[] = [];
  const logs: unknown[] = [];
  const gateway = createGateway({
    providers: {
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: OPENAI_KEY },
      anthropic: {
        format: 'anthropic-messages',
        baseUrl: 'http://anthropic.test',
        apiKey: ANTHROPIC_KEY,
        headers: { 'x-org-token': ORG_TOKEN },
      },
      bed: { format: 'bedrock-converse', baseUrl: 'http://bedrock.test', apiKey: BEDROCK_KEY },
      invoke: { format: 'bedrock-invoke', baseUrl: 'http://bedrock.test', apiKey: BEDROCK_KEY },
      fwd: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', forwardClientKey: true },
    },
    fetch: async (req) => {
      const raw = await req.text();
      seen.push({ url: req.url, headers: req.headers, raw });
      return reply(req, raw);
    },
    log: (e) => logs.push(e),
    ...extra,
  });
  return { gateway, seen, logs };
}

const okOpenAI = () =>
  Response.json({
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content: 'hi', refusal: null }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  });

function request(path: string, body: unknown, headers: Record<string, string> = {}, host = 'localhost'): Request {
  return new Request(`http://${host}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const anthropicBody = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});
const openaiBody = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});

/** Everything a client sees of a response. */
async function visible(res: Response): Promise<string> {
  return `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await res.text()}`;
}

const leaked = (text: string) => SECRET_PARTS.filter((p) => text.includes(p));

describe('upstream credential errors and configured secrets (item 1)', () => {
  /** OpenAI's own 401 wording, with the key masked as OpenAI masks it. */
  const openai401 = () =>
    Response.json(
      {
        error: {
          message: 'Incorrect API key provided: sk-oai-S************0123. You can find your API key at …',
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      },
      { status: 401 },
    );

  it("an upstream 401 is a 502 naming the provider's credentials, not the client's authentication_error (translated)", async () => {
    const s = setup(openai401);
    const res = await s.gateway.fetch(request('/v1/messages', anthropicBody('@openai/gpt-4o')));
    const text = await visible(res);
    expect(res.status).toBe(502);
    const body = JSON.parse(text.slice(text.indexOf('\n\n') + 2)) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toContain(
      "the gateway's credentials for provider openai were rejected (upstream HTTP 401)",
    );
    expect(leaked(text)).toEqual([]);
    expect(leaked(JSON.stringify(s.logs))).toEqual([]);
    expect(JSON.stringify(s.logs)).toContain('upstream_credentials_rejected');
  });

  it('same in pass-through (OpenAI client, OpenAI provider), and for 403', async () => {
    for (const status of [401, 403]) {
      const s = setup(() =>
        Response.json(
          { error: { message: `key ${OPENAI_KEY} refused`, type: 'x', param: null, code: null } },
          { status },
        ),
      );
      const res = await s.gateway.fetch(request('/v1/chat/completions', openaiBody('@openai/gpt-4o')));
      const text = await visible(res);
      expect(res.status).toBe(502);
      expect(text).toContain('server_error');
      expect(leaked(text)).toEqual([]);
    }
  });

  it("a provider with forwardClientKey: the upstream judged the client's own key, so its 401 is relayed", async () => {
    const s = setup(openai401);
    const res = await s.gateway.fetch(
      request('/v1/messages', anthropicBody('@fwd/gpt-4o'), { authorization: 'Bearer the-clients-key' }),
    );
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
  });

  it('upstreamAuthErrors: relay keeps the status, the key still masked out', async () => {
    const s = setup(openai401, { upstreamAuthErrors: 'relay' });
    const res = await s.gateway.fetch(request('/v1/chat/completions', openaiBody('@openai/gpt-4o')));
    const text = await visible(res);
    expect(res.status).toBe(401);
    expect(text).toContain('Incorrect API key provided: [redacted]. You can find');
    expect(leaked(text)).toEqual([]);
  });

  it('an upstream that reflects the request headers: every configured secret redacted, translated and passed through', async () => {
    const reflect = (req: Request) =>
      new Response(
        JSON.stringify({
          type: 'error',
          error: { type: 'invalid_request_error', message: `got headers ${JSON.stringify([...req.headers])}` },
        }),
        { status: 400, headers: { 'content-type': 'application/json', 'retry-after': ANTHROPIC_KEY } },
      );
    const s = setup(reflect);
    const passThrough = await s.gateway.fetch(request('/v1/messages', anthropicBody('@anthropic/claude-x')));
    const translated = await s.gateway.fetch(request('/v1/chat/completions', openaiBody('@anthropic/claude-x')));
    for (const res of [passThrough, translated]) {
      expect(res.status).toBe(400);
      const text = await visible(res);
      expect(text).toContain('[redacted]');
      expect(text).toContain('x-api-key');
      expect(leaked(text)).toEqual([]);
    }
    // the upstream did get the keys: the redaction is on the way back
    expect(s.seen[0]?.headers.get('x-api-key')).toBe(ANTHROPIC_KEY);
    expect(s.seen[0]?.headers.get('x-org-token')).toBe(ORG_TOKEN);
  });

  it('a non-JSON upstream error and a non-stream answer that echo a key: redacted', async () => {
    const html = setup(() => new Response(`<h1>Bad key ${BEDROCK_KEY}</h1>`, { status: 500 }));
    const r1 = await html.gateway.fetch(request('/v1/messages', anthropicBody('@bed/model-x')));
    expect(r1.status).toBe(500);
    expect(leaked(await visible(r1))).toEqual([]);
    const echo = setup(() =>
      Response.json({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: 'gpt-4o',
        choices: [
          { index: 0, message: { role: 'assistant', content: `your key is ${OPENAI_KEY}` }, finish_reason: 'stop' },
        ],
      }),
    );
    for (const [path, body] of [
      ['/v1/messages', anthropicBody('@openai/gpt-4o')],
      ['/v1/chat/completions', openaiBody('@openai/gpt-4o')],
    ] as const) {
      const res = await echo.gateway.fetch(request(path, body));
      expect(res.status).toBe(200);
      const text = await visible(res);
      expect(text).toContain('your key is [redacted]');
      expect(leaked(text)).toEqual([]);
    }
  });

  it("a stream that carries a configured key ends with the client's error event before that chunk", async () => {
    const events = [
      messageStart({ input_tokens: 1, output_tokens: 1 }),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'fine, ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `the key is ${ANTHROPIC_KEY}` } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ];
    let cancelled = false;
    const s = setup(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(c) {
              for (const e of events) c.enqueue(new TextEncoder().encode(encodeAnthropicEvent(e)));
            },
            cancel() {
              cancelled = true;
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    for (const [path, body] of [
      ['/v1/messages', anthropicBody('@anthropic/claude-x', { stream: true })],
      ['/v1/chat/completions', openaiBody('@anthropic/claude-x', { stream: true })],
    ] as const) {
      const res = await s.gateway.fetch(request(path, body));
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(leaked(text)).toEqual([]);
      expect(text).toContain("held one of the gateway's credentials");
      expect(text).not.toContain('message_stop');
      expect(text).not.toContain('[DONE]');
    }
    expect(cancelled).toBe(true);
  });
});

describe('Host allow-list against DNS rebinding (item 2)', () => {
  const post = (host: string) => request('/v1/chat/completions', openaiBody('@openai/gpt-4o'), {}, host);

  it('no client keys: loopback names and addresses only; other hosts get 403 and nothing goes upstream', async () => {
    const s = setup(okOpenAI);
    for (const host of ['localhost', 'localhost:9400', '127.0.0.1:9400', '127.9.8.7', '[::1]:9400', 'gw.localhost']) {
      expect((await s.gateway.fetch(post(host))).status, host).toBe(200);
    }
    for (const host of [
      'rebind.attacker.example:9400',
      'attacker.example',
      '10.0.0.5',
      '0.0.0.0',
      'localhost.attacker.example',
    ]) {
      const res = await s.gateway.fetch(post(host));
      expect(res.status, host).toBe(403);
      const body = (await res.json()) as { error: { type: string; message: string } };
      expect(body.error.type).toBe('permission_error');
      expect(body.error.message).toContain('allowedHosts');
    }
    expect(s.seen).toHaveLength(6);
    // /health and unknown paths too: the check comes first
    const health = await s.gateway.fetch(new Request('http://attacker.example/health'));
    expect(health.status).toBe(403);
  });

  it('allowedHosts adds names (exact, .suffix) and "*" allows any; client keys alone allow any host', async () => {
    const listed = setup(okOpenAI, { allowedHosts: ['gw.example.com', '.internal.example'] });
    expect((await listed.gateway.fetch(post('gw.example.com:8787'))).status).toBe(200);
    expect((await listed.gateway.fetch(post('a.internal.example'))).status).toBe(200);
    expect((await listed.gateway.fetch(post('localhost'))).status).toBe(200);
    expect((await listed.gateway.fetch(post('other.example.com'))).status).toBe(403);
    const any = setup(okOpenAI, { allowedHosts: ['*'] });
    expect((await any.gateway.fetch(post('anything.example'))).status).toBe(200);
    const keyed = setup(okOpenAI, { clientKeys: [CLIENT_KEY] });
    const res = await keyed.gateway.fetch(
      request(
        '/v1/chat/completions',
        openaiBody('@openai/gpt-4o'),
        { authorization: `Bearer ${CLIENT_KEY}` },
        'gw.example',
      ),
    );
    expect(res.status).toBe(200);
    // client keys and an explicit list: the list applies
    const both = setup(okOpenAI, { clientKeys: [CLIENT_KEY], allowedHosts: ['gw.example'] });
    const refused = await both.gateway.fetch(
      request(
        '/v1/chat/completions',
        openaiBody('@openai/gpt-4o'),
        { authorization: `Bearer ${CLIENT_KEY}` },
        'x.example',
      ),
    );
    expect(refused.status).toBe(403);
  });
});

/** `n` levels of arrays around `inner` (objects as deep as this cannot go through `JSON.stringify`: text). */
const nest = (n: number, inner = '1') => ({ [DEEP_MARK]: `${'['.repeat(n)}${inner}${']'.repeat(n)}` });
/** `n` levels of `{ items: … }` schema, as text. */
const deepSchema = (n: number) => ({
  [DEEP_MARK]: `${'{"type":"array","items":'.repeat(n)}{"type":"string"}${'}'.repeat(n)}`,
});
const DEEP_MARK = '$deep';
/** JSON text of `v`, with each `{ $deep: text }` replaced by that text. */
const deepJson = (v: unknown): string =>
  JSON.stringify(v).replace(/\{"\$deep":("(?:[^"\\]|\\.)*")\}/g, (_m, text: string) => JSON.parse(text) as string);

describe('nesting depth at the door (item 3)', () => {
  const DEEP = 5_000;

  it.each([
    [
      'a tool schema (Anthropic client, OpenAI provider)',
      '/v1/messages',
      anthropicBody('@openai/gpt-4o', {
        tools: [{ name: 't', input_schema: { type: 'object', properties: { a: deepSchema(DEEP) } } }],
      }),
      'tools[0].input_schema.properties.a.items.items',
    ],
    [
      'tool_use.input (Anthropic client, OpenAI provider)',
      '/v1/messages',
      anthropicBody('@openai/gpt-4o', {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 't', input: { a: nest(DEEP) } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
        ],
      }),
      'messages[1].content[0].input.a[0][0]',
    ],
    [
      'response_format (OpenAI client, Anthropic provider)',
      '/v1/chat/completions',
      openaiBody('@anthropic/claude-x', {
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema: deepSchema(DEEP) } },
      }),
      'response_format.json_schema.schema.items',
    ],
    [
      'a Converse toolSpec (Bedrock client, Anthropic provider)',
      '/model/%40anthropic%2Fclaude-x/converse',
      {
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: deepSchema(DEEP) } } }] },
      },
      'toolConfig.tools[0].toolSpec.inputSchema.json.items',
    ],
    [
      'count_tokens (OpenAI provider: estimated locally)',
      '/v1/messages/count_tokens',
      {
        model: '@openai/gpt-4o',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [{ name: 't', input_schema: deepSchema(DEEP) }],
      },
      'tools[0].input_schema.items',
    ],
  ])('%s: 400 naming the path, never the stack overflow', async (_name, path, body, pathStart) => {
    const s = setup(okOpenAI);
    const res = await s.gateway.fetch(request(path, deepJson(body)));
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('deeper than 128 levels');
    expect(text).toContain(pathStart);
    expect(text).not.toMatch(/call stack|internal/i);
    expect(s.seen).toEqual([]);
    expect(s.logs).toEqual([]);
  });

  it('the limit is maxJsonDepth: at it a body passes the door, one more level does not', async () => {
    const s = setup(okOpenAI, { maxJsonDepth: 20 });
    // the body object, messages, the message, content, the block, input: 6 levels before the nested arrays
    const at = (n: number) =>
      anthropicBody('@openai/gpt-4o', {
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 't', input: { a: nest(n) } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
        ],
      });
    expect((await s.gateway.fetch(request('/v1/messages', deepJson(at(14))))).status).toBe(200);
    const res = await s.gateway.fetch(request('/v1/messages', deepJson(at(15))));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('deeper than 20 levels');
  });

  it('an upstream answer nested too deep is a 502, not a crash', async () => {
    const s = setup(
      () =>
        new Response(
          deepJson({
            id: 'chatcmpl-1',
            object: 'chat.completion',
            created: 1,
            model: 'gpt-4o',
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: null,
                  tool_calls: [{ id: 'c1', type: 'function', function: { name: 't', arguments: '{}' } }],
                  extra: nest(DEEP),
                },
                finish_reason: 'tool_calls',
              },
            ],
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    const res = await s.gateway.fetch(request('/v1/messages', anthropicBody('@openai/gpt-4o')));
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('deeper than 128 levels');
    expect(JSON.stringify(s.logs)).not.toContain('internal_error');
  });
});

describe('provider names are own properties (item 4)', () => {
  it.each(['@constructor/x', '@__proto__/x', '@hasOwnProperty/x', '@toString/x'])('%s -> 404', async (model) => {
    const s = setup(okOpenAI);
    const res = await s.gateway.fetch(request('/v1/messages', anthropicBody(model)));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('not_found_error');
    expect(s.seen).toEqual([]);
  });

  it('hasOwnProperty/x names no provider: a 400 without a default provider', async () => {
    const s = setup(okOpenAI);
    const res = await s.gateway.fetch(request('/v1/messages', anthropicBody('hasOwnProperty/x')));
    expect(res.status).toBe(400);
    expect(s.seen).toEqual([]);
  });
});

describe('dot segments in path models (item 5)', () => {
  it('a body model @bed/.. (Anthropic client, Bedrock provider): 400, nothing upstream', async () => {
    const s = setup(okOpenAI);
    for (const model of ['@bed/..', '@bed/.', '@invoke/..']) {
      const res = await s.gateway.fetch(request('/v1/messages', anthropicBody(model)));
      expect(res.status, model).toBe(400);
      expect(await res.text()).toContain('relative URL path segment');
    }
    expect(s.seen).toEqual([]);
  });

  it('a Bedrock client naming @bed/%2e%2e in its path (same format): 400, nothing upstream', async () => {
    const s = setup(okOpenAI);
    const res = await s.gateway.fetch(
      request('/model/%40bed%2F%2e%2e/converse', { messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
    );
    expect(res.status).toBe(400);
    expect(s.seen).toEqual([]);
  });
});

describe('request body limits in the web-standard gateway (item 6)', () => {
  /** A request whose body sends `first`, then waits for `release` before it ends. */
  function held(path: string, first: string, release: Promise<void>, rest = ''): Request {
    const enc = new TextEncoder();
    let step = 0;
    return new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream<Uint8Array>({
        async pull(c) {
          if (step++ === 0) c.enqueue(enc.encode(first));
          else {
            await release;
            if (rest) c.enqueue(enc.encode(rest));
            c.close();
          }
        },
      }),
      duplex: 'half',
    } as RequestInit);
  }

  it('a body that does not arrive within bodyTimeoutMs: 408 in the caller format', async () => {
    const s = setup(okOpenAI, { bodyTimeoutMs: 100 });
    const t0 = Date.now();
    const res = await s.gateway.fetch(held('/v1/messages', '{"model":', new Promise(() => {})));
    expect(res.status).toBe(408);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(((await res.json()) as { type: string }).type).toBe('error');
    expect(s.seen).toEqual([]);
  });

  it('past maxInFlightBodyBytes: 503 with retry-after, until the bodies in flight are answered', async () => {
    const s = setup(okOpenAI, { maxInFlightBodyBytes: 64 * 1024 });
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const big = `{"model":"@openai/gpt-4o","messages":[{"role":"user","content":"${'x'.repeat(60 * 1024)}`;
    const first = s.gateway.fetch(held('/v1/chat/completions', big, gate, '"}]}'));
    await new Promise((r) => setTimeout(r, 20));
    // a second body that would take the total past the cap (declared length)
    const second = await s.gateway.fetch(
      request('/v1/chat/completions', openaiBody('@openai/gpt-4o', { user: 'y'.repeat(8 * 1024) })),
    );
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(((await second.json()) as { error: { type: string } }).error.type).toBe('server_error');
    release();
    expect((await first).status).toBe(200);
    // the first one was answered: its bytes are no longer held
    const third = await s.gateway.fetch(
      request('/v1/chat/completions', openaiBody('@openai/gpt-4o', { user: 'y'.repeat(8 * 1024) })),
    );
    expect(third.status).toBe(200);
  });

  it('a lone body larger than the budget still gets through (up to maxBodyBytes)', async () => {
    const s = setup(okOpenAI, { maxInFlightBodyBytes: 1024 });
    const res = await s.gateway.fetch(
      request('/v1/chat/completions', openaiBody('@openai/gpt-4o', { user: 'y'.repeat(4096) })),
    );
    expect(res.status).toBe(200);
  });
});

describe('loss reports are capped (item 7)', () => {
  const lossy = (n: number) => {
    const body: Record<string, unknown> = anthropicBody('@openai/gpt-4o');
    for (let i = 0; i < n; i++) body[`unknown_key_${i}_${'k'.repeat(40)}`] = i;
    return body;
  };

  it('the log lists the first maxReportedLosses and counts the rest', async () => {
    const s = setup(okOpenAI);
    const res = await s.gateway.fetch(request('/v1/messages', lossy(5_000)));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-crosswire-losses')).toBe('5000');
    const entry = s.logs.find((e) => (e as { direction?: string }).direction === 'request') as {
      losses: unknown[];
      lossesOmitted: number;
    };
    expect(entry.losses).toHaveLength(50);
    expect(entry.lossesOmitted).toBe(4_950);
    expect(JSON.stringify(entry).length).toBeLessThan(16 * 1024);
  });

  it('x-crosswire-loss-detail stays within 8 KB and says how many it left out', async () => {
    const s = setup(okOpenAI, { maxReportedLosses: 10_000 });
    const res = await s.gateway.fetch(request('/v1/messages', lossy(5_000), { 'x-crosswire-debug': 'losses' }));
    const detail = res.headers.get('x-crosswire-loss-detail') ?? '';
    expect(detail.length).toBeLessThanOrEqual(8 * 1024);
    const listed = JSON.parse(decodeURIComponent(detail)) as { path: string; reason: string }[];
    expect(listed.length).toBeGreaterThan(10);
    expect(listed[0]?.path).toMatch(/^unknown_key_0_/);
    expect(Number(res.headers.get('x-crosswire-loss-detail-omitted'))).toBe(5_000 - listed.length);
  });

  it('a loss with a huge path is shown elided', async () => {
    const s = setup(okOpenAI);
    const body: Record<string, unknown> = anthropicBody('@openai/gpt-4o');
    body[`k${'x'.repeat(100_000)}`] = 1;
    const res = await s.gateway.fetch(request('/v1/messages', body, { 'x-crosswire-debug': 'losses' }));
    expect((res.headers.get('x-crosswire-loss-detail') ?? '').length).toBeLessThan(1_000);
    expect(JSON.stringify(s.logs).length).toBeLessThan(2_000);
  });
});

describe('duplicate keys (item 8)', () => {
  it('a body with a key twice is refused, naming it: the escaped spelling of model too', async () => {
    const s = setup(okOpenAI, {
      providers: {
        openai: {
          format: 'openai-chat',
          baseUrl: 'http://openai.test/v1',
          apiKey: OPENAI_KEY,
          models: ['gpt-4o-mini'],
        },
      },
    });
    // routing would read the last model (allowed); an upstream that keeps the first would run the other one
    const raw =
      '{"mod\\u0065l":"@openai/gpt-4o","model":"@openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}';
    const res = await s.gateway.fetch(request('/v1/chat/completions', raw));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; param: string } };
    expect(body.error.param).toBe('model');
    expect(body.error.message).toContain('"model" appears more than once');
    expect(s.seen).toEqual([]);
    const nested = await s.gateway.fetch(
      request(
        '/v1/chat/completions',
        '{"model":"@openai/gpt-4o-mini","messages":[{"role":"user","content":"a","content":"b"}]}',
      ),
    );
    expect(nested.status).toBe(400);
    expect(((await nested.json()) as { error: { param: string } }).error.param).toBe('messages[0].content');
  });
});

describe('the smaller items (item 9)', () => {
  it('/health lists providers only to a caller with a client key when the gateway has keys', async () => {
    const open = setup(okOpenAI);
    expect(await (await open.gateway.fetch(new Request('http://localhost/health'))).json()).toMatchObject({
      ok: true,
      providers: expect.arrayContaining(['openai', 'anthropic']),
    });
    const keyed = setup(okOpenAI, { clientKeys: [CLIENT_KEY] });
    expect(await (await keyed.gateway.fetch(new Request('http://localhost/health'))).json()).toEqual({ ok: true });
    const wrong = new Request('http://localhost/health', { headers: { authorization: 'Bearer nope' } });
    expect(await (await keyed.gateway.fetch(wrong)).json()).toEqual({ ok: true });
    const right = new Request('http://localhost/health', { headers: { 'x-api-key': CLIENT_KEY } });
    expect(((await (await keyed.gateway.fetch(right)).json()) as { providers: string[] }).providers).toContain(
      'openai',
    );
  });

  it('"names no provider" is only reached with a good client key', async () => {
    const keyed = setup(okOpenAI, { clientKeys: [CLIENT_KEY] });
    const res = await keyed.gateway.fetch(request('/v1/messages', anthropicBody('gpt-4o')));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('openai');
  });

  it('client keys: compared whole (a prefix, a longer key, another key fail)', async () => {
    const check = clientKeyCheck(['key-one-1234', 'key-two-5678']);
    expect(check('key-one-1234')).toBe(true);
    expect(check('key-two-5678')).toBe(true);
    for (const k of ['key-one-123', 'key-one-12345', 'key-one-1235', '', 'key-two-5678 ', 'KEY-ONE-1234'])
      expect(check(k)).toBe(false);
    expect(clientKeyCheck([])('')).toBe(false);
  });

  it('a wrong method on a known path is 405 with Allow, in the caller format; an unknown path 404', async () => {
    const s = setup(okOpenAI);
    const get = await s.gateway.fetch(new Request('http://localhost/v1/messages'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(((await get.json()) as { type: string }).type).toBe('error');
    const put = await s.gateway.fetch(
      new Request('http://localhost/v1/chat/completions', { method: 'PUT', body: '{}' }),
    );
    expect(put.status).toBe(405);
    expect(((await put.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
    const health = await s.gateway.fetch(new Request('http://localhost/health', { method: 'POST', body: '' }));
    expect(health.status).toBe(405);
    expect(health.headers.get('allow')).toBe('GET, HEAD');
    const bedrock = await s.gateway.fetch(new Request('http://localhost/model/x/converse', { method: 'DELETE' }));
    expect(bedrock.status).toBe(405);
    expect(bedrock.headers.get('x-amzn-errortype')).toBeTruthy();
    expect((await s.gateway.fetch(new Request('http://localhost/v2/nothing'))).status).toBe(404);
    expect((await s.gateway.fetch(new Request('http://localhost/model/'))).status).toBe(404);
  });
});
