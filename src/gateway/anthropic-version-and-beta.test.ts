import { describe, expect, it } from 'vitest';
import type { GatewayConfig } from './config.js';
import { createGateway } from './create-gateway.js';

const MESSAGE = {
  id: 'msg_up1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [{ type: 'text', text: 'Hello' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 1 },
};

/** A gateway whose providers all answer MESSAGE, recording what they got. */
function gateway() {
  const seen: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const config: GatewayConfig = {
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'k' },
      bedrock: { format: 'bedrock-invoke', baseUrl: 'http://bedrock.test', apiKey: 'k' },
      vertex: {
        format: 'vertex-anthropic',
        baseUrl: 'http://vertex.test',
        apiKey: 'k',
        project: 'p',
        region: 'us-east5',
      },
    },
    fetch: async (req: Request) => {
      seen.push({ url: req.url, headers: req.headers, body: (await req.json()) as Record<string, unknown> });
      return Response.json(MESSAGE);
    },
    log: () => {},
  };
  return { gw: createGateway(config), seen };
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const messages = (model: string) => ({ model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
const BETA = 'interleaved-thinking-2025-05-14, context-1m-2025-08-07';

describe('gateway: anthropic-beta across Anthropic, Bedrock and Vertex', () => {
  it('an Anthropic client header goes into a Bedrock InvokeModel body as anthropic_beta', async () => {
    const { gw, seen } = gateway();
    const res = await gw.fetch(
      post('/v1/messages', messages('@bedrock/anthropic.claude-x'), { 'x-api-key': 'c', 'anthropic-beta': BETA }),
    );
    expect(res.status).toBe(200);
    expect(seen[0]?.body.anthropic_beta).toEqual(['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07']);
    expect(seen[0]?.headers.get('anthropic-beta')).toBeNull();
  });

  it('an Anthropic client header reaches Vertex and Anthropic upstreams as the header', async () => {
    const { gw, seen } = gateway();
    await gw.fetch(post('/v1/messages', messages('@vertex/claude-x'), { 'x-api-key': 'c', 'anthropic-beta': BETA }));
    await gw.fetch(post('/v1/messages', messages('@anthropic/claude-x'), { 'x-api-key': 'c', 'anthropic-beta': BETA }));
    expect(seen.map((s) => s.headers.get('anthropic-beta'))).toEqual([BETA, BETA]);
    expect(seen[0]?.body.anthropic_beta).toBeUndefined();
  });

  it("a Bedrock InvokeModel client's anthropic_beta becomes the anthropic-beta header of an Anthropic upstream", async () => {
    const { gw, seen } = gateway();
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['a-1', 'b-2'],
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    };
    const res = await gw.fetch(
      post(`/model/${encodeURIComponent('@anthropic/claude-x')}/invoke`, body, { authorization: 'Bearer c' }),
    );
    expect(res.status).toBe(200);
    expect(seen[0]?.headers.get('anthropic-beta')).toBe('a-1,b-2');
    expect(seen[0]?.body.anthropic_beta).toBeUndefined();
  });

  it('no beta: no header, no body field', async () => {
    const { gw, seen } = gateway();
    await gw.fetch(post('/v1/messages', messages('@bedrock/anthropic.claude-x'), { 'x-api-key': 'c' }));
    await gw.fetch(post('/v1/messages', messages('@vertex/claude-x'), { 'x-api-key': 'c' }));
    expect(seen[0]?.body.anthropic_beta).toBeUndefined();
    expect(seen[1]?.headers.get('anthropic-beta')).toBeNull();
  });
});

describe('gateway: anthropic-version 2026-10-21 rules for non-Claude providers', () => {
  const config = (fetch: GatewayConfig['fetch']): GatewayConfig => ({
    providers: {
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: 'k' },
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'k' },
    },
    fetch,
    log: () => {},
  });

  it('a 2026-10-21 client sending temperature to an OpenAI provider gets Anthropic’s 400 naming the field; nothing goes upstream', async () => {
    let calls = 0;
    const gw = createGateway(
      config(async () => {
        calls++;
        return Response.json({});
      }),
    );
    const res = await gw.fetch(
      post(
        '/v1/messages',
        { ...messages('@openai/gpt-4o'), temperature: 1 },
        { 'x-api-key': 'c', 'anthropic-version': '2026-10-21' },
      ),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('temperature');
    expect(calls).toBe(0);
  });

  it('2023-06-01 clients keep temperature; a Claude upstream judges 2026-10-21 requests itself', async () => {
    const seen: string[] = [];
    const gw = createGateway(
      config(async (req) => {
        seen.push(new URL(req.url).host);
        return new URL(req.url).host === 'anthropic.test'
          ? Response.json(MESSAGE)
          : Response.json({ error: { message: 'x' } }, { status: 500 });
      }),
    );
    await gw.fetch(
      post(
        '/v1/messages',
        { ...messages('@openai/gpt-4o'), temperature: 1 },
        { 'x-api-key': 'c', 'anthropic-version': '2023-06-01' },
      ),
    );
    await gw.fetch(
      post(
        '/v1/messages',
        { ...messages('@anthropic/claude-x'), temperature: 1 },
        { 'x-api-key': 'c', 'anthropic-version': '2026-10-21' },
      ),
    );
    expect(seen).toEqual(['openai.test', 'anthropic.test']);
  });
});
