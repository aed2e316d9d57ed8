import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { validateResponse, validateStreamEvent } from '../../../src/validate/index.js';
import { checkResponsesStream } from '../../checkers/check-responses-stream.js';
import { readStreamEvents } from '../read-stream-events.js';
import { createResponsesMock } from './create-responses-mock.js';

const BASE = 'https://api.openai.test';

function post(body: unknown, path = '/v1/responses', headers: Record<string, string> = {}): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer k', ...headers },
    body: JSON.stringify(body),
  });
}

const weather = {
  type: 'function',
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

async function error(res: Response): Promise<{ status: number; message: string; param: unknown }> {
  const body = (await res.json()) as { error: { message: string; param: unknown } };
  return { status: res.status, message: body.error.message, param: body.error.param };
}

describe('createResponsesMock: answers', () => {
  it('echoes the last user text as a response object, valid by the spec, with word-count usage', async () => {
    const res = await createResponsesMock()(
      post({ model: 'gpt-test', instructions: 'be brief', input: 'hello big world' }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(validateResponse('openai-responses', body).errors).toEqual([]);
    expect(body).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'echo: hello big world' }] }],
      usage: { input_tokens: 5, output_tokens: 4 },
    });
  });

  it('streams the Responses grammar (checker and spec clean), and calls a forced tool with schema arguments', async () => {
    const res = await createResponsesMock({ chunkSize: 3 })(
      post({ model: 'm', input: 'weather?', tools: [weather], tool_choice: 'required', stream: true }),
    );
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events = await readStreamEvents(res, 'openai-responses');
    expect(checkResponsesStream(events)).toEqual([]);
    for (const e of events) expect(validateStreamEvent('openai-responses', e).errors).toEqual([]);
    const done = events.at(-1) as { response: { output: Array<Record<string, unknown>> } };
    expect(done.response.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
  });

  it('reasons when asked: a summary when asked for one, encrypted content when included', async () => {
    const res = await createResponsesMock()(
      post({
        model: 'm',
        input: 'think',
        reasoning: { effort: 'low', summary: 'auto' },
        include: ['reasoning.encrypted_content'],
      }),
    );
    const body = (await res.json()) as { output: Array<Record<string, unknown>> };
    expect(body.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text' }],
      encrypted_content: expect.any(String),
    });
    const plain = await createResponsesMock()(post({ model: 'm', input: 'think', reasoning: { effort: 'low' } }));
    const item = ((await plain.json()) as { output: Array<Record<string, unknown>> }).output[0];
    expect(item).toMatchObject({ type: 'reasoning', summary: [] });
    expect(item).not.toHaveProperty('encrypted_content');
  });

  it('counts input tokens at /v1/responses/input_tokens', async () => {
    const res = await createResponsesMock()(post({ model: 'm', input: 'one two three' }, '/v1/responses/input_tokens'));
    expect(await res.json()).toEqual({ object: 'response.input_tokens', input_tokens: 3 });
  });

  it('a stream-error fault is a numbered error event', async () => {
    const mock = createResponsesMock();
    mock.injectFault({ kind: 'stream-error', afterEvents: 2, status: 429, message: 'slow down' });
    const events = await readStreamEvents(
      await mock(post({ model: 'm', input: 'hi', stream: true })),
      'openai-responses',
    );
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'rate_limit_exceeded',
      message: 'slow down',
      param: null,
      sequence_number: 2,
    });
  });
});

describe('createResponsesMock: what the API rejects, in its words', () => {
  it.each([
    [
      { model: 'm', input: 'hi', max_output_tokens: 8 },
      "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 8 instead.",
      'max_output_tokens',
    ],
    [
      { model: 'm', input: 'hi', previous_response_id: 'resp_x' },
      "Previous response with id 'resp_x' not found.",
      'previous_response_id',
    ],
    [
      { model: 'm', input: [{ type: 'function_call_output', call_id: 'call_9', output: 'x' }] },
      'No tool call found for function call output with call_id call_9.',
      'input',
    ],
    [
      {
        model: 'm',
        input: [
          { role: 'user', content: 'hi' },
          { type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{}' },
        ],
      },
      'No tool output found for function call call_1.',
      'input',
    ],
    [
      {
        model: 'm',
        input: [
          { role: 'user', content: 'hi' },
          { type: 'reasoning', id: 'rs_1', summary: [] },
        ],
      },
      "Item 'rs_1' of type 'reasoning' was provided without its required following item.",
      'input',
    ],
    [
      { model: 'm', input: 'hi', text: { format: { type: 'json_object' } } },
      "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
      'input',
    ],
    [
      { model: 'm', input: 'hi', tools: [{ ...weather, name: 'get.weather' }] },
      "Invalid 'tools[0].name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.",
      'tools[0].name',
    ],
    [
      { model: 'm', input: 'hi', tools: [{ ...weather, strict: true }] },
      "Invalid schema for function 'get_weather': In context=(), 'additionalProperties' is required to be supplied and to be false.",
      'tools',
    ],
  ])('%o', async (body, message, param) => {
    expect(await error(await createResponsesMock()(post(body)))).toEqual({ status: 400, message, param });
  });

  it('refuses an assistant message with input parts (the spec) and a missing key (auth)', async () => {
    const bad = await createResponsesMock()(
      post({ model: 'm', input: [{ role: 'assistant', content: [{ type: 'input_text', text: 'x' }] }] }),
    );
    expect(bad.status).toBe(400);
    const noKey = await createResponsesMock()(
      new Request(`${BASE}/v1/responses`, { method: 'POST', body: JSON.stringify({ model: 'm', input: 'hi' }) }),
    );
    expect(noKey.status).toBe(401);
  });
});

describe('the official openai SDK calls the mock (the mock as upstream)', () => {
  const client = () => {
    const mock = createResponsesMock();
    return new OpenAI({
      apiKey: 'k',
      baseURL: `${BASE}/v1`,
      maxRetries: 0,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => mock(new Request(input, init)),
    });
  };

  it('responses.create reads the JSON answer, output_text included', async () => {
    const r = await client().responses.create({ model: 'gpt-test', input: 'hello there' });
    expect(r.output_text).toBe('echo: hello there');
    expect(r.status).toBe('completed');
  });

  it('responses.stream() accumulates the streamed answer into the final response', async () => {
    const stream = client().responses.stream({
      model: 'gpt-test',
      input: 'weather please',
      tools: [{ type: 'function', name: 'get_weather', parameters: weather.parameters, strict: false }],
      tool_choice: 'required',
    });
    const deltas: string[] = [];
    stream.on('response.function_call_arguments.delta', (e) => deltas.push(e.delta));
    const final = await stream.finalResponse();
    const call = final.output.find((o) => o.type === 'function_call');
    expect(call && 'arguments' in call ? JSON.parse(call.arguments) : undefined).toEqual({ city: expect.any(String) });
    expect(deltas.join('')).toBe(call && 'arguments' in call ? call.arguments : '');
  });

  it('the SDK sees a 400 from the mock as BadRequestError with the message', async () => {
    await expect(client().responses.create({ model: 'm', input: 'hi', max_output_tokens: 8 })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('integer below minimum value'),
    });
  });
});
