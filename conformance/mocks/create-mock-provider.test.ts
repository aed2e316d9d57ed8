import { describe, expect, it } from 'vitest';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { createOpenAIMock } from './openai/create-openai-mock.js';
import { readStreamEvents } from './read-stream-events.js';

const url = 'http://openai.mock/v1/chat/completions';
const hello = { model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] };

function post(body: unknown, method = 'POST'): Request {
  return new Request(url, {
    method,
    headers: { authorization: 'Bearer k' },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
}

describe('createMockProvider (through the OpenAI mock)', () => {
  it('answers with `respond` instead of the scripted model, still validating and injecting faults', async () => {
    const fixture = { id: 'chatcmpl-fixture', object: 'chat.completion', created: 1, model: 'gpt-test', choices: [] };
    const mock = createOpenAIMock({ respond: ({ body }) => (body.stream ? undefined : { json: fixture }) });
    expect(await (await mock(post(hello))).json()).toEqual(fixture);
    expect(
      (await mock(post({ model: 'gpt-test', messages: [{ role: 'tool', tool_call_id: 'x', content: 'r' }] }))).status,
    ).toBe(400);
    mock.injectFault({ kind: 'http-error', status: 503 });
    expect((await mock(post(hello))).status).toBe(503);
    const chunks = await readStreamEvents(await mock(post({ ...hello, stream: true })), 'openai-chat');
    expect(checkOpenAIChunks(chunks)).toEqual([]);
  });

  it('takes the queued fault first, then the model name, then options.fault', async () => {
    const mock = createOpenAIMock({ fault: { kind: 'http-error', status: 502 } });
    mock.injectFault({ kind: 'http-error', status: 418 });
    expect((await mock(post({ ...hello, model: 'mock-error-429' }))).status).toBe(418);
    expect((await mock(post({ ...hello, model: 'mock-error-429' }))).status).toBe(429);
    expect((await mock(post(hello))).status).toBe(502);
    expect(mock.requests.map((r) => r.fault)).toEqual([
      { kind: 'http-error', status: 418 },
      { kind: 'http-error', status: 429 },
      { kind: 'http-error', status: 502 },
    ]);
  });

  it('does not spend a queued fault on a request it rejects', async () => {
    const mock = createOpenAIMock();
    mock.injectFault({ kind: 'http-error', status: 500 });
    expect((await mock(post({ model: 'gpt-test' }))).status).toBe(400);
    expect((await mock(post(hello))).status).toBe(500);
    expect((await mock(post(hello))).status).toBe(200);
  });

  it('uses a custom spec validator, and records rejected requests too', async () => {
    const mock = createOpenAIMock({ validate: () => ({ ok: false, errors: [{ path: 'model', message: 'nope' }] }) });
    const res = await mock(post(hello));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string; message: string } }).error).toMatchObject({
      param: 'model',
      message: "Invalid 'model': nope",
    });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]).toMatchObject({ status: 400, body: hello, bodyBytes: JSON.stringify(hello).length });
  });

  it('answers a GET with 404 in the provider shape', async () => {
    const res = await createOpenAIMock()(post(undefined, 'GET'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('not_found_error');
  });
});
