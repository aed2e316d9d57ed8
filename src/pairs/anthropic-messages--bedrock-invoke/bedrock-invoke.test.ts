import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { drainBytes } from '../../../test/support/drain-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText, streamOfChunks, streamOfText } from '../../../test/support/stream-test-utils.js';
import { translateError, translateRequest } from '../../translate/translate.js';
import { translateStream } from '../../translate/translate-stream.js';
import { bedrockInvokeRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToBedrockInvoke } from './request-to-invoke.js';

const request = {
  model: 'anthropic.claude-sonnet-4-5-v1:0',
  max_tokens: 100,
  stream: true,
  system: 'be brief',
  messages: [{ role: 'user', content: 'Hello' }],
};

const SSE = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_b1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":5,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi \u00e9"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
].join('');

/** An `@anthropic-ai/bedrock-sdk` client (no auth, no retries) that sends through `fetch`. */
function bedrockClient(fetch: (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>): AnthropicBedrock {
  return new AnthropicBedrock({
    awsRegion: 'us-east-1',
    skipAuth: true,
    baseURL: 'http://fake.local',
    maxRetries: 0,
    fetch,
  });
}

/** A bedrock SDK client whose every call is answered with these event-stream bytes. */
function bedrockClientReading(wire: Uint8Array): AnthropicBedrock {
  return bedrockClient(
    async () =>
      new Response(new Blob([wire as Uint8Array<ArrayBuffer>]), {
        headers: { 'content-type': 'application/vnd.amazon.eventstream' },
      }),
  );
}

const MESSAGE = {
  id: 'm',
  type: 'message',
  role: 'assistant',
  model: 'x',
  content: [],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1, output_tokens: 1 },
};

describe('anthropic-messages <-> bedrock-invoke requests', () => {
  it('moves model to the path, drops stream, adds anthropic_version and betas', () => {
    const r = anthropicRequestToBedrockInvoke(deepFreeze(request), { context: { anthropicBeta: 'a-1, b-2' } });
    expect(r.body).toEqual({
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 100,
      system: 'be brief',
      messages: [{ role: 'user', content: 'Hello' }],
      anthropic_beta: ['a-1', 'b-2'],
    });
    expect(r.context.upstreamPath).toBe('/model/anthropic.claude-sonnet-4-5-v1%3A0/invoke-with-response-stream');
    expect(anthropicRequestToBedrockInvoke({ ...request, stream: false }).context.upstreamPath).toBe(
      '/model/anthropic.claude-sonnet-4-5-v1%3A0/invoke',
    );
    expect(anthropicRequestToBedrockInvoke(request, { anthropicVersion: '2026-10-21' }).body.anthropic_version).toBe(
      '2026-10-21',
    );
  });

  it('builds the same body and path as @anthropic-ai/bedrock-sdk 1.x', async () => {
    let seen: { url: string; body: unknown } | undefined;
    const client = bedrockClient(async (url, init) => {
      seen = { url: String(url), body: JSON.parse(String(init?.body)) };
      return Response.json(MESSAGE);
    });
    await client.messages.create({
      model: request.model,
      max_tokens: 100,
      system: 'be brief',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const ours = anthropicRequestToBedrockInvoke({ ...request, stream: false }, { anthropicVersion: '2026-10-21' });
    expect(seen?.body).toEqual(ours.body);
    // the SDK leaves ':' unescaped, crosswire escapes it: the same path once decoded
    expect(decodeURIComponent(new URL(seen!.url).pathname)).toBe(decodeURIComponent(String(ours.context.upstreamPath)));
  });

  it('puts the anthropic-beta header into the body as @anthropic-ai/bedrock-sdk does', async () => {
    let seen: { body: unknown; beta: string | null } | undefined;
    const client = bedrockClient(async (_url, init) => {
      seen = { body: JSON.parse(String(init?.body)), beta: new Headers(init?.headers).get('anthropic-beta') };
      return Response.json(MESSAGE);
    });
    const beta = 'interleaved-thinking-2025-05-14, context-1m-2025-08-07';
    await client.messages.create(
      { model: request.model, max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] },
      { headers: { 'anthropic-beta': beta } },
    );
    const ours = anthropicRequestToBedrockInvoke(
      { model: request.model, max_tokens: 100, messages: [{ role: 'user', content: 'Hello' }] },
      { anthropicVersion: '2026-10-21', context: { anthropicBeta: beta } },
    );
    expect(seen?.body).toEqual(ours.body);
    expect((ours.body as { anthropic_beta?: unknown }).anthropic_beta).toEqual([
      'interleaved-thinking-2025-05-14',
      'context-1m-2025-08-07',
    ]);
  });

  it('back: the model comes from the URL, anthropic_version/anthropic_beta leave the body', () => {
    const r = bedrockInvokeRequestToAnthropic(
      deepFreeze({ anthropic_version: 'bedrock-2023-05-31', anthropic_beta: ['x'], max_tokens: 10, messages: [] }),
      { model: 'claude-x', stream: true },
    );
    expect(r.body).toEqual({ model: 'claude-x', max_tokens: 10, messages: [], stream: true });
    expect(r.context).toMatchObject({ anthropicVersion: '2023-06-01', anthropicBeta: ['x'] });
    expect(() => bedrockInvokeRequestToAnthropic({}, {})).toThrow(/options.model/);
  });
});

describe('bedrock-invoke streams and errors', () => {
  it('@anthropic-ai/bedrock-sdk consumes our event stream (from an Anthropic upstream)', async () => {
    const wire = await drainBytes(translateStream('anthropic-messages', 'bedrock-invoke', streamOfText(SSE, 7)));
    const client = bedrockClientReading(wire);
    const m = await client.messages
      .stream({ model: 'anthropic.claude-x', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(m.content).toEqual([{ type: 'text', text: 'Hi \u00e9' }]);
    expect(m.usage.output_tokens).toBe(3);
    expect(m.stop_reason).toBe('end_turn');
  });

  it('@anthropic-ai/bedrock-sdk reads thinking (signature byte for byte) and tool calls from our frames', async () => {
    const sig = 'ErUBCkYICBgCIkDk2/8sQ+7xYvA1bm9wZQ==';
    const ev = (e: unknown) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`;
    const sse = [
      {
        type: 'message_start',
        message: {
          id: 'msg_t',
          type: 'message',
          role: 'assistant',
          model: 'c',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 5, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '11² > 97' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: sig } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'ris"}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 30 } },
      { type: 'message_stop' },
    ]
      .map(ev)
      .join('');
    const wire = await drainBytes(translateStream('anthropic-messages', 'bedrock-invoke', streamOfText(sse, 11)));
    const client = bedrockClientReading(wire);
    const m = await client.messages
      .stream({ model: 'm', max_tokens: 2000, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(m.content).toEqual([
      { type: 'thinking', thinking: '11² > 97', signature: sig },
      { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
    ]);
    expect(m.stop_reason).toBe('tool_use');
  });

  it('an Anthropic error mid-stream becomes an exception frame the bedrock SDK throws on', async () => {
    const sse =
      SSE.split('event: content_block_stop')[0] +
      'event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}\n\n';
    const wire = await drainBytes(translateStream('anthropic-messages', 'bedrock-invoke', streamOfText(sse)));
    const client = bedrockClientReading(wire);
    await expect(
      client.messages.stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }).finalMessage(),
    ).rejects.toThrow(/Slow down/);
  });

  it('Bedrock frames -> Anthropic SSE (byte for byte the original) read by the Anthropic SDK', async () => {
    const there = await drainBytes(translateStream('anthropic-messages', 'bedrock-invoke', streamOfText(SSE)));
    let losses: unknown[] = [];
    const back = await readText(
      translateStream(
        'bedrock-invoke',
        'anthropic-messages',
        streamOfChunks([there.slice(0, 50), there.slice(50)]),
        {},
        { onEnd: (r) => (losses = r.losses) },
      ),
    );
    expect(back).toBe(SSE);
    const m = await anthropicSDKFinalMessage(back);
    expect(m.content).toEqual([{ type: 'text', text: 'Hi \u00e9' }]);
    expect(losses).toEqual([]);
  });

  it('strips amazon-bedrock-invocationMetrics from message_stop, reported once as a loss', async () => {
    const { createBedrockInvokeToAnthropicStream } = await import('./stream-to-anthropic.js');
    const t = createBedrockInvokeToAnthropicStream();
    expect(
      t.push(deepFreeze({ type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 1 } })),
    ).toEqual([{ type: 'message_stop' }]);
    expect(t.end()).toEqual([]);
    expect(t.losses).toEqual([{ path: 'amazon-bedrock-invocationMetrics', reason: expect.any(String) }]);
    const cut = createBedrockInvokeToAnthropicStream();
    cut.push({ type: 'message_start', message: {} });
    expect(cut.end()).toEqual([
      { type: 'error', error: { type: 'api_error', message: expect.stringContaining('message_stop') } },
    ]);
  });

  it('an Anthropic error event inside a chunk frame reaches the Anthropic client with its own type', async () => {
    const { encodeEventFrame } = await import('../../wire/event-stream/frames.js');
    const { bytesToBase64 } = await import('../../wire/base64.js');
    const chunk = (e: unknown) =>
      encodeEventFrame('chunk', { bytes: bytesToBase64(new TextEncoder().encode(JSON.stringify(e))) });
    const out = await readText(
      translateStream(
        'bedrock-invoke',
        'anthropic-messages',
        streamOfChunks([
          chunk({ type: 'ping' }),
          chunk({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        ]),
      ),
    );
    expect(out).toBe(
      'event: ping\ndata: {"type":"ping"}\n\nevent: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });

  it('a Bedrock exception frame reaches an OpenAI client as its error chunk (composed)', async () => {
    const { encodeExceptionFrame } = await import('../../wire/event-stream/frames.js');
    const out = await readText(
      translateStream(
        'bedrock-invoke',
        'openai-chat',
        streamOfChunks([encodeExceptionFrame('throttlingException', 'Too many')]),
      ),
    );
    expect(out).toContain('"error"');
    expect(out).toContain('Too many');
  });

  it('maps HTTP errors both ways', () => {
    expect(translateError('bedrock-invoke', 'anthropic-messages', { status: 503, body: { message: 'busy' } })).toEqual({
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
    });
    expect(
      translateError('bedrock-invoke', 'anthropic-messages', { status: 429, body: { message: 'Too many' } }).body,
    ).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Too many' },
    });
    expect(
      translateError('anthropic-messages', 'bedrock-invoke', {
        status: 529,
        body: { type: 'error', error: { type: 'overloaded_error', message: 'o' } },
      }),
    ).toEqual({
      status: 503,
      body: { message: 'o' },
    });
  });

  it('composes: an OpenAI request reaches InvokeModel as an Anthropic body', () => {
    const r = translateRequest('openai-chat', 'bedrock-invoke', {
      model: 'anthropic.claude-x',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(r.body).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 20 });
    expect(r.body).not.toHaveProperty('model');
  });
});
