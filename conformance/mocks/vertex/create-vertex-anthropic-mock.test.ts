import { describe, expect, it } from 'vitest';
import { translateRequest } from '../../../src/translate/translate.js';
import { translateStream } from '../../../src/translate/translate-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText } from '../../../test/support/stream-test-utils.js';
import { createVertexTestClient } from '../../../test/support/vertex-test-client.js';
import { createVertexAnthropicMock } from './create-vertex-anthropic-mock.js';

const BASE = 'https://us-east5-aiplatform.test/v1/projects/p/locations/us-east5';

describe('vertex anthropic mock', () => {
  it('@anthropic-ai/vertex-sdk talks to it: create, stream, countTokens', async () => {
    const mock = createVertexAnthropicMock();
    const client = createVertexTestClient((input, init) => mock(new Request(input, init)), {
      projectId: 'p',
      baseURL: 'https://us-east5-aiplatform.test/v1',
    });
    const m = await client.messages.create({
      model: 'claude-x',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hello there' }],
    });
    expect(m.content).toEqual([{ type: 'text', text: 'echo: hello there' }]);
    const s = await client.messages
      .stream({ model: 'claude-x', max_tokens: 50, messages: [{ role: 'user', content: 'hello there' }] })
      .finalMessage();
    expect(s.content).toEqual([{ type: 'text', text: 'echo: hello there' }]);
    const c = await client.messages.countTokens({ model: 'claude-x', messages: [{ role: 'user', content: 'a b c' }] });
    expect(c.input_tokens).toBe(3);
    expect(mock.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    // the SDK's count-tokens call: fixed model segment, the model and anthropic_version in the body
    const counted = mock.requests[2]!;
    expect(counted.path).toBe('/v1/projects/p/locations/us-east5/publishers/anthropic/models/count-tokens:rawPredict');
    expect(counted.body).toMatchObject({
      model: 'claude-x',
      anthropic_version: expect.any(String),
      messages: [{ role: 'user', content: 'a b c' }],
    });
  });

  it('count-tokens is held to the count_tokens rules: model and anthropic_version required, the body valid', async () => {
    const mock = createVertexAnthropicMock();
    const url = `${BASE}/publishers/anthropic/models/count-tokens:rawPredict`;
    const ok = {
      anthropic_version: 'vertex-2023-10-16',
      model: 'claude-x',
      system: 'be brief',
      messages: [{ role: 'user', content: 'one two three' }],
    };
    const count = async (body: unknown) => {
      const res = await mock(
        new Request(url, { method: 'POST', headers: { authorization: 'Bearer t' }, body: JSON.stringify(body) }),
      );
      return {
        status: res.status,
        body: (await res.json()) as { input_tokens?: number; type?: string; error?: { message: string } },
      };
    };
    expect(await count(ok)).toEqual({ status: 200, body: { input_tokens: 5 } });
    const { model: _m, ...noModel } = ok;
    const { anthropic_version: _v, ...noVersion } = ok;
    for (const [bad, why] of [
      [noModel, /model/],
      [noVersion, /anthropic_version/],
      [{ ...ok, messages: [{ role: 'robot', content: 'x' }] }, /messages/],
      [
        {
          ...ok,
          messages: [
            { role: 'assistant', content: 'x' },
            { role: 'assistant', content: 'y' },
          ],
        },
        /./,
      ],
      [{ ...ok, thinking: { type: 'enabled', budget_tokens: 100 } }, /budget_tokens/],
      [{ ...ok, anthropic_version: '2026-10-21', temperature: 0.5 }, /temperature/],
    ] as const) {
      const r = await count(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.type).toBe('error');
      expect(r.body.error?.message).toMatch(why);
    }
  });

  it('rejects a missing token (Google 401) and a body with model', async () => {
    const mock = createVertexAnthropicMock();
    const url = `${BASE}/publishers/anthropic/models/claude-x:rawPredict`;
    const noAuth = await mock(new Request(url, { method: 'POST', body: '{}' }));
    expect(noAuth.status).toBe(401);
    expect(((await noAuth.json()) as { error: { status: string } }).error.status).toBe('UNAUTHENTICATED');
    const withModel = await mock(
      new Request(url, {
        method: 'POST',
        headers: { authorization: 'Bearer t' },
        body: JSON.stringify({
          anthropic_version: 'vertex-2023-10-16',
          model: 'x',
          max_tokens: 1,
          messages: [{ role: 'user', content: 'x' }],
        }),
      }),
    );
    expect(withModel.status).toBe(400);
    expect(((await withModel.json()) as { type: string }).type).toBe('error');
  });

  it('an Anthropic client through crosswire: request accepted, stream translated back', async () => {
    const mock = createVertexAnthropicMock({ chunkSize: 3 });
    const req = translateRequest('anthropic-messages', 'vertex-anthropic', {
      model: 'claude-x',
      max_tokens: 50,
      stream: true,
      messages: [{ role: 'user', content: 'hi you' }],
    });
    const res = await mock(
      new Request(BASE + String(req.context.upstreamPath), {
        method: 'POST',
        headers: { authorization: 'Bearer t' },
        body: JSON.stringify(req.body),
      }),
    );
    expect(res.status).toBe(200);
    const sse = await readText(
      translateStream('vertex-anthropic', 'anthropic-messages', res.body!, { context: req.context }),
    );
    const m = await anthropicSDKFinalMessage(sse);
    expect(m.content).toEqual([{ type: 'text', text: 'echo: hi you' }]);
  });
});
