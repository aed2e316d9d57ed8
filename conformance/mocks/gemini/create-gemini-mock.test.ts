import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../../src/core/formats.js';
import { translateRequest, translateResponse } from '../../../src/translate/translate.js';
import { translateStream } from '../../../src/translate/translate-stream.js';
import { validateResponse } from '../../../src/validate/index.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText } from '../../../test/support/stream-test-utils.js';
import { createGeminiMock } from './create-gemini-mock.js';

const BASE = 'https://generativelanguage.test';

function post(path: string, body: unknown, headers: Record<string, string> = { 'x-goog-api-key': 'k' }): Request {
  return new Request(BASE + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const hello = { contents: [{ role: 'user', parts: [{ text: 'hello big world' }] }] };

describe('gemini mock', () => {
  it('answers generateContent with the scripted model', async () => {
    const mock = createGeminiMock();
    const res = await mock(post('/v1beta/models/gemini-test:generateContent', hello));
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      candidates: [
        { content: { role: 'model', parts: [{ text: 'echo: hello big world' }] }, finishReason: 'STOP', index: 0 },
      ],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 },
      modelVersion: 'gemini-test',
    });
  });

  it('streams CRLF-framed SSE with finishReason and usage on the last chunk', async () => {
    const mock = createGeminiMock({ chunkSize: 5 });
    const res = await mock(post('/v1beta/models/gemini-test:streamGenerateContent?alt=sse', hello));
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(
      text
        .split('\r\n\r\n')
        .filter((s) => s !== '')
        .every((m) => m.startsWith('data: ')),
    ).toBe(true);
    const chunks = text
      .split('\r\n\r\n')
      .filter((s) => s !== '')
      .map(
        (m) =>
          JSON.parse(m.slice(6)) as {
            candidates: Array<{ content: { parts: Array<{ text: string }> }; finishReason?: string }>;
            usageMetadata?: unknown;
          },
      );
    expect(chunks.map((c) => c.candidates[0]!.content.parts[0]!.text).join('')).toBe('echo: hello big world');
    expect(chunks.at(-1)!.candidates[0]!.finishReason).toBe('STOP');
    expect(chunks.at(-1)!.usageMetadata).toEqual({ promptTokenCount: 3, candidatesTokenCount: 4, totalTokenCount: 7 });
  });

  it('rejects what Gemini rejects, with google.rpc.Status bodies', async () => {
    const mock = createGeminiMock();
    const cases: Array<[unknown, RegExp]> = [
      [
        {
          contents: [
            { role: 'user', parts: [{ text: 'a' }] },
            { role: 'user', parts: [{ text: 'b' }] },
          ],
        },
        /roles must alternate/,
      ],
      [{ contents: [{ role: 'user', parts: [] }] }, /at least one parts/],
      [
        { contents: [{ role: 'user', parts: [{ text: 'a', inlineData: { mimeType: 'image/png', data: 'AA' } }] }] },
        /exactly one data field/,
      ],
      [
        {
          ...hello,
          tools: [
            {
              functionDeclarations: [
                {
                  name: 'f',
                  parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } }, additionalProperties: false },
                },
              ],
            },
          ],
        },
        /additionalProperties/,
      ],
      [
        {
          ...hello,
          tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: {} } }] }],
        },
        /non-empty for OBJECT/,
      ],
      [
        {
          contents: [
            { role: 'user', parts: [{ text: 'a' }] },
            {
              role: 'model',
              parts: [{ functionCall: { name: 'f', args: {} } }, { functionCall: { name: 'g', args: {} } }],
            },
            { role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] },
          ],
        },
        /number of function response parts/,
      ],
    ];
    for (const [body, message] of cases) {
      const res = await mock(post('/v1beta/models/m:generateContent', body));
      expect(res.status).toBe(400);
      const err = (await res.json()) as { error: { code: number; status: string; message: string } };
      expect(err.error.code).toBe(400);
      expect(err.error.status).toBe('INVALID_ARGUMENT');
      expect(err.error.message).toMatch(message);
    }
  });

  it('requires an API key (header or ?key=)', async () => {
    const mock = createGeminiMock({ apiKey: 'secret' });
    expect((await mock(post('/v1beta/models/m:generateContent', hello, {}))).status).toBe(403);
    expect((await mock(post('/v1beta/models/m:generateContent', hello, { 'x-goog-api-key': 'wrong' }))).status).toBe(
      400,
    );
    expect((await mock(post('/v1beta/models/m:generateContent?key=secret', hello, {}))).status).toBe(200);
  });

  it('forces a function call in ANY mode', async () => {
    const mock = createGeminiMock();
    const res = await mock(
      post('/v1beta/models/m:generateContent', {
        ...hello,
        tools: [
          {
            functionDeclarations: [
              {
                name: 'get_weather',
                parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
              },
            ],
          },
        ],
        toolConfig: { functionCallingConfig: { mode: 'ANY' } },
      }),
    );
    const body = (await res.json()) as {
      candidates: Array<{ content: { parts: Array<{ functionCall?: { name: string } }> }; finishReason: string }>;
    };
    expect(body.candidates[0]!.content.parts[0]!.functionCall?.name).toBe('get_weather');
    expect(body.candidates[0]!.finishReason).toBe('STOP');
  });

  it('accepts what @google/genai sends and the SDK reads the mock stream', async () => {
    const mock = createGeminiMock();
    const client = new GoogleGenAI({
      apiKey: 'k',
      httpOptions: {
        baseUrl: BASE,
        apiVersion: 'v1beta',
        fetch: (input: RequestInfo | URL, init?: RequestInit) => mock(new Request(input, init)),
      } as never,
    });
    const chunks = [];
    for await (const c of await client.models.generateContentStream({
      model: 'gemini-test',
      contents: 'hi there',
      config: {
        systemInstruction: 'be brief',
        maxOutputTokens: 50,
        thinkingConfig: { thinkingBudget: 100, includeThoughts: true },
      },
    })) {
      chunks.push(c);
    }
    expect(chunks.map((c) => c.text ?? '').join('')).toBe('echo: hi there');
    expect(mock.requests[0]!.status).toBe(200);
  });
});

describe('Anthropic client through crosswire to the Gemini mock', () => {
  const anthropicRequest = {
    model: 'gemini-test',
    max_tokens: 200,
    system: 'be brief',
    thinking: { type: 'enabled', budget_tokens: 1024 },
    tools: [
      {
        name: 'get_weather',
        input_schema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
    ],
    tool_choice: { type: 'tool', name: 'get_weather' },
    messages: [
      { role: 'user', content: 'weather in Paris' },
      { role: 'user', content: 'please' },
    ],
  };

  it('JSON: the translated request passes the strict mock and the answer translates back to a valid Message', async () => {
    const mock = createGeminiMock();
    const req = translateRequest<FormatId, FormatId>('anthropic-messages', 'gemini', anthropicRequest);
    expect(req.losses.map((l) => l.path)).toEqual(['tools[0].input_schema.additionalProperties']);
    const res = await mock(post(String(req.context.upstreamPath), req.body));
    expect(res.status).toBe(200);
    const back = translateResponse('gemini', 'anthropic-messages', await res.json(), {
      id: 'msg_1',
      context: req.context,
    });
    expect(validateResponse('anthropic-messages', back.body)).toEqual({ ok: true, errors: [], value: back.body });
    const msg = back.body as {
      content: Array<{ type: string; name?: string; signature?: string }>;
      stop_reason: string;
    };
    expect(msg.stop_reason).toBe('tool_use');
    // the thought summary (includeThoughts), the forced call, the call's signature as an empty thinking block
    expect(msg.content.map((b) => b.type)).toEqual(['thinking', 'tool_use', 'thinking']);
    expect(msg.content[1]!.name).toBe('get_weather');
    expect(msg.content[2]!.signature).not.toBe('');
  });

  it('stream: the Anthropic SDK reads the translated mock stream', async () => {
    const mock = createGeminiMock({ chunkSize: 3 });
    const req = translateRequest<FormatId, FormatId>('anthropic-messages', 'gemini', {
      ...anthropicRequest,
      tools: undefined,
      tool_choice: undefined,
      stream: true,
    });
    const res = await mock(post(String(req.context.upstreamPath), req.body));
    expect(res.status).toBe(200);
    const bytes = await readText(
      translateStream('gemini', 'anthropic-messages', res.body!, { id: 'msg_2', context: req.context }),
    );
    const m = await anthropicSDKFinalMessage(bytes);
    expect(m.stop_reason).toBe('end_turn');
    const text = (m.content as Array<{ type: string; text?: string }>)
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join('');
    expect(text).toBe('echo: weather in Paris\nplease');
  });

  it('an HTTP error from the mock becomes an Anthropic error', async () => {
    const mock = createGeminiMock();
    mock.injectFault({ kind: 'http-error', status: 429, message: 'Quota exceeded' });
    const req = translateRequest('anthropic-messages', 'gemini', {
      model: 'm',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
    const res = await mock(post(String(req.context.upstreamPath), req.body));
    const { translateError } = await import('../../../src/translate/translate.js');
    expect(translateError('gemini', 'anthropic-messages', { status: res.status, body: await res.json() })).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Quota exceeded' } },
    });
  });
});

describe('gemini mock: countTokens', () => {
  const wrapped = {
    generateContentRequest: {
      model: 'models/gemini-test',
      systemInstruction: { parts: [{ text: 'be brief' }] },
      contents: [
        { role: 'user', parts: [{ text: 'hello big world' }] },
        { role: 'model', parts: [{ functionCall: { name: 'f', args: { a: 1 } } }] },
        { role: 'user', parts: [{ functionResponse: { name: 'f', response: { ok: true } } }] },
      ],
      tools: [
        {
          functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { a: { type: 'INTEGER' } } } }],
        },
      ],
    },
  };

  it('counts the generateContentRequest with the scripted tokenizer', async () => {
    const mock = createGeminiMock();
    const res = await mock(post('/v1beta/models/gemini-test:countTokens', wrapped));
    expect(res.status).toBe(200);
    // "be brief" 2 + "hello big world" 3 + '{"a":1}' 1 + '{"ok":true}' 1 (one word each)
    expect(await res.json()).toEqual({ totalTokens: 7, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 7 }] });
  });

  it('counts contents sent alone, and accepts what @google/genai countTokens sends', async () => {
    const mock = createGeminiMock();
    const res = await mock(post('/v1beta/models/gemini-test:countTokens', hello));
    expect(((await res.json()) as { totalTokens: number }).totalTokens).toBe(3);
    const client = new GoogleGenAI({
      apiKey: 'k',
      httpOptions: {
        baseUrl: BASE,
        apiVersion: 'v1beta',
        fetch: (input: RequestInfo | URL, init?: RequestInit) => mock(new Request(input, init)),
      } as never,
    });
    const r = await client.models.countTokens({ model: 'gemini-test', contents: 'one two three four' });
    expect(r.totalTokens).toBe(4);
    expect(mock.requests[1]!.status).toBe(200);
    expect(mock.requests[1]!.path).toBe('/v1beta/models/gemini-test:countTokens');
  });

  it('rejects bodies countTokens rejects, with google.rpc.Status', async () => {
    const mock = createGeminiMock();
    const inner = wrapped.generateContentRequest;
    const cases: Array<[unknown, RegExp]> = [
      [{}, /either contents or generateContentRequest/],
      [{ ...hello, ...wrapped }, /mutually exclusive/],
      [{ generateContentRequest: { ...inner, model: undefined } }, /GenerateContentRequest.model/],
      [{ generateContentRequest: { ...inner, model: 'gemini-test' } }, /models\/\{model\}/],
      [{ generateContentRequest: { model: 'models/gemini-test', contents: [] } }, /contents is not specified/],
      [{ generateContentRequest: { ...inner, contents: [{ role: 'user', parts: [] }] } }, /at least one parts/],
      [{ ...hello, systemInstruction: { parts: [{ text: 'x' }] } }, /Unknown name "systemInstruction"/],
      [{ generateContentRequest: 'x' }, /must be an object/],
    ];
    for (const [body, message] of cases) {
      const res = await mock(post('/v1beta/models/gemini-test:countTokens', body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = (await res.json()) as { error: { code: number; status: string; message: string } };
      expect(err.error.code).toBe(400);
      expect(err.error.status).toBe('INVALID_ARGUMENT');
      expect(err.error.message).toMatch(message);
    }
    const anonymous = await mock(post('/v1beta/models/gemini-test:countTokens', wrapped, {}));
    expect(anonymous.status).toBe(403);
  });

  it('injected faults apply to countTokens too', async () => {
    const mock = createGeminiMock();
    mock.injectFault({ kind: 'http-error', status: 429 });
    const res = await mock(post('/v1beta/models/gemini-test:countTokens', wrapped));
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED');
  });
});
