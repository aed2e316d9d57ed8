import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from './create-gateway.js';
import { type Served, serveGateway } from './node/serve.js';

/** The Anthropic upstream answers every request with this error. */
let upstreamError = { status: 429, type: 'rate_limit_error' };
let served: Served;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  const gateway = createGateway({
    providers: { anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'k' } },
    fetch: async () =>
      Response.json(
        { type: 'error', error: { type: upstreamError.type, message: 'nope' } },
        { status: upstreamError.status },
      ),
    log: () => {},
  });
  served = await serveGateway(gateway);
  client = new BedrockRuntimeClient({
    region: 'us-east-1',
    endpoint: served.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client?.destroy();
  await served?.close();
});

const converse = () =>
  client.send(
    new ConverseCommand({ modelId: '@anthropic/claude-x', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
  );
const invoke = () =>
  client.send(
    new InvokeModelCommand({
      modelId: '@anthropic/claude-x',
      contentType: 'application/json',
      body: JSON.stringify({
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    }),
  );

describe('gateway errors reach the AWS SDK as the named Bedrock exception (x-amzn-ErrorType)', () => {
  for (const [status, type, name, clientStatus] of [
    [429, 'rate_limit_error', 'ThrottlingException', 429],
    [529, 'overloaded_error', 'ServiceUnavailableException', 503],
    [400, 'invalid_request_error', 'ValidationException', 400],
  ] as const) {
    it(`Anthropic ${status} ${type} -> ${name}`, async () => {
      upstreamError = { status, type };
      for (const call of [converse, invoke]) {
        const e = await call().then(
          () => undefined,
          (err: unknown) => err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } },
        );
        expect(e?.name).toBe(name);
        expect(e?.$metadata?.httpStatusCode).toBe(clientStatus);
        expect(e?.message).toContain('nope');
      }
    });
  }

  it("the gateway's own errors are named too (an unknown provider)", async () => {
    const e = await client
      .send(new ConverseCommand({ modelId: '@nowhere/m', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }))
      .then(
        () => undefined,
        (err: unknown) => err as { name?: string },
      );
    expect(e?.name).toMatch(/Exception$/);
    expect(e?.name).not.toBe('Unknown');
  });
});
