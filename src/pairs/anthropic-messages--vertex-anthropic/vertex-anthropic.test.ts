import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { readText, streamOfText } from '../../../test/support/stream-test-utils.js';
import { createVertexTestClient } from '../../../test/support/vertex-test-client.js';
import { translateError, translateRequest } from '../../translate/translate.js';
import { translateStream } from '../../translate/translate-stream.js';
import { vertexRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToVertex } from './request-to-vertex.js';

const request = {
  model: 'claude-sonnet-4-5@20250929',
  max_tokens: 64,
  stream: true,
  messages: [{ role: 'user', content: 'Hi' }],
};

describe('anthropic-messages <-> vertex-anthropic', () => {
  it('matches the body and path @anthropic-ai/vertex-sdk 1.x sends', async () => {
    let seen: { url: string; body: unknown } | undefined;
    const client = createVertexTestClient(async (url, init) => {
      seen = { url: String(url), body: JSON.parse(String(init?.body)) };
      return new Response('event: message_stop\ndata: {"type":"message_stop"}\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      });
    });
    const s = await client.messages.create({
      model: request.model,
      max_tokens: 64,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    for await (const _ of s) {
      // drain
    }
    const ours = anthropicRequestToVertex(deepFreeze(request), { anthropicVersion: '2026-10-21' });
    expect(seen?.body).toEqual(ours.body);
    expect(decodeURIComponent(new URL(seen!.url).pathname)).toBe(
      `/v1/projects/proj/locations/us-east5${decodeURIComponent(String(ours.context.upstreamPath))}`,
    );
    expect(anthropicRequestToVertex(request).body.anthropic_version).toBe('vertex-2023-10-16');
  });

  it('keeps betas out of the body: @anthropic-ai/vertex-sdk sends them as the anthropic-beta header', async () => {
    let seen: { body: unknown; beta: string | null } | undefined;
    const client = createVertexTestClient(async (_url, init) => {
      seen = { body: JSON.parse(String(init?.body)), beta: new Headers(init?.headers).get('anthropic-beta') };
      return Response.json({
        id: 'm',
        type: 'message',
        role: 'assistant',
        model: 'x',
        content: [],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      });
    });
    const beta = 'context-1m-2025-08-07';
    await client.messages.create(
      { model: request.model, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'anthropic-beta': beta } },
    );
    const ours = anthropicRequestToVertex(
      { model: request.model, max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      { anthropicVersion: '2026-10-21', context: { anthropicBeta: beta } },
    );
    expect(seen?.beta).toBe(beta);
    expect(seen?.body).toEqual(ours.body);
    expect(ours.body).not.toHaveProperty('anthropic_beta');
  });

  it('back: the model comes from the URL, anthropic_version leaves the body', () => {
    const r = vertexRequestToAnthropic(
      deepFreeze({ anthropic_version: 'vertex-2023-10-16', max_tokens: 5, stream: true, messages: [] }),
      { model: 'claude-x' },
    );
    expect(r.body).toEqual({ model: 'claude-x', max_tokens: 5, stream: true, messages: [] });
    expect(() => vertexRequestToAnthropic({}, {})).toThrow(/options.model/);
  });

  it('the Vertex SDK reads a stream composed from an OpenAI upstream', async () => {
    const openai = [
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}\n\n',
      'data: [DONE]\n\n',
    ].join('');
    const sse = await readText(
      translateStream('openai-chat', 'vertex-anthropic', streamOfText(openai, 9), { id: 'msg_v' }),
    );
    const client = createVertexTestClient(
      async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
    );
    const m = await client.messages
      .stream({ model: 'claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(m.content).toEqual([{ type: 'text', text: 'Hello' }]);
    expect(m.stop_reason).toBe('end_turn');
  });

  it('a cut stream ends with an error event; Google front-end errors map like Gemini errors', async () => {
    const cut =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"c","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n';
    const out = await readText(translateStream('vertex-anthropic', 'anthropic-messages', streamOfText(cut)));
    expect(out).toContain('event: error');
    expect(
      translateError('vertex-anthropic', 'anthropic-messages', {
        status: 429,
        body: { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      }),
    ).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'Quota exceeded' } },
    });
    const anthropicShaped = {
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    };
    expect(translateError('vertex-anthropic', 'anthropic-messages', anthropicShaped)).toEqual(anthropicShaped);
  });

  it('composes: an OpenAI request becomes a rawPredict body', () => {
    const r = translateRequest('openai-chat', 'vertex-anthropic', {
      model: 'claude-x',
      max_tokens: 20,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', max_tokens: 20, stream: true });
    expect(r.body).not.toHaveProperty('model');
  });
});
