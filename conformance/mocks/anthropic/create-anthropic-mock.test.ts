import { describe, expect, it } from 'vitest';
import { validateResponse, validateStreamEvent } from '../../../src/validate/index.js';
import { checkAnthropicStream } from '../../checkers/check-anthropic-stream.js';
import { signatureFor } from '../../scripted-model/run-scripted-model.js';
import { readStreamEvents } from '../read-stream-events.js';
import { createAnthropicMock } from './create-anthropic-mock.js';

const BASE = 'https://api.anthropic.test';

function post(body: unknown, headers: Record<string, string> = {}, path = '/v1/messages'): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const hello = {
  model: 'claude-test',
  max_tokens: 100,
  system: 'be brief',
  messages: [{ role: 'user', content: 'hello big world' }],
};

const weatherTool = {
  name: 'get_weather',
  description: 'Weather',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
    required: ['city'],
  },
};

async function errorOf(
  response: Response,
): Promise<{ status: number; type: string; message: string; body: Record<string, unknown> }> {
  const body = (await response.json()) as { type: string; error: { type: string; message: string } };
  expect(body.type).toBe('error');
  return {
    status: response.status,
    type: body.error.type,
    message: body.error.message,
    body: body as unknown as Record<string, unknown>,
  };
}

describe('createAnthropicMock: answers', () => {
  it('echoes the last user text as a Message with word-count usage', async () => {
    const res = await createAnthropicMock()(post(hello));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('request-id')).toBe('req_mock');
    const msg = (await res.json()) as Record<string, unknown>;
    expect(msg.id).toMatch(/^msg_[0-9a-f]{8}$/);
    expect(msg).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-test',
      content: [{ type: 'text', text: 'echo: hello big world' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      // system "be brief" (2 words) + "hello big world" (3); "echo: hello big world" (4)
      usage: { input_tokens: 5, output_tokens: 4 },
    });
  });

  it('streams the same answer as SSE, in chunks of chunkSize characters, and the checker finds nothing wrong', async () => {
    const res = await createAnthropicMock({ chunkSize: 8 })(post({ ...hello, stream: true }));
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = (await readStreamEvents(res, 'anthropic-messages')) as Array<Record<string, unknown>>;
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events.slice(3, 6).map((e) => (e.delta as { text: string }).text)).toEqual([
      'echo: he',
      'llo big ',
      'world',
    ]);
    expect(events[7]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 4 },
    });
    expect(checkAnthropicStream(events)).toEqual([]);
  });

  it('stops at a stop sequence and at max_tokens', async () => {
    const mock = createAnthropicMock();
    const stopped = (await (await mock(post({ ...hello, stop_sequences: ['big'] }))).json()) as Record<string, unknown>;
    expect(stopped).toMatchObject({
      content: [{ type: 'text', text: 'echo: hello ' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'big',
    });
    const cut = (await (await mock(post({ ...hello, max_tokens: 2 }))).json()) as Record<string, unknown>;
    expect(cut).toMatchObject({
      content: [{ type: 'text', text: 'echo: hello' }],
      stop_reason: 'max_tokens',
      usage: { output_tokens: 2 },
    });
  });

  it('calls the tool that tool_choice forces, with arguments from its schema, also streamed', async () => {
    const mock = createAnthropicMock({ chunkSize: 5 });
    const body = { ...hello, tools: [weatherTool], tool_choice: { type: 'tool', name: 'get_weather' } };
    const msg = (await (await mock(post(body))).json()) as {
      content: Array<Record<string, unknown>>;
      stop_reason: string;
    };
    expect(msg.stop_reason).toBe('tool_use');
    expect(msg.content).toHaveLength(1);
    expect(msg.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'example_city' } });
    expect(msg.content[0]?.id).toMatch(/^toolu_[0-9a-f]{8}_0$/);
    const events = (await readStreamEvents(await mock(post({ ...body, stream: true })), 'anthropic-messages')) as Array<
      Record<string, unknown>
    >;
    expect(checkAnthropicStream(events)).toEqual([]);
    const json = events
      .filter((e) => e.type === 'content_block_delta')
      .map((e) => (e.delta as { partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ city: 'example_city' });
    const any = (await (await mock(post({ ...hello, tools: [weatherTool], tool_choice: { type: 'any' } }))).json()) as {
      stop_reason: string;
    };
    expect(any.stop_reason).toBe('tool_use');
  });

  it('thinks when thinking is enabled, with a deterministic signature before the block stops', async () => {
    const mock = createAnthropicMock();
    const body = { ...hello, max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 1024 } };
    const msg = (await (await mock(post(body))).json()) as { content: unknown[]; usage: { output_tokens: number } };
    expect(msg.content).toEqual([
      {
        type: 'thinking',
        thinking: 'Thinking about 5 input words.',
        signature: signatureFor('Thinking about 5 input words.'),
      },
      { type: 'text', text: 'echo: hello big world' },
    ]);
    expect(msg.usage.output_tokens).toBe(9);
    const events = (await readStreamEvents(await mock(post({ ...body, stream: true })), 'anthropic-messages')) as Array<
      Record<string, unknown>
    >;
    expect(checkAnthropicStream(events)).toEqual([]);
    expect(events.filter((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta')).toHaveLength(
      1,
    );
  });

  it('echoes tool results when the last user turn has no text, and counts tokens on count_tokens', async () => {
    const mock = createAnthropicMock();
    const messages = [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny and warm' }] },
    ];
    const msg = (await (await mock(post({ ...hello, messages }))).json()) as {
      content: unknown[];
      usage: { input_tokens: number };
    };
    expect(msg.content).toEqual([{ type: 'text', text: 'echo: sunny and warm' }]);
    // "be brief" 2 + "weather?" 1 + '{"city":"Paris"}' 1 + "sunny and warm" 3
    expect(msg.usage.input_tokens).toBe(7);
    const counted = await mock(
      post({ model: 'claude-test', system: 'be brief', messages }, {}, '/v1/messages/count_tokens'),
    );
    expect(counted.status).toBe(200);
    expect(await counted.json()).toEqual({ input_tokens: 7 });
  });

  it('accepts both auth styles and both API versions, and records every request', async () => {
    const mock = createAnthropicMock({ apiKey: 'secret' });
    const a = await mock(post(hello, { 'x-api-key': 'secret' }));
    const b = await mock(
      new Request(`${BASE}/v1/messages`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer secret',
          'anthropic-version': '2026-10-21',
          'content-type': 'application/json',
        },
        body: JSON.stringify(hello),
      }),
    );
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[1]).toMatchObject({ method: 'POST', path: '/v1/messages', status: 200, body: hello });
    expect(mock.requests[1]?.headers.authorization).toBe('Bearer secret');
    mock.reset();
    expect(mock.requests).toEqual([]);
  });
});

describe('createAnthropicMock: answers satisfy the spec', () => {
  const bodies: Array<[string, Record<string, unknown>]> = [
    ['text', hello],
    [
      'thinking + tool',
      {
        ...hello,
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [weatherTool],
        tool_choice: { type: 'auto' },
      },
    ],
    ['stop sequence', { ...hello, stop_sequences: ['big'] }],
    ['max_tokens 0', { ...hello, max_tokens: 0 }],
  ];
  for (const [what, body] of bodies) {
    it(`${what}: the Message passes validateResponse, every event validateStreamEvent and the checker`, async () => {
      const mock = createAnthropicMock({ chunkSize: 3 });
      const message: unknown = await (await mock(post(body))).json();
      expect(validateResponse('anthropic-messages', message)).toEqual({ ok: true, errors: [], value: message });
      const events = await readStreamEvents(await mock(post({ ...body, stream: true })), 'anthropic-messages');
      for (const event of events)
        expect(validateStreamEvent('anthropic-messages', event)).toEqual({ ok: true, errors: [], value: event });
      expect(checkAnthropicStream(events)).toEqual([]);
    });
  }
});

describe('createAnthropicMock: rejects like the real API', () => {
  const mock = createAnthropicMock({ apiKey: 'k' });

  const cases: Array<[string, Request, number, string, string]> = [
    [
      'no key',
      new Request(`${BASE}/v1/messages`, {
        method: 'POST',
        headers: { 'anthropic-version': '2023-06-01' },
        body: '{}',
      }),
      401,
      'authentication_error',
      'x-api-key',
    ],
    ['a wrong key', post(hello, { 'x-api-key': 'nope' }), 401, 'authentication_error', 'invalid x-api-key'],
    [
      'no anthropic-version',
      new Request(`${BASE}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'k' },
        body: JSON.stringify(hello),
      }),
      400,
      'invalid_request_error',
      'anthropic-version',
    ],
    [
      'an unknown version',
      post(hello, { 'anthropic-version': '2024-01-01' }),
      400,
      'invalid_request_error',
      '"2024-01-01"',
    ],
    ['invalid JSON', post('{"model":'), 400, 'invalid_request_error', 'not valid JSON'],
    ['a non-object body', post('[1]'), 400, 'invalid_request_error', 'JSON object'],
    [
      'a spec violation (no max_tokens)',
      post({ model: 'm', messages: hello.messages }),
      400,
      'invalid_request_error',
      'max_tokens',
    ],
    ['an unknown path', post(hello, {}, '/v1/complete'), 404, 'not_found_error', '/v1/complete'],
    [
      'a first assistant message',
      post({
        ...hello,
        messages: [
          { role: 'assistant', content: 'hi' },
          { role: 'user', content: 'x' },
        ],
      }),
      400,
      'invalid_request_error',
      'first message',
    ],
    [
      'a tool_result without a tool_use before it',
      post({
        ...hello,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: 'r' }] },
        ],
      }),
      400,
      'invalid_request_error',
      'messages[2].content[0]: unexpected `tool_use_id`',
    ],
    [
      'a tool_use not answered in the next user turn',
      post({
        ...hello,
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_1', name: 't', input: {} },
              { type: 'tool_use', id: 'toolu_2', name: 't', input: {} },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' }] },
        ],
      }),
      400,
      'invalid_request_error',
      'messages[1]: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_2',
    ],
    [
      'a thinking budget under 1024',
      post({ ...hello, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 1000 } }),
      400,
      'invalid_request_error',
      'budget_tokens',
    ],
    [
      'a thinking budget not under max_tokens',
      post({ ...hello, max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 2000 } }),
      400,
      'invalid_request_error',
      '`max_tokens` must be greater',
    ],
    [
      'thinking with a forced tool',
      post({
        ...hello,
        max_tokens: 3000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [weatherTool],
        tool_choice: { type: 'any' },
      }),
      400,
      'invalid_request_error',
      'tool_choice forces tool use',
    ],
    [
      'thinking with temperature 0.5',
      post({ ...hello, max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 1024 }, temperature: 0.5 }),
      400,
      'invalid_request_error',
      'temperature',
    ],
    [
      'thinking with top_k',
      post({ ...hello, max_tokens: 3000, thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 5 }),
      400,
      'invalid_request_error',
      'top_k',
    ],
    [
      'thinking with top_p 0.9',
      post({ ...hello, max_tokens: 3000, thinking: { type: 'adaptive' }, top_p: 0.9 }),
      400,
      'invalid_request_error',
      'top_p',
    ],
    [
      'an empty text block',
      post({ ...hello, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] }),
      400,
      'invalid_request_error',
      'messages[0].content[0]: text content blocks must be non-empty',
    ],
    [
      'an empty system text block',
      post({ ...hello, system: [{ type: 'text', text: '' }] }),
      400,
      'invalid_request_error',
      'system[0]: text content blocks must be non-empty',
    ],
    [
      'an empty user message',
      post({ ...hello, messages: [{ role: 'user', content: [] }] }),
      400,
      'invalid_request_error',
      'non-empty content',
    ],
    [
      'temperature under 2026-10-21',
      post({ ...hello, temperature: 1 }, { 'anthropic-version': '2026-10-21' }),
      400,
      'invalid_request_error',
      'temperature',
    ],
    [
      'top_k under 2026-10-21',
      post({ ...hello, top_k: 5 }, { 'anthropic-version': '2026-10-21' }),
      400,
      'invalid_request_error',
      'top_k',
    ],
    [
      'a document in an assistant message under 2026-10-21',
      post(
        {
          ...hello,
          messages: [
            { role: 'user', content: 'a' },
            {
              role: 'assistant',
              content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'd' } }],
            },
            { role: 'user', content: 'b' },
          ],
        },
        { 'anthropic-version': '2026-10-21' },
      ),
      400,
      'invalid_request_error',
      'messages[1].content[0]: document blocks',
    ],
  ];

  for (const [what, request, status, type, fragment] of cases) {
    it(`answers ${what} with ${status} ${type}`, async () => {
      const error = await errorOf(await mock(request));
      expect(error.status).toBe(status);
      expect(error.type).toBe(type);
      expect(error.message).toContain(fragment);
      expect(error.body.request_id).toBe('req_mock');
    });
  }

  it('accepts temperature under 2023-06-01, merged same-role turns, and tool results in a merged user turn', async () => {
    expect((await mock(post({ ...hello, temperature: 0.5 }))).status).toBe(200);
    const merged = [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 't', input: {} }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_2', name: 't', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_2', content: 'r' }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' }] },
    ];
    const res = await mock(post({ ...hello, messages: merged }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { content: unknown[] }).content).toEqual([{ type: 'text', text: 'echo: r\nr' }]);
  });

  it('accepts SDK 1.x system-role messages, leaves them out of the turn rules and counts their words', async () => {
    const res = await mock(
      post({
        ...hello,
        system: undefined,
        messages: [
          { role: 'system', content: 'sys words' },
          { role: 'user', content: 'hi' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { usage: { input_tokens: number } }).usage.input_tokens).toBe(3);
  });

  it('accepts an empty final assistant message (prefill)', async () => {
    const res = await mock(
      post({
        ...hello,
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: '' },
        ],
      }),
    );
    expect(res.status).toBe(200);
  });

  it('applies the same rules on count_tokens', async () => {
    const bad = post({ model: 'm', messages: [{ role: 'assistant', content: 'x' }] }, {}, '/v1/messages/count_tokens');
    expect((await errorOf(await mock(bad))).message).toContain('first message');
    const noModel = post({ messages: [{ role: 'user', content: 'x' }] }, {}, '/v1/messages/count_tokens');
    expect((await errorOf(await mock(noModel))).message).toContain('model');
  });

  it('answers a body over 32 MB with 413 request_too_large, without parsing it', async () => {
    const big = `{"model":"m","max_tokens":1,"messages":[{"role":"user","content":"${'a'.repeat(32 * 1024 * 1024)}"}]}`;
    const error = await errorOf(await mock(post(big)));
    expect([error.status, error.type]).toEqual([413, 'request_too_large']);
    expect(mock.requests.at(-1)?.body).toBeUndefined();
    const small = createAnthropicMock({ maxBodyBytes: 10 });
    expect((await small(post(hello))).status).toBe(413);
  });
});
