import { describe, expect, it } from 'vitest';
import { validateResponse, validateStreamEvent } from '../../../src/validate/index.js';
import { checkOpenAIChunks } from '../../checkers/check-openai-chunks.js';
import { readStreamEvents } from '../read-stream-events.js';
import { createOpenAIMock } from './create-openai-mock.js';

const BASE = 'https://api.openai.test';

function post(body: unknown, headers: Record<string, string> = {}, path = '/v1/chat/completions'): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const hello = {
  model: 'gpt-test',
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: 'hello big world' },
  ],
};

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

type Completion = {
  id: string;
  choices: Array<{ index: number; message: Record<string, unknown>; finish_reason: string }>;
  usage: Record<string, unknown>;
};

async function completion(res: Response): Promise<Completion> {
  expect(res.status).toBe(200);
  return (await res.json()) as Completion;
}

describe('createOpenAIMock: answers', () => {
  it('echoes the last user text as a chat.completion with word-count usage', async () => {
    const res = await createOpenAIMock()(post(hello));
    const c = await completion(res);
    expect(c.id).toMatch(/^chatcmpl-[0-9a-f]{8}$/);
    expect(c).toMatchObject({
      object: 'chat.completion',
      created: 1700000000,
      model: 'gpt-test',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'echo: hello big world', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    expect(c.choices[0]?.message.tool_calls).toBeUndefined();
  });

  it('streams chunks with usage:null, a usage chunk and [DONE] when include_usage is set; the checker finds nothing', async () => {
    const res = await createOpenAIMock({ chunkSize: 8 })(
      post({ ...hello, stream: true, stream_options: { include_usage: true } }),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const chunks = (await readStreamEvents(res, 'openai-chat')) as Array<Record<string, unknown> | string>;
    expect(chunks).toHaveLength(7);
    expect(checkOpenAIChunks(chunks)).toEqual([]);
    const objects = chunks.slice(0, 6) as Array<Record<string, unknown>>;
    expect(objects.slice(0, 5).every((c) => c.usage === null)).toBe(true);
    const deltas = objects.slice(0, 5).map((c) => (c.choices as Array<{ delta: Record<string, unknown> }>)[0]?.delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'echo: he' },
      { content: 'llo big ' },
      { content: 'world' },
      {},
    ]);
    expect(objects[5]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    expect(chunks[6]).toBe('[DONE]');
  });

  it('streams without usage fields when include_usage is not set', async () => {
    const chunks = (await readStreamEvents(
      await createOpenAIMock()(post({ ...hello, stream: true })),
      'openai-chat',
    )) as Array<Record<string, unknown> | string>;
    expect(checkOpenAIChunks(chunks)).toEqual([]);
    expect(chunks.some((c) => typeof c === 'object' && 'usage' in c)).toBe(false);
    expect(chunks.at(-1)).toBe('[DONE]');
  });

  it('answers n choices', async () => {
    const c = await completion(await createOpenAIMock()(post({ ...hello, n: 2 })));
    expect(c.choices.map((x) => x.index)).toEqual([0, 1]);
    expect(c.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 8, total_tokens: 13 });
    const chunks = await readStreamEvents(
      await createOpenAIMock()(post({ ...hello, n: 2, stream: true, stream_options: { include_usage: true } })),
      'openai-chat',
    );
    expect(checkOpenAIChunks(chunks)).toEqual([]);
  });

  it('stops at a stop string (finish stop) and at max_completion_tokens (finish length)', async () => {
    const mock = createOpenAIMock();
    const stopped = await completion(await mock(post({ ...hello, stop: 'big' })));
    expect(stopped.choices[0]).toMatchObject({ message: { content: 'echo: hello ' }, finish_reason: 'stop' });
    const cut = await completion(await mock(post({ ...hello, max_completion_tokens: 2 })));
    expect(cut.choices[0]).toMatchObject({ message: { content: 'echo: hello' }, finish_reason: 'length' });
    const cutOld = await completion(await mock(post({ ...hello, max_tokens: 3 })));
    expect(cutOld.choices[0]?.message.content).toBe('echo: hello big');
  });

  it('calls a forced tool (required, named, allowed_tools) with arguments from its schema', async () => {
    const mock = createOpenAIMock({ chunkSize: 4 });
    for (const tool_choice of [
      'required',
      { type: 'function', function: { name: 'get_weather' } },
      {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_weather' } }] },
      },
    ]) {
      const c = await completion(await mock(post({ ...hello, tools: [weatherTool], tool_choice })));
      expect(c.choices[0]?.finish_reason).toBe('tool_calls');
      expect(c.choices[0]?.message.content).toBeNull();
      const calls = c.choices[0]?.message.tool_calls as Array<Record<string, unknown>>;
      expect(calls).toHaveLength(1);
      expect(calls[0]?.id).toMatch(/^call_[0-9a-f]{8}_0$/);
      expect(calls[0]).toMatchObject({
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"example_city"}' },
      });
    }
    const chunks = await readStreamEvents(
      await mock(post({ ...hello, tools: [weatherTool], tool_choice: 'required', stream: true })),
      'openai-chat',
    );
    expect(checkOpenAIChunks(chunks)).toEqual([]);
  });

  it('counts reasoning tokens when reasoning_effort is set', async () => {
    const c = await completion(await createOpenAIMock()(post({ ...hello, reasoning_effort: 'low' })));
    expect(c.choices[0]?.message.content).toBe('echo: hello big world');
    // "Thinking about 5 input words." = 5 words of reasoning, + 4 of text
    expect(c.usage).toMatchObject({
      completion_tokens: 9,
      total_tokens: 14,
      completion_tokens_details: { reasoning_tokens: 5 },
    });
  });

  it('echoes the trailing tool messages', async () => {
    const messages = [
      { role: 'user', content: 'weather?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Rome"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'sunny' },
      { role: 'tool', tool_call_id: 'call_b', content: 'warm' },
    ];
    const c = await completion(await createOpenAIMock()(post({ model: 'gpt-test', messages })));
    expect(c.choices[0]?.message.content).toBe('echo: sunny\nwarm');
    // "weather?" 1 + '{"city":"Paris"}' 1 + '{"city":"Rome"}' 1 + "sunny" 1 + "warm" 1
    expect(c.usage.prompt_tokens).toBe(5);
  });
});

describe('createOpenAIMock: answers satisfy the spec', () => {
  const bodies: Array<[string, Record<string, unknown>]> = [
    ['text', hello],
    ['reasoning + forced tool', { ...hello, reasoning_effort: 'high', tools: [weatherTool], tool_choice: 'required' }],
    ['two choices, stop', { ...hello, n: 2, stop: ['big'] }],
    ['length', { ...hello, max_completion_tokens: 1 }],
  ];
  for (const [what, body] of bodies) {
    it(`${what}: the completion passes validateResponse, every chunk validateStreamEvent and the checker`, async () => {
      const mock = createOpenAIMock({ chunkSize: 3 });
      expect(validateResponse('openai-chat', await (await mock(post(body))).json())).toMatchObject({
        ok: true,
        errors: [],
      });
      const chunks = await readStreamEvents(
        await mock(post({ ...body, stream: true, stream_options: { include_usage: true } })),
        'openai-chat',
      );
      for (const chunk of chunks)
        expect(validateStreamEvent('openai-chat', chunk)).toEqual({ ok: true, errors: [], value: chunk });
      expect(checkOpenAIChunks(chunks)).toEqual([]);
    });
  }
});

describe('createOpenAIMock: rejects like the real API', () => {
  const mock = createOpenAIMock({ apiKey: 'k' });

  const cases: Array<[string, Request, number, string, string | null]> = [
    [
      'no key',
      new Request(`${BASE}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(hello) }),
      401,
      'authentication_error',
      null,
    ],
    [
      'an x-api-key instead of a bearer',
      post(hello, { authorization: '', 'x-api-key': 'k' }),
      401,
      'authentication_error',
      null,
    ],
    ['a wrong key', post(hello, { authorization: 'Bearer nope' }), 401, 'authentication_error', null],
    ['invalid JSON', post('{"model"'), 400, 'invalid_request_error', null],
    ['a spec violation (no messages)', post({ model: 'gpt-test' }), 400, 'invalid_request_error', 'messages'],
    ['an unknown path', post(hello, {}, '/v1/completions'), 404, 'not_found_error', null],
    [
      'a tool name with a space',
      post({ ...hello, tools: [{ type: 'function', function: { name: 'get weather' } }] }),
      400,
      'invalid_request_error',
      'tools[0].function.name',
    ],
    [
      'a tool name of 65 characters',
      post({ ...hello, tools: [{ type: 'function', function: { name: 'x'.repeat(65) } }] }),
      400,
      'invalid_request_error',
      'tools[0].function.name',
    ],
    ['five stop strings', post({ ...hello, stop: ['a', 'b', 'c', 'd', 'e'] }), 400, 'invalid_request_error', 'stop'],
    [
      'stream_options without stream',
      post({ ...hello, stream_options: { include_usage: true } }),
      400,
      'invalid_request_error',
      'stream_options',
    ],
    [
      'a tool message with no tool_calls before it',
      post({
        model: 'gpt-test',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'tool', tool_call_id: 'call_x', content: 'r' },
        ],
      }),
      400,
      'invalid_request_error',
      'messages[1].tool_call_id',
    ],
    [
      'a tool call left unanswered before the next user message',
      post({
        model: 'gpt-test',
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          { role: 'user', content: 'b' },
        ],
      }),
      400,
      'invalid_request_error',
      'messages[1]',
    ],
    [
      'tool messages out of order',
      post({
        model: 'gpt-test',
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            tool_calls: [
              { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } },
              { id: 'call_b', type: 'function', function: { name: 'f', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'call_b', content: 'r' },
          { role: 'tool', tool_call_id: 'call_a', content: 'r' },
        ],
      }),
      400,
      'invalid_request_error',
      'messages[2].tool_call_id',
    ],
  ];

  for (const [what, request, status, type, param] of cases) {
    it(`answers ${what} with ${status} ${type}${param ? ` (param ${param})` : ''}`, async () => {
      const res = await mock(request);
      expect(res.status).toBe(status);
      const body = (await res.json()) as { error: { message: string; type: string; param: unknown; code: unknown } };
      expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
      expect(body.error.type).toBe(type);
      if (param) expect(body.error.param).toBe(param);
    });
  }

  it('accepts tool messages that answer every call in order, and stream_options with stream', async () => {
    const messages = [
      { role: 'user', content: 'a' },
      { role: 'assistant', tool_calls: [{ id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_a', content: 'r' },
      { role: 'user', content: 'b' },
    ];
    expect((await mock(post({ model: 'gpt-test', messages }))).status).toBe(200);
    expect((await mock(post({ ...hello, stream: true, stream_options: { include_usage: true } }))).status).toBe(200);
    expect((await mock(post({ ...hello, stop: ['a', 'b', 'c', 'd'] }))).status).toBe(200);
  });

  it('answers a body over the size limit with 413', async () => {
    const res = await createOpenAIMock({ maxBodyBytes: 10 })(post(hello));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
  });
});
