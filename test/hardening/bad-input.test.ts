/**
 * Bad client input through the gateway (over loopback, strict mocks behind it): every rejection is in the
 * caller's own error shape, names the JSON path at fault, and nothing reaches the upstream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anthropicRequest, CLIENT_KEY, openaiRequest, post, type Stack, startStack } from './stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

type Case = { name: string; body: unknown; path: RegExp };

const ANTHROPIC_CASES: Case[] = [
  {
    name: 'missing max_tokens',
    body: { model: '@openai/gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
    path: /max_tokens/,
  },
  {
    name: 'max_tokens of the wrong type',
    body: anthropicRequest('@openai/gpt-4o', { max_tokens: 'many' }),
    path: /max_tokens/,
  },
  { name: 'messages not an array', body: anthropicRequest('@openai/gpt-4o', { messages: 'hello' }), path: /messages/ },
  {
    name: 'a role that does not exist',
    body: anthropicRequest('@openai/gpt-4o', { messages: [{ role: 'robot', content: 'hi' }] }),
    path: /messages.*0.*role/,
  },
  {
    name: 'a content block of an unknown type',
    body: anthropicRequest('@openai/gpt-4o', { messages: [{ role: 'user', content: [{ type: 'hologram' }] }] }),
    path: /messages.*0.*content/,
  },
  {
    name: 'temperature as a string',
    body: anthropicRequest('@openai/gpt-4o', { temperature: 'hot' }),
    path: /temperature/,
  },
];

const OPENAI_CASES: Case[] = [
  { name: 'missing messages', body: { model: '@anthropic/claude-x' }, path: /messages/ },
  {
    name: 'messages not an array',
    body: openaiRequest('@anthropic/claude-x', { messages: 'hello' }),
    path: /messages/,
  },
  {
    name: 'a role that does not exist',
    body: openaiRequest('@anthropic/claude-x', { messages: [{ role: 'robot', content: 'hi' }] }),
    path: /messages.*0/,
  },
  {
    name: 'max_tokens of the wrong type',
    body: openaiRequest('@anthropic/claude-x', { max_tokens: 'many' }),
    path: /max_tokens/,
  },
  { name: 'n as an object', body: openaiRequest('@anthropic/claude-x', { n: { x: 1 } }), path: /\bn\b/ },
];

function upstreamCount(): number {
  return stack.anthropic.requests.length + stack.openai.requests.length;
}

describe('Anthropic client', () => {
  const url = () => `${stack.url}/v1/messages`;
  it.each(ANTHROPIC_CASES)('$name -> 400 invalid_request_error naming the path', async ({ body, path }) => {
    const before = upstreamCount();
    const res = await post(url(), body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(json.type).toBe('error');
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toMatch(path);
    expect(upstreamCount()).toBe(before);
  });

  it('invalid JSON -> 400 invalid_request_error', async () => {
    const res = await post(url(), '{"model": "x", "max_tokens": 5,');
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { type: string; message: string } };
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toMatch(/JSON/);
  });

  it('a JSON array body -> 400', async () => {
    const res = await post(url(), '[1,2,3]');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('invalid UTF-8 in the body -> 400, not a crash', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
      body: bytes,
    });
    expect(res.status).toBe(400);
  });

  it('wrong content type -> 4xx invalid_request_error in the Anthropic shape', async () => {
    const res = await post(url(), JSON.stringify(anthropicRequest('@openai/gpt-4o')), { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(res.status);
    const json = (await res.json()) as { type: string; error: { type: string; message: string } };
    expect(json.type).toBe('error');
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toMatch(/content-type/i);
  });

  it('an unsupported anthropic-version -> 400', async () => {
    const res = await post(url(), anthropicRequest('@openai/gpt-4o'), { 'anthropic-version': '1999-01-01' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });

  it('an unknown provider prefix -> 4xx naming the model, in the Anthropic shape', async () => {
    const res = await post(url(), anthropicRequest('@nowhere/gpt-4o'));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const json = (await res.json()) as { type: string; error: { message: string } };
    expect(json.type).toBe('error');
    expect(json.error.message).toMatch(/nowhere/);
  });
});

describe('OpenAI client', () => {
  const url = () => `${stack.url}/v1/chat/completions`;
  it.each(OPENAI_CASES)('$name -> 400 OpenAI error object with param', async ({ body, path }) => {
    const before = upstreamCount();
    const res = await post(url(), body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as {
      error: { type: string; message: string; param: string | null; code: unknown };
    };
    expect(Object.keys(json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.param).toMatch(path);
    expect(json.error.message).toMatch(path);
    expect(upstreamCount()).toBe(before);
  });

  it('invalid JSON -> 400 OpenAI error object', async () => {
    const res = await post(url(), '{"model": ');
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { type: string; message: string } };
    expect(json.error.type).toBe('invalid_request_error');
    expect(json.error.message).toMatch(/JSON/);
  });

  it('wrong content type -> 4xx OpenAI error object', async () => {
    const res = await post(url(), 'model=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([400, 415]).toContain(res.status);
    const json = (await res.json()) as { error: { type: string; message: string } };
    expect(json.error.type).toBe('invalid_request_error');
  });
});

describe('body size limit (32 MB default)', () => {
  const big = (bytes: number) =>
    JSON.stringify(anthropicRequest('@openai/gpt-4o', { messages: [{ role: 'user', content: 'a'.repeat(bytes) }] }));

  it.each([
    ['anthropic-messages', '/v1/messages'],
    ['openai-chat', '/v1/chat/completions'],
  ])(
    '%s: a body over 32 MB (content-length) -> 413 in the caller shape; upstream never called',
    async (format, path) => {
      const before = upstreamCount();
      const res = await post(`${stack.url}${path}`, big(33 * 1024 * 1024));
      expect(res.status).toBe(413);
      const json = (await res.json()) as { type?: string; error: { type: string; code?: string } };
      if (format === 'anthropic-messages') {
        expect(json.type).toBe('error');
        expect(json.error.type).toBe('request_too_large');
      } else expect(json.error.type).toBe('invalid_request_error');
      expect(upstreamCount()).toBe(before);
    },
  );

  it('a chunked body (no content-length) over 32 MB -> 413, stopped without reading it all', async () => {
    const piece = new TextEncoder().encode('a'.repeat(1024 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(
          new TextEncoder().encode('{"model":"@openai/gpt-4o","max_tokens":5,"messages":[{"role":"user","content":"'),
        );
      },
      pull(c) {
        if (sent >= 96) {
          c.enqueue(new TextEncoder().encode('"}]}'));
          c.close();
          return;
        }
        sent++;
        c.enqueue(piece);
      },
    });
    const res = await fetch(`${stack.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': CLIENT_KEY },
      body,
      duplex: 'half',
    } as RequestInit).catch((e: unknown) => e);
    // the gateway may answer 413 and close before the client finished sending: either is a refusal
    if (res instanceof Response) {
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe('request_too_large');
    }
    expect(sent).toBeLessThan(96);
  });

  it('a body just under the limit of a small-limit gateway is accepted', async () => {
    const small = await startStack({ maxBodyBytes: 4096 });
    try {
      const ok = await post(
        `${small.url}/v1/messages`,
        anthropicRequest('@openai/gpt-4o', { messages: [{ role: 'user', content: 'a'.repeat(3000) }] }),
      );
      expect(ok.status).toBe(200);
      const tooBig = await post(
        `${small.url}/v1/messages`,
        anthropicRequest('@openai/gpt-4o', { messages: [{ role: 'user', content: 'a'.repeat(5000) }] }),
      );
      expect(tooBig.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});
