/**
 * Independent clients consume crosswire's output (docs/wire-formats.md#sdk-behaviour): `@google/genai` reads Gemini
 * streams and responses translated from Anthropic and OpenAI upstreams; the Anthropic and OpenAI
 * SDKs read streams translated from a Gemini upstream.
 */

import { ApiError, GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { geminiSignatureFor } from '../../../test/support/gemini-thought-signature.js';
import { anthropicSDKFinalMessage, openaiSDKFinalCompletion } from '../../../test/support/sdk-harness.js';
import { readText, streamOfText } from '../../../test/support/stream-test-utils.js';
import type { FormatId } from '../../core/formats.js';
import { translateRequest, translateResponse } from '../../translate/translate.js';
import { translateStream } from '../../translate/translate-stream.js';

function genai(body: string, status = 200, contentType = 'text/event-stream') {
  const seen: string[] = [];
  const fetch = async (url: RequestInfo | URL) => {
    seen.push(String(url));
    return new Response(body, { status, headers: { 'content-type': contentType } });
  };
  const client = new GoogleGenAI({
    apiKey: 'k',
    httpOptions: { baseUrl: 'http://fake.local', apiVersion: 'v1beta', fetch } as never,
  });
  return { client, seen };
}

const ANTHROPIC_SSE = [
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":1}}}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  'event: ping\ndata: {"type":"ping"}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Let me "}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"check."}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
  'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{}}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": "}}\n\n',
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\\"Paris\\"}"}}\n\n',
  'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n',
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":20}}\n\n',
  'event: message_stop\ndata: {"type":"message_stop"}\n\n',
].join('');

const GEMINI_SSE = [
  'data: {"candidates":[{"content":{"parts":[{"text":"Bonjour "}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n',
  'data: {"candidates":[{"content":{"parts":[{"text":"le monde"}],"role":"model"},"index":0}],"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n',
  'data: {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"U0lH"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":6,"thoughtsTokenCount":4,"totalTokenCount":18},"modelVersion":"gemini-2.5-flash","responseId":"r1"}\r\n\r\n',
].join('');

describe('@google/genai consumes crosswire output', () => {
  it('generateContentStream reads a stream translated from an Anthropic upstream', async () => {
    const bytes = await readText(
      translateStream('anthropic-messages', 'gemini', streamOfText(ANTHROPIC_SSE, 13), {
        context: { clientModel: 'gemini-2.5-pro' },
      }),
    );
    const { client, seen } = genai(bytes);
    const chunks = [];
    for await (const c of await client.models.generateContentStream({ model: 'gemini-2.5-pro', contents: 'weather?' }))
      chunks.push(c);
    expect(seen[0]).toBe('http://fake.local/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(chunks.map((c) => c.text ?? '').join('')).toBe('Let me check.');
    const calls = chunks.flatMap((c) => c.functionCalls ?? []);
    expect(calls).toEqual([{ id: 'toolu_01', name: 'get_weather', args: { city: 'Paris' } }]);
    const last = chunks[chunks.length - 1]!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata).toEqual({ promptTokenCount: 12, candidatesTokenCount: 20, totalTokenCount: 32 });
    expect(last.responseId).toBe('msg_01');
  });

  it('generateContentStream reads a stream composed from an OpenAI upstream (through anthropic-messages)', async () => {
    const openai = [
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":null}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-x","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}\n\n',
      'data: [DONE]\n\n',
    ].join('');
    const bytes = await readText(translateStream('openai-chat', 'gemini', streamOfText(openai, 17)));
    const { client } = genai(bytes);
    const chunks = [];
    for await (const c of await client.models.generateContentStream({ model: 'm', contents: 'x' })) chunks.push(c);
    expect(chunks.map((c) => c.text ?? '').join('')).toBe('Hi there');
    const last = chunks[chunks.length - 1]!;
    expect(last.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last.usageMetadata?.promptTokenCount).toBe(5);
    expect(last.usageMetadata?.candidatesTokenCount).toBe(2);
  });

  it('an Anthropic mid-stream error reaches the Gemini client as an ApiError', async () => {
    const sse =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"c","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const bytes = await readText(translateStream('anthropic-messages', 'gemini', streamOfText(sse)));
    const { client } = genai(bytes);
    const run = async () => {
      for await (const _ of await client.models.generateContentStream({ model: 'm', contents: 'x' })) {
        // drain
      }
    };
    await expect(run()).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.status === 503);
  });

  it('generateContent reads a response translated from an Anthropic upstream', async () => {
    const message = {
      id: 'msg_02',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'text', text: 'Sunny.' },
        { type: 'tool_use', id: 'toolu_9', name: 'log', input: { level: 1 } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 4 },
    };
    const { body } = translateResponse<FormatId, FormatId>('anthropic-messages', 'gemini', message);
    const { client } = genai(JSON.stringify(body), 200, 'application/json');
    const r = await client.models.generateContent({ model: 'm', contents: 'x' });
    expect(r.text).toBe('Sunny.');
    expect(r.functionCalls).toEqual([{ id: 'toolu_9', name: 'log', args: { level: 1 } }]);
    expect(r.usageMetadata?.totalTokenCount).toBe(7);
  });
});

describe('@google/genai chat history replays the signatures crosswire placed', () => {
  const content = [
    { type: 'thinking', thinking: 'Need the weather.', signature: 'RXF1YWxseQ==' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
  ];
  const message = {
    id: 'msg_03',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content,
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 4 },
  };
  const events = [
    { type: 'message_start', message: { ...message, content: [], stop_reason: null } },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Need the weather.' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'RXF1YWxseQ==' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Checking.' } },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: {} },
    },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' } },
    { type: 'content_block_stop', index: 2 },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 4 } },
    { type: 'message_stop' },
  ];
  const sse = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');

  /** A chat whose first answer is `first`; returns the body of the second request. */
  async function secondRequest(first: string, contentType: string, stream: boolean): Promise<Record<string, unknown>> {
    const bodies: string[] = [];
    const fetch = async (_url: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(String(init?.body));
      const body =
        bodies.length === 1
          ? first
          : JSON.stringify({
              candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP', index: 0 }],
            });
      return new Response(body, {
        status: 200,
        headers: { 'content-type': bodies.length === 1 ? contentType : 'application/json' },
      });
    };
    const client = new GoogleGenAI({
      apiKey: 'k',
      httpOptions: { baseUrl: 'http://fake.local', apiVersion: 'v1beta', fetch } as never,
    });
    const chat = client.chats.create({ model: 'gemini-3-pro-preview' });
    if (stream) {
      for await (const _ of await chat.sendMessageStream({ message: 'Weather?' })) {
        // drain
      }
    } else await chat.sendMessage({ message: 'Weather?' });
    await chat.sendMessage({
      message: [{ functionResponse: { id: 'toolu_01A', name: 'get_weather', response: { output: '18C' } } }],
    });
    return JSON.parse(bodies[1]!) as Record<string, unknown>;
  }

  for (const stream of [false, true]) {
    it(`${stream ? 'sendMessageStream' : 'sendMessage'}: the history keeps the signature on the functionCall part, and Anthropic gets its thinking block back`, async () => {
      const first = stream
        ? await readText(translateStream('anthropic-messages', 'gemini', streamOfText(sse, 29)))
        : JSON.stringify(translateResponse<FormatId, FormatId>('anthropic-messages', 'gemini', message).body);
      const body = await secondRequest(first, stream ? 'text/event-stream' : 'application/json', stream);
      // the chat records a streamed answer as one model content per chunk
      const modelParts = (body.contents as Array<{ role: string; parts: Array<Record<string, unknown>> }>)
        .filter((c) => c.role === 'model')
        .flatMap((c) => c.parts);
      expect(modelParts.find((p) => p.functionCall !== undefined)).toMatchObject({
        thoughtSignature: geminiSignatureFor('RXF1YWxseQ==', 'Need the weather.'),
      });
      expect(modelParts.filter((p) => p.thought === true).every((p) => p.thoughtSignature === undefined)).toBe(true);
      const anthropic = translateRequest<FormatId, FormatId>('gemini', 'anthropic-messages', body, {
        model: 'claude-x',
      });
      expect(anthropic.losses).toEqual([]);
      expect((anthropic.body as { messages: unknown[] }).messages.slice(1)).toEqual([
        { role: 'assistant', content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01A', content: '18C' }] },
      ]);
    });
  }
});

describe('Anthropic and OpenAI SDKs consume streams translated from a Gemini upstream', () => {
  it('Anthropic MessageStream.finalMessage()', async () => {
    const bytes = await readText(
      translateStream('gemini', 'anthropic-messages', streamOfText(GEMINI_SSE, 11), {
        id: 'msg_x',
        context: { clientModel: 'claude-x' },
      }),
    );
    const m = await anthropicSDKFinalMessage(bytes);
    expect(m.content).toEqual([
      { type: 'text', text: 'Bonjour le monde' },
      { type: 'tool_use', id: 'toolu_gemini_r1_0_get_weather', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'thinking', thinking: '', signature: 'U0lH' },
    ]);
    expect(m.stop_reason).toBe('tool_use');
    expect(m.usage).toMatchObject({ input_tokens: 8, output_tokens: 10 });
    expect(m.model).toBe('claude-x');
  });

  it('OpenAI ChatCompletionStream.finalChatCompletion() (composed through anthropic-messages)', async () => {
    const bytes = await readText(
      translateStream('gemini', 'openai-chat', streamOfText(GEMINI_SSE, 5), { id: 'chatcmpl-1', created: 1700000000 }),
    );
    const c = await openaiSDKFinalCompletion(bytes);
    const choice = (
      c.choices as Array<{
        message: { content: string; tool_calls: Array<{ function: { name: string; arguments: string } }> };
        finish_reason: string;
      }>
    )[0]!;
    expect(choice.message.content).toBe('Bonjour le monde');
    expect(choice.message.tool_calls[0]!.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(choice.finish_reason).toBe('tool_calls');
  });

  it('a Gemini error chunk reaches the Anthropic SDK as an APIError', async () => {
    const sse =
      'data: {"candidates":[{"content":{"parts":[{"text":"a"}]}}]}\r\n\r\ndata: {"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED"}}\r\n\r\n';
    const bytes = await readText(translateStream('gemini', 'anthropic-messages', streamOfText(sse)));
    await expect(anthropicSDKFinalMessage(bytes)).rejects.toThrow(/Quota/);
  });
});
