import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { createAnthropicMock } from '../../conformance/mocks/anthropic/create-anthropic-mock.js';
import { parseGeminiPath } from '../formats/gemini/target.js';
import { createGateway } from './create-gateway.js';

/** The Gemini SDK as a client of the gateway (model and stream flag in the URL), the Anthropic mock upstream. */
function setup() {
  const anthropicMock = createAnthropicMock({ apiKey: 'ant-upstream' });
  const gateway = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.mock', apiKey: 'ant-upstream' },
    },
    fetch: (req) => anthropicMock(req),
    log: () => {},
  });
  const urls: string[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    urls.push(req.url);
    return gateway.fetch(req);
  };
  const client = new GoogleGenAI({
    apiKey: 'client-key',
    httpOptions: { baseUrl: 'http://localhost', apiVersion: 'v1beta', fetch },
  });
  return { anthropicMock, client, urls, gateway };
}

describe('Gemini client -> gateway -> Anthropic mock', () => {
  it('parses the model (with its provider prefix) and the method from the path (the format parser)', () => {
    expect(parseGeminiPath('/v1beta/models/@anthropic/claude-x:streamGenerateContent')).toEqual({
      model: '@anthropic/claude-x',
      operation: 'streamGenerateContent',
      sse: false,
    });
    expect(parseGeminiPath('/v1beta/models/%40anthropic%2Fclaude-x:generateContent')).toEqual({
      model: '@anthropic/claude-x',
      operation: 'generateContent',
      sse: false,
    });
    expect(parseGeminiPath('/v1beta/models/nomethod')).toBeUndefined();
  });

  it('generateContent', async () => {
    const { client, anthropicMock, urls } = setup();
    const r = await client.models.generateContent({
      model: '@anthropic/claude-sonnet-4-5',
      contents: 'hello gemini',
      config: { maxOutputTokens: 50 },
    });
    expect(urls[0]).toContain(':generateContent');
    expect(r.text).toBe('echo: hello gemini');
    expect(r.candidates?.[0]?.finishReason).toBe('STOP');
    const seen = anthropicMock.requests[0]!;
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: 50 });
  });

  it('streamGenerateContent?alt=sse', async () => {
    const { client, anthropicMock } = setup();
    const stream = await client.models.generateContentStream({
      model: '@anthropic/claude-sonnet-4-5',
      contents: 'stream gemini',
      config: { maxOutputTokens: 50 },
    });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('echo: stream gemini');
    expect((anthropicMock.requests[0]!.body as { stream: boolean }).stream).toBe(true);
  });

  it('errors come back in the Gemini shape', async () => {
    const { gateway } = setup();
    const res = await gateway.fetch(
      new Request('http://localhost/v1beta/models/@nope/x:generateContent', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"contents":[]}',
      }),
    );
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: number; status: string; message: string } };
    expect(body.error.code).toBe(404);
    expect(body.error.status).toBe('NOT_FOUND');
    const bad = await gateway.fetch(
      new Request('http://localhost/v1beta/models/@anthropic/x:streamGenerateContent', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"contents":[]}',
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
  });
});
