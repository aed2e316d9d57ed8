import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { describe, expect, it } from 'vitest';
import { translateRequest } from '../../../src/translate/translate.js';
import { translateStream } from '../../../src/translate/translate-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText } from '../../../test/support/stream-test-utils.js';
import { createBedrockInvokeMock } from './create-bedrock-invoke-mock.js';

const BASE = 'https://bedrock-runtime.test';
const KEY = { authorization: 'Bearer bedrock-api-key' };

describe('bedrock invoke mock', () => {
  it('@anthropic-ai/bedrock-sdk talks to it (JSON and stream)', async () => {
    const mock = createBedrockInvokeMock();
    const client = new AnthropicBedrock({
      // signs every call with SigV4 (the mock checks the signature's shape, signed headers and date)
      awsRegion: 'us-east-1',
      awsAccessKey: 'AKIDEXAMPLE',
      awsSecretKey: 'secret',
      baseURL: BASE,
      maxRetries: 0,
      fetch: (input: RequestInfo | URL, init?: RequestInit) => mock(new Request(input, init)),
    });
    const m = await client.messages.create({
      model: 'anthropic.claude-x',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(m.content).toEqual([{ type: 'text', text: 'echo: hello there' }]);
    const s = await client.messages
      .stream({ model: 'anthropic.claude-x', max_tokens: 50, messages: [{ role: 'user', content: 'hello there' }] })
      .finalMessage();
    expect(s.content).toEqual([{ type: 'text', text: 'echo: hello there' }]);
    expect(mock.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('rejects a body with model/stream or without anthropic_version', async () => {
    const mock = createBedrockInvokeMock();
    const res = await mock(
      new Request(`${BASE}/model/m/invoke`, {
        method: 'POST',
        headers: KEY,
        body: JSON.stringify({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }),
      }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/anthropic_version/);
  });

  it('an Anthropic client through crosswire: translated request accepted, event stream translated back', async () => {
    const mock = createBedrockInvokeMock({ chunkSize: 4 });
    const req = translateRequest('anthropic-messages', 'bedrock-invoke', {
      model: 'anthropic.claude-x',
      max_tokens: 50,
      stream: true,
      messages: [{ role: 'user', content: 'hi you' }],
    });
    const res = await mock(
      new Request(BASE + String(req.context.upstreamPath), {
        method: 'POST',
        headers: KEY,
        body: JSON.stringify(req.body),
      }),
    );
    expect(res.status).toBe(200);
    let losses: unknown[] = [];
    const sse = await readText(
      translateStream(
        'bedrock-invoke',
        'anthropic-messages',
        res.body!,
        { context: req.context },
        { onEnd: (r) => (losses = r.losses) },
      ),
    );
    const m = await anthropicSDKFinalMessage(sse);
    expect(m.content).toEqual([{ type: 'text', text: 'echo: hi you' }]);
    expect(losses).toEqual([{ path: 'amazon-bedrock-invocationMetrics', reason: expect.any(String) }]);
  });

  it('a corrupt frame (malformed fault) ends the client stream with an error event', async () => {
    const mock = createBedrockInvokeMock();
    mock.injectFault({ kind: 'malformed-sse', afterEvents: 2 });
    const req = translateRequest('anthropic-messages', 'bedrock-invoke', {
      model: 'anthropic.claude-x',
      max_tokens: 50,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const res = await mock(
      new Request(BASE + String(req.context.upstreamPath), {
        method: 'POST',
        headers: KEY,
        body: JSON.stringify(req.body),
      }),
    );
    const sse = await readText(
      translateStream('bedrock-invoke', 'anthropic-messages', res.body!, { context: req.context }),
    );
    expect(sse).toMatch(/event: error\ndata: .*(CRC|checksum|corrupt)/i);
    expect(sse).not.toContain('message_stop');
  });
});
