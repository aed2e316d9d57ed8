import { describe, expect, it } from 'vitest';
import { parseBedrockConversePath } from '../formats/bedrock-converse/target.js';
import { parseBedrockInvokePath } from '../formats/bedrock-invoke/target.js';
import { parseVertexAnthropicPath } from '../formats/vertex-anthropic/target.js';
import { createGateway } from './create-gateway.js';

const MESSAGE = {
  id: 'msg_up',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content: [{ type: 'text', text: 'Hi' }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 3, output_tokens: 1 },
};

function recording() {
  const seen: { url: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetch = async (req: Request) => {
    seen.push({ url: req.url, headers: req.headers, body: (await req.json()) as Record<string, unknown> });
    return Response.json(MESSAGE);
  };
  const gw = createGateway({
    providers: {
      anthropic: { format: 'anthropic-messages', baseUrl: 'http://anthropic.test', apiKey: 'ak' },
      bedrock: { format: 'bedrock-invoke', baseUrl: 'http://bedrock.test', apiKey: 'bedrock-api-key' },
      vertex: {
        format: 'vertex-anthropic',
        baseUrl: 'http://vertex.test',
        apiKey: 'ya29.token',
        project: 'p1',
        region: 'us-east5',
      },
    },
    fetch,
    log: () => {},
  });
  return { gw, seen };
}

const json = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('model-in-URL routes', () => {
  it('parses Bedrock and Vertex paths, raw or encoded model ids (each format parser)', () => {
    expect(parseBedrockInvokePath('/model/%40anthropic%2Fclaude-x/invoke')).toEqual({
      model: '@anthropic/claude-x',
      stream: false,
    });
    expect(parseBedrockInvokePath('/model/@anthropic/claude-x/invoke-with-response-stream')).toEqual({
      model: '@anthropic/claude-x',
      stream: true,
    });
    expect(parseBedrockInvokePath('/model/x/converse-stream')).toBeUndefined();
    expect(parseBedrockConversePath('/model/x/converse-stream')).toEqual({ model: 'x', stream: true });
    expect(parseBedrockInvokePath('/model/x/predict') ?? parseBedrockConversePath('/model/x/predict')).toBeUndefined();
    expect(
      parseVertexAnthropicPath(
        '/v1/projects/p/locations/r/publishers/anthropic/models/@anthropic/claude-x:streamRawPredict',
      ),
    ).toEqual({
      model: '@anthropic/claude-x',
      stream: true,
      countTokens: false,
      location: { project: 'p', region: 'r' },
    });
    // the gateway serves Vertex paths that name project and region only
    expect(parseVertexAnthropicPath('/v1/publishers/anthropic/models/x:rawPredict')?.location).toBeUndefined();
  });

  it('Anthropic client -> Bedrock provider: model in the path, bearer API key, anthropic_version in the body', async () => {
    const { gw, seen } = recording();
    const res = await gw.fetch(
      json(
        'http://localhost/v1/messages',
        { model: '@bedrock/anthropic.claude-x-v1:0', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] },
        { 'x-api-key': 'k' },
      ),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { content: unknown }).content).toEqual([{ type: 'text', text: 'Hi' }]);
    expect(seen[0]!.url).toBe('http://bedrock.test/model/anthropic.claude-x-v1%3A0/invoke');
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer bedrock-api-key');
    expect(seen[0]!.body.anthropic_version).toBe('bedrock-2023-05-31');
    expect(seen[0]!.body).not.toHaveProperty('model');
  });

  it('Anthropic client -> Vertex provider: project/region/model in the path', async () => {
    const { gw, seen } = recording();
    await gw.fetch(
      json(
        'http://localhost/v1/messages',
        { model: '@vertex/claude-x@20250101', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] },
        { 'x-api-key': 'k' },
      ),
    );
    expect(seen[0]!.url).toBe(
      'http://vertex.test/v1/projects/p1/locations/us-east5/publishers/anthropic/models/claude-x%4020250101:rawPredict',
    );
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer ya29.token');
  });

  it('Bedrock client -> Anthropic provider: the model comes from the URL', async () => {
    const { gw, seen } = recording();
    const res = await gw.fetch(
      json('http://localhost/model/%40anthropic%2Fclaude-x/invoke', {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(res.status).toBe(200);
    expect(seen[0]!.url).toBe('http://anthropic.test/v1/messages');
    expect(seen[0]!.body).toMatchObject({ model: 'claude-x', max_tokens: 10 });
    expect(seen[0]!.body).not.toHaveProperty('anthropic_version');
  });

  it('Vertex client -> Anthropic provider, and an unknown provider in the Bedrock shape', async () => {
    const { gw, seen } = recording();
    const ok = await gw.fetch(
      json('http://localhost/v1/projects/p/locations/r/publishers/anthropic/models/@anthropic/claude-x:rawPredict', {
        anthropic_version: 'vertex-2023-10-16',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(ok.status).toBe(200);
    expect(seen[0]!.body.model).toBe('claude-x');
    const nf = await gw.fetch(
      json('http://localhost/model/%40nope%2Fx/invoke', {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 5,
        messages: [],
      }),
    );
    expect(nf.status).toBe(404);
    expect(await nf.json()).toHaveProperty('message');
  });
});
