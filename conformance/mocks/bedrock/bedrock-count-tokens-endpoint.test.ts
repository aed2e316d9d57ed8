import { BedrockRuntimeClient, CountTokensCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServers, serveOnLoopback } from '../adapters/serve-on-loopback.js';
import type { MockProvider } from '../mock-types.js';
import { createBedrockConverseMock } from './create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from './create-bedrock-invoke-mock.js';

const encoder = new TextEncoder();
const b64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64');
const post = (mock: MockProvider, body: unknown, path = '/model/anthropic.claude-x/count-tokens') =>
  mock(
    new Request(`https://bedrock-runtime.test${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer bedrock-api-key' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

const invokeBody = {
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 10,
  system: 'be brief',
  messages: [{ role: 'user', content: 'one two three' }],
};
const converse = {
  system: [{ text: 'be brief' }],
  messages: [
    { role: 'user', content: [{ text: 'one two' }] },
    { role: 'assistant', content: [{ text: 'three' }] },
    { role: 'user', content: [{ text: 'four' }] },
  ],
};

describe('Bedrock CountTokens on the strict mocks: @aws-sdk/client-bedrock-runtime CountTokensCommand on loopback', () => {
  let servers: LoopbackServers;
  let invoke: MockProvider;
  let conv: MockProvider;
  const clients: BedrockRuntimeClient[] = [];
  const client = (url: string) => {
    const c = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    invoke = createBedrockInvokeMock();
    conv = createBedrockConverseMock();
    servers = await serveOnLoopback({ invoke, conv });
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await servers?.close();
  });

  it('invokeModel input: the SDK sends the body base64 in JSON to /model/{id}/count-tokens and reads inputTokens', async () => {
    const out = await client(servers.urls.invoke!).send(
      new CountTokensCommand({
        modelId: 'anthropic.claude-x',
        input: { invokeModel: { body: encoder.encode(JSON.stringify(invokeBody)) } },
      }),
    );
    expect(out.inputTokens).toBe(5); // "be brief" 2 + "one two three" 3
    const seen = invoke.requests.at(-1)!;
    expect(seen.status).toBe(200);
    expect(seen.path).toBe('/model/anthropic.claude-x/count-tokens');
    expect(seen.body).toEqual({ input: { invokeModel: { body: b64(invokeBody) } } });
  });

  it('converse input: both mocks count it (Bedrock serves either input kind on one endpoint)', async () => {
    for (const url of [servers.urls.conv!, servers.urls.invoke!]) {
      const out = await client(url).send(
        new CountTokensCommand({ modelId: 'anthropic.claude-x', input: { converse: converse as never } }),
      );
      expect(out.inputTokens).toBe(6); // "be brief" 2 + "one two" 2 + "three" 1 + "four" 1
    }
    expect(conv.requests.at(-1)!.body).toEqual({ input: { converse } });
  });

  it("a rejected request is an SDK error with Bedrock's message and status", async () => {
    const bad = { ...invokeBody, model: 'm' };
    const err = await client(servers.urls.invoke!)
      .send(
        new CountTokensCommand({
          modelId: 'anthropic.claude-x',
          input: { invokeModel: { body: encoder.encode(JSON.stringify(bad)) } },
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e as { message: string; $metadata: { httpStatusCode?: number } },
      );
    expect(err?.$metadata.httpStatusCode).toBe(400);
    expect(err?.message).toMatch(/extraneous key \[model\]/);
  });
});

describe('Bedrock CountTokens rules', () => {
  const mock = createBedrockInvokeMock();
  const status = async (body: unknown) => {
    const res = await post(mock, body);
    return { status: res.status, message: ((await res.json()) as { message?: string }).message ?? '' };
  };

  it('accepts either union member and counts what the model would read', async () => {
    expect(await (await post(mock, { input: { invokeModel: { body: b64(invokeBody) } } })).json()).toEqual({
      inputTokens: 5,
    });
    expect(await (await post(mock, { input: { converse } })).json()).toEqual({ inputTokens: 6 });
  });

  it('rejects a malformed envelope', async () => {
    for (const body of [
      {},
      { input: {} },
      { input: { invokeModel: { body: b64(invokeBody) }, converse } },
      { input: { invokeModel: { body: b64(invokeBody) } }, modelId: 'x' },
      { input: { invokeModel: { body: b64(invokeBody), contentType: 'application/json' } } },
      { input: { invokeModel: { body: 'not base64!' } } },
      { input: { invokeModel: { body: b64('a string') } } },
      { input: { invokeModel: { body: invokeBody } } },
      { input: { converse: { ...converse, inferenceConfig: { maxTokens: 5 } } } },
      { input: { other: {} } },
    ]) {
      expect((await status(body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('holds the invokeModel body to the InvokeModel rules and the converse request to the Converse rules', async () => {
    const { anthropic_version: _v, ...noVersion } = invokeBody;
    expect(await status({ input: { invokeModel: { body: b64(noVersion) } } })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/anthropic_version/),
    });
    expect(await status({ input: { invokeModel: { body: b64({ ...invokeBody, stream: true }) } } })).toMatchObject({
      status: 400,
    });
    expect(
      await status({
        input: { invokeModel: { body: b64({ ...invokeBody, messages: [{ role: 'robot', content: 'x' }] }) } },
      }),
    ).toMatchObject({ status: 400 });
    const twoUsers = { messages: [converse.messages[0], converse.messages[2]] };
    expect(await status({ input: { converse: twoUsers } })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/alternate/),
    });
    const toolsWithoutConfig = {
      messages: [
        { role: 'user', content: [{ text: 'a' }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'r' }] } }] },
      ],
    };
    expect(await status({ input: { converse: toolsWithoutConfig } })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/toolConfig/),
    });
  });

  it('injected faults apply (an upstream error for the gateway to map)', async () => {
    const m = createBedrockConverseMock();
    m.injectFault({ kind: 'http-error', status: 429, message: 'Too many requests, please wait before trying again.' });
    const res = await post(m, { input: { converse } });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ message: 'Too many requests, please wait before trying again.' });
  });
});
