/**
 * The official client of each format, reading wire bytes as it would read them from the provider
 * (docs/wire-formats.md#sdk-behaviour): the Anthropic, OpenAI, Bedrock and Vertex SDKs through a custom `fetch`,
 * `@google/genai` through its `httpOptions.fetch`, and `@aws-sdk/client-bedrock-runtime` over loopback
 * HTTP (its `NodeHttpHandler` takes no custom fetch). Test support, not part of the public API.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { GoogleGenAI } from '@google/genai';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import OpenAI from 'openai';
import type { FormatId } from '../../src/core/formats.js';
import { createVertexTestClient } from './vertex-test-client.js';

/** What an official client made of a reply: what it yielded, or the error it threw. */
export type ClientVerdict = { ok: true; value: unknown } | { ok: false; error: unknown };

/** One reply as it comes over the wire. */
export interface WireReply {
  status: number;
  contentType: string;
  /** further response headers (e.g. Bedrock's `x-amzn-errortype`) */
  headers?: Record<string, string>;
  body: Uint8Array | string;
}

type Fetch = (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function fetchOf(reply: WireReply): Fetch {
  return async () =>
    new Response(typeof reply.body === 'string' ? reply.body : new Blob([reply.body as Uint8Array<ArrayBuffer>]), {
      status: reply.status,
      headers: { 'content-type': reply.contentType, 'request-id': 'req_test', ...reply.headers },
    });
}

const MESSAGES = { model: 'm', max_tokens: 16, messages: [{ role: 'user' as const, content: 'hi' }] };

async function settle(run: () => Promise<unknown>): Promise<ClientVerdict> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

async function drain<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A loopback HTTP server answering every request with the reply set last (for the AWS SDK). */
export async function startLoopbackReplier(): Promise<{
  url: string;
  set(reply: WireReply): void;
  close(): Promise<void>;
}> {
  let reply: WireReply = { status: 500, contentType: 'text/plain', body: 'no reply set' };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    set(r) {
      reply = r;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * Read `reply` with `format`'s official client: a stream (`stream: true`) to its end, or a JSON
 * response. `aws` is the loopback replier the AWS SDK talks to (Converse only).
 */
export async function readWithOfficialClient(
  format: FormatId,
  reply: WireReply,
  stream: boolean,
  aws?: { url: string; set(reply: WireReply): void },
): Promise<ClientVerdict> {
  const fetch = fetchOf(reply);
  switch (format) {
    case 'anthropic-messages': {
      const client = new Anthropic({ apiKey: 'k', baseURL: 'http://fake.local', fetch, maxRetries: 0 });
      return settle(() =>
        stream ? client.messages.stream(MESSAGES).finalMessage() : client.messages.create(MESSAGES),
      );
    }
    case 'openai-chat': {
      const client = new OpenAI({ apiKey: 'k', baseURL: 'http://fake.local/v1', fetch, maxRetries: 0 });
      const body = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };
      return settle(() =>
        stream
          ? client.chat.completions.stream({ ...body, stream_options: { include_usage: true } }).finalChatCompletion()
          : client.chat.completions.create(body),
      );
    }
    case 'openai-responses': {
      const client = new OpenAI({ apiKey: 'k', baseURL: 'http://fake.local/v1', fetch, maxRetries: 0 });
      const body = { model: 'm', input: 'hi' };
      return settle(() => (stream ? client.responses.stream(body).finalResponse() : client.responses.create(body)));
    }
    case 'gemini': {
      const client = new GoogleGenAI({
        apiKey: 'k',
        httpOptions: { baseUrl: 'http://fake.local', apiVersion: 'v1beta', fetch } as never,
      });
      const params = { model: 'm', contents: 'hi' };
      return settle(async () =>
        stream ? drain(await client.models.generateContentStream(params)) : client.models.generateContent(params),
      );
    }
    case 'bedrock-invoke': {
      const client = new AnthropicBedrock({
        awsRegion: 'us-east-1',
        skipAuth: true,
        baseURL: 'http://fake.local',
        maxRetries: 0,
        fetch,
      });
      return settle(() =>
        stream ? client.messages.stream(MESSAGES).finalMessage() : client.messages.create(MESSAGES),
      );
    }
    case 'vertex-anthropic': {
      const client = createVertexTestClient(fetch);
      return settle(() =>
        stream ? client.messages.stream(MESSAGES).finalMessage() : client.messages.create(MESSAGES),
      );
    }
    case 'bedrock-converse': {
      if (!aws) throw new Error('the AWS SDK needs a loopback replier');
      aws.set(reply);
      const client = new BedrockRuntimeClient({
        region: 'us-east-1',
        endpoint: aws.url,
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
        requestHandler: new NodeHttpHandler(),
        maxAttempts: 1,
      });
      const input = { modelId: 'm', messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }] };
      try {
        return await settle(async () => {
          if (!stream) return client.send(new ConverseCommand(input));
          const out = await client.send(new ConverseStreamCommand(input));
          return out.stream ? drain(out.stream) : [];
        });
      } finally {
        client.destroy();
      }
    }
  }
}
