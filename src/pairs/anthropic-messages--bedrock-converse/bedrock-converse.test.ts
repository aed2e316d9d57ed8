import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { drainBytes as bytesOf, concatBytes as concat } from '../../../test/support/drain-stream.js';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText, streamOfChunks, streamOfText } from '../../../test/support/stream-test-utils.js';
import type { FormatId } from '../../core/formats.js';
import { encodeConverseEvent } from '../../formats/bedrock-converse/codec.js';
import { bedrockExceptionForStatus } from '../../formats/bedrock-invoke/errors.js';
import { translateError, translateResponse } from '../../translate/translate.js';
import { translateStream } from '../../translate/translate-stream.js';
import { converseRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToConverse } from './request-to-converse.js';
import { converseResponseToAnthropic } from './response-to-anthropic.js';

describe('anthropic -> converse request', () => {
  it('maps system/cache_control, thinking, tools, images, documents, tool results', () => {
    const r = anthropicRequestToConverse(
      deepFreeze({
        model: 'anthropic.claude-x',
        max_tokens: 500,
        top_k: 5,
        temperature: 0.5,
        stop_sequences: ['X'],
        thinking: { type: 'enabled', budget_tokens: 1024 },
        system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral' } }],
        tools: [{ name: 'f', description: 'd', input_schema: { type: 'object', properties: {} } }],
        tool_choice: { type: 'tool', name: 'f' },
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' } },
            ],
          },
          {
            role: 'assistant',
            content: [
              { type: 'thinking', thinking: 'hm', signature: 'S' },
              { type: 'redacted_thinking', data: 'R' },
              { type: 'tool_use', id: 't1', name: 'f', input: { a: 1 } },
            ],
          },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok', is_error: true }] },
        ],
      }),
    );
    expect(r.losses).toEqual([]);
    expect(r.context.upstreamPath).toBe('/model/anthropic.claude-x/converse');
    expect(r.body).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            { image: { format: 'png', source: { bytes: 'AAAA' } } },
            { document: { name: 'document-1', format: 'pdf', source: { bytes: 'JVBE' } } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'hm', signature: 'S' } } },
            { reasoningContent: { redactedContent: 'R' } },
            { toolUse: { toolUseId: 't1', name: 'f', input: { a: 1 } } },
          ],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }], status: 'error' } }] },
      ],
      system: [{ text: 'sys' }, { cachePoint: { type: 'default' } }],
      inferenceConfig: { maxTokens: 500, temperature: 0.5, stopSequences: ['X'] },
      additionalModelRequestFields: { top_k: 5, thinking: { type: 'enabled', budget_tokens: 1024 } },
      toolConfig: {
        tools: [
          { toolSpec: { name: 'f', inputSchema: { json: { type: 'object', properties: {} } }, description: 'd' } },
        ],
        toolChoice: { tool: { name: 'f' } },
      },
    });
  });
});

describe('converse upstream -> Anthropic client', () => {
  it('response: blocks, stop reason, usage', () => {
    const r = converseResponseToAnthropic(
      deepFreeze({
        output: {
          message: {
            role: 'assistant',
            content: [
              { reasoningContent: { reasoningText: { text: 't', signature: 'S' } } },
              { text: 'Hi' },
              { toolUse: { toolUseId: 'tu', name: 'f', input: {} } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 5, outputTokens: 7, totalTokens: 20, cacheReadInputTokens: 8 },
      }),
      { id: 'msg_c' },
    );
    expect(r.body).toMatchObject({
      id: 'msg_c',
      content: [
        { type: 'thinking', thinking: 't', signature: 'S' },
        { type: 'text', text: 'Hi' },
        { type: 'tool_use', id: 'tu', name: 'f', input: {} },
      ],
      stop_reason: 'tool_use',
      usage: { input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 8, output_tokens: 7 },
    });
  });

  it('stream: binary frames -> Anthropic SSE the Anthropic SDK reads; metadata usage after messageStop lands in message_delta', async () => {
    const frames = concat(
      [
        { messageStart: { role: 'assistant', p: 'abc' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'think' } } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'SIG' } } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hel' } } },
        { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'lo' } } },
        { contentBlockStop: { contentBlockIndex: 1 } },
        { contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_1', name: 'f' } } } },
        { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"a":' } } } },
        { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '1}' } } } },
        { contentBlockStop: { contentBlockIndex: 2 } },
        { messageStop: { stopReason: 'tool_use' } },
        { metadata: { usage: { inputTokens: 11, outputTokens: 22, totalTokens: 33 } } },
      ].map(encodeConverseEvent),
    );
    const sse = await readText(
      translateStream(
        'bedrock-converse',
        'anthropic-messages',
        streamOfChunks([frames.slice(0, 77), frames.slice(77)]),
        { id: 'msg_s' },
      ),
    );
    const m = await anthropicSDKFinalMessage(sse);
    expect(m.content).toEqual([
      { type: 'thinking', thinking: 'think', signature: 'SIG' },
      { type: 'text', text: 'Hello' },
      { type: 'tool_use', id: 'tooluse_1', name: 'f', input: { a: 1 } },
    ]);
    expect(m.stop_reason).toBe('tool_use');
    expect(m.usage).toMatchObject({ input_tokens: 11, output_tokens: 22 });
  });

  it('an exception frame becomes an Anthropic error event', async () => {
    const frames = concat([
      encodeConverseEvent({ messageStart: { role: 'assistant' } }),
      encodeConverseEvent({ throttlingException: { message: 'Too many' } }),
    ]);
    const sse = await readText(translateStream('bedrock-converse', 'anthropic-messages', streamOfChunks([frames])));
    expect(sse).toContain(
      'event: error\ndata: {"type":"error","error":{"type":"rate_limit_error","message":"Too many"}}',
    );
  });
});

describe('@aws-sdk/client-bedrock-runtime on loopback consumes crosswire output', () => {
  let server: Server;
  let reply: { body: Uint8Array | string; type: string; status?: number; headers?: Record<string, string> } = {
    body: '',
    type: 'application/json',
  };
  let seen: unknown;
  let client: BedrockRuntimeClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(reply.status ?? 200, { 'content-type': reply.type, ...reply.headers });
        res.end(typeof reply.body === 'string' ? reply.body : Buffer.from(reply.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      requestHandler: new NodeHttpHandler(),
      maxAttempts: 1,
    });
  });
  afterAll(() => {
    client?.destroy();
    server?.close();
  });

  const SSE = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":9,"output_tokens":1}}}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Bonjour"}}\n\n',
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}}\n\n',
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"q\\":\\"x\\"}"}}\n\n',
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":1}\n\n',
    'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":12}}\n\n',
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  ].join('');

  it('ConverseStream reads the event stream translated from an Anthropic upstream', async () => {
    reply = {
      body: await bytesOf(translateStream('anthropic-messages', 'bedrock-converse', streamOfText(SSE, 10))),
      type: 'application/vnd.amazon.eventstream',
    };
    const out = await client.send(
      new ConverseStreamCommand({
        modelId: 'anthropic.claude-x',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    const events: Array<Record<string, unknown>> = [];
    for await (const e of out.stream!) events.push(e as unknown as Record<string, unknown>);
    const text = events
      .map((e) => (e.contentBlockDelta as { delta?: { text?: string } } | undefined)?.delta?.text ?? '')
      .join('');
    expect(text).toBe('Bonjour');
    expect(events.find((e) => e.contentBlockStart)?.contentBlockStart).toEqual({
      contentBlockIndex: 1,
      start: { toolUse: { toolUseId: 'toolu_1', name: 'lookup' } },
    });
    expect(events.find((e) => e.messageStop)?.messageStop).toEqual({ stopReason: 'tool_use' });
    expect(events.find((e) => e.metadata)?.metadata).toMatchObject({
      usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21 },
    });
    expect((events.find((e) => e.metadata)?.metadata as { usage?: unknown } | undefined)?.usage).toEqual({
      inputTokens: 9,
      outputTokens: 12,
      totalTokens: 21,
    });
    // what the SDK sent translates into a valid Anthropic request
    const back = converseRequestToAnthropic(seen, { model: 'claude-x' });
    expect(back.body).toEqual({
      model: 'claude-x',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });

  it('Converse reads a response translated from an Anthropic upstream', async () => {
    const message = {
      id: 'msg_2',
      type: 'message',
      role: 'assistant',
      model: 'claude',
      content: [{ type: 'text', text: 'Salut' }],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: { input_tokens: 4, output_tokens: 2 },
    };
    reply = {
      body: JSON.stringify(
        translateResponse<FormatId, FormatId>('anthropic-messages', 'bedrock-converse', message).body,
      ),
      type: 'application/json',
    };
    const out = await client.send(
      new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
    );
    expect(out.output?.message?.content).toEqual([{ text: 'Salut' }]);
    expect(out.stopReason).toBe('max_tokens');
    expect(out.usage).toEqual({ inputTokens: 4, outputTokens: 2, totalTokens: 6 });
  });

  it('Anthropic HTTP errors -> Converse status + {message}: with the exception name of that status as x-amzn-ErrorType the SDK throws the modelled exception', async () => {
    const cases: Array<[number, string, string]> = [
      [400, 'invalid_request_error', 'ValidationException'],
      [401, 'authentication_error', 'AccessDeniedException'],
      [404, 'not_found_error', 'ResourceNotFoundException'],
      [429, 'rate_limit_error', 'ThrottlingException'],
      [500, 'api_error', 'InternalServerException'],
      [529, 'overloaded_error', 'ServiceUnavailableException'],
    ];
    for (const [status, type, exception] of cases) {
      const e = translateError('anthropic-messages', 'bedrock-converse', {
        status,
        body: { type: 'error', error: { type, message: `m${status}` } },
      });
      expect(bedrockExceptionForStatus(e.status)).toBe(exception);
      reply = {
        body: JSON.stringify(e.body),
        type: 'application/json',
        status: e.status,
        headers: { 'x-amzn-errortype': `${exception}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
      };
      const thrown = await client
        .send(new ConverseCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
        .catch((x: unknown) => x);
      expect(thrown).toMatchObject({ name: exception, message: `m${status}`, $metadata: { httpStatusCode: e.status } });
    }
  });

  it('an Anthropic mid-stream error reaches the AWS SDK as a thrown exception', async () => {
    const cut = `${SSE.split('event: content_block_stop')[0]}event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`;
    reply = {
      body: await bytesOf(translateStream('anthropic-messages', 'bedrock-converse', streamOfText(cut))),
      type: 'application/vnd.amazon.eventstream',
    };
    const out = await client.send(
      new ConverseStreamCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
    );
    const drain = async () => {
      for await (const _ of out.stream!) {
        // drain
      }
    };
    await expect(drain()).rejects.toThrow(/Overloaded/);
  });
});
