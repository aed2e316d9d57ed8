import { describe, expect, it } from 'vitest';
import type { FormatId } from '../../src/core/formats.js';
import {
  decodeClientStream,
  decodeSSEEvents,
  expectErrorEnd,
  isCleanEndEvent,
  isStreamErrorEvent,
} from './client-stream-events.js';
import { encodeFrames } from './stream-frames.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeSSEEvents', () => {
  it('decodes Anthropic events and checks event names against payload types', () => {
    const r = decodeSSEEvents(
      'anthropic-messages',
      enc('event: ping\ndata: {"type":"ping"}\n\nevent: ping\ndata: {"type":"message_stop"}\n\n'),
    );
    expect(r.events).toEqual([{ type: 'ping' }, { type: 'message_stop' }]);
    expect(r.problems).toEqual(['event 1: SSE event name "ping" differs from payload type "message_stop"']);
  });
  it('checks Vertex event names as Anthropic ones', () => {
    expect(decodeSSEEvents('vertex-anthropic', enc('data: {"type":"ping"}\n\n')).problems).toEqual([
      'event 0: SSE event name undefined differs from payload type "ping"',
    ]);
  });
  it('keeps [DONE] as a string for OpenAI and flags event names, bad JSON, a cut tail and bad UTF-8', () => {
    expect(decodeSSEEvents('openai-chat', enc('data: {"a":1}\n\ndata: [DONE]\n\n'))).toEqual({
      events: [{ a: 1 }, '[DONE]'],
      problems: [],
    });
    expect(decodeSSEEvents('openai-chat', enc('event: x\ndata: {}\n\n')).problems).toEqual([
      'event 0: OpenAI streams carry no event names, got "x"',
    ]);
    expect(decodeSSEEvents('openai-chat', enc('data: {nope\n\n')).problems[0]).toMatch(/not JSON/);
    expect(decodeSSEEvents('openai-chat', enc('data: {}\n\ndata: {')).problems).toEqual([
      'the stream ends in the middle of an SSE event',
    ]);
    expect(
      decodeSSEEvents('openai-chat', new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a])).problems[0],
    ).toBe('the stream is not valid UTF-8');
  });
  it('reads Gemini CRLF framing, has no [DONE] and flags event names and a cut tail', () => {
    expect(
      decodeSSEEvents('gemini', enc('data: {"candidates":[]}\r\n\r\ndata: {"error":{"code":503}}\r\n\r\n')),
    ).toEqual({
      events: [{ candidates: [] }, { error: { code: 503 } }],
      problems: [],
    });
    expect(decodeSSEEvents('gemini', enc('data: [DONE]\n\n')).problems[0]).toMatch(/not JSON/);
    expect(decodeSSEEvents('gemini', enc('event: chunk\r\ndata: {}\r\n\r\n')).problems).toEqual([
      'event 0: Gemini streams carry no event names, got "chunk"',
    ]);
    expect(decodeSSEEvents('gemini', enc('data: {}\r\n\r\ndata: {}\r\n')).problems).toEqual([
      'the stream ends in the middle of an SSE event',
    ]);
  });
});

describe('decodeClientStream', () => {
  it('decodes SSE formats as decodeSSEEvents does', async () => {
    expect(await decodeClientStream('gemini', enc('data: {"a":1}\r\n\r\n'))).toEqual({
      events: [{ a: 1 }],
      problems: [],
    });
  });
  it('decodes Converse frames into {eventType: payload} events, exceptions included', async () => {
    const events = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      { throttlingException: { message: 'slow down' } },
    ];
    expect(await decodeClientStream('bedrock-converse', encodeFrames('bedrock-converse', events))).toEqual({
      events,
      problems: [],
    });
  });
  it('decodes Bedrock Invoke chunk frames into the Anthropic events they carry, an exception into an error event', async () => {
    const bytes = encodeFrames('bedrock-invoke', [
      { type: 'message_stop' },
      { type: 'error', error: { type: 'throttlingException', message: 'slow down' } },
    ]);
    expect(await decodeClientStream('bedrock-invoke', bytes)).toEqual({
      events: [
        { type: 'message_stop' },
        { type: 'error', error: { type: 'throttlingException', message: 'slow down' } },
      ],
      problems: [],
    });
  });
  it('reports a corrupt or cut frame as a problem, keeping the events before it', async () => {
    const start = { messageStart: { role: 'assistant' } };
    const corrupt = await decodeClientStream(
      'bedrock-converse',
      encodeFrames('bedrock-converse', [start, { $corrupt: { messageStop: { stopReason: 'end_turn' } } }]),
    );
    expect(corrupt.events).toEqual([start]);
    expect(corrupt.problems).toEqual([expect.stringMatching(/^the event stream does not decode: .*corrupt/)]);
    const cut = await decodeClientStream(
      'bedrock-invoke',
      encodeFrames('bedrock-invoke', [{ type: 'ping' }, { $truncated: { type: 'message_stop' } }]),
    );
    expect(cut.events).toEqual([{ type: 'ping' }]);
    expect(cut.problems).toEqual([expect.stringMatching(/ended inside a frame/)]);
  });
});

describe('isStreamErrorEvent / isCleanEndEvent', () => {
  const cases: Array<[FormatId, unknown, unknown, unknown]> = [
    // format, an error event, a clean end, an ordinary event
    ['anthropic-messages', { type: 'error', error: {} }, { type: 'message_stop' }, { type: 'message_delta' }],
    ['vertex-anthropic', { type: 'error', error: {} }, { type: 'message_stop' }, { type: 'ping' }],
    [
      'bedrock-invoke',
      { type: 'error', error: { type: 'throttlingException' } },
      { type: 'message_stop', 'amazon-bedrock-invocationMetrics': {} },
      { type: 'content_block_stop', index: 0 },
    ],
    ['openai-chat', { error: { message: 'x' } }, '[DONE]', { choices: [] }],
    [
      'gemini',
      { error: { code: 503, message: 'x', status: 'UNAVAILABLE' } },
      { candidates: [{ finishReason: 'STOP' }] },
      { candidates: [{ content: { role: 'model', parts: [] } }] },
    ],
    ['gemini', { error: { code: 500 } }, { promptFeedback: { blockReason: 'SAFETY' } }, { usageMetadata: {} }],
    [
      'bedrock-converse',
      { modelStreamErrorException: { message: 'x' } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: {} },
    ],
  ];
  for (const [format, error, end, other] of cases) {
    it(`tells ${format} error and clean-end events from the others`, () => {
      expect([
        isStreamErrorEvent(format, error),
        isStreamErrorEvent(format, end),
        isStreamErrorEvent(format, other),
      ]).toEqual([true, false, false]);
      expect([isCleanEndEvent(format, error), isCleanEndEvent(format, end), isCleanEndEvent(format, other)]).toEqual([
        false,
        true,
        false,
      ]);
    });
  }
  it('does not take another format’s error shape', () => {
    expect(isStreamErrorEvent('bedrock-converse', { error: { message: 'x' } })).toBe(false);
    expect(isStreamErrorEvent('gemini', { type: 'error', message: 'x' })).toBe(false);
    expect(isStreamErrorEvent('bedrock-invoke', { throttlingException: { message: 'x' } })).toBe(false);
  });
});

describe('expectErrorEnd', () => {
  it('wants the client error event last and no clean end', () => {
    expect(expectErrorEnd('openai-chat', [{ choices: [] }, { error: { message: 'x' } }])).toEqual([]);
    expect(expectErrorEnd('openai-chat', [{ choices: [] }, '[DONE]'])).toHaveLength(2);
    expect(expectErrorEnd('anthropic-messages', [{ type: 'message_start' }, { type: 'error', error: {} }])).toEqual([]);
    expect(expectErrorEnd('anthropic-messages', [{ type: 'message_stop' }, { type: 'error', error: {} }])).toEqual([
      'the stream ends cleanly although the upstream failed',
    ]);
  });
  it('knows the Gemini and Converse error ends', () => {
    expect(expectErrorEnd('gemini', [{ candidates: [] }, { error: { code: 503 } }])).toEqual([]);
    expect(expectErrorEnd('gemini', [{ candidates: [{ finishReason: 'STOP' }] }, { error: { code: 503 } }])).toEqual([
      'the stream ends cleanly although the upstream failed',
    ]);
    expect(
      expectErrorEnd('bedrock-converse', [{ messageStart: {} }, { throttlingException: { message: 'x' } }]),
    ).toEqual([]);
    expect(
      expectErrorEnd('bedrock-converse', [{ messageStart: {} }, { messageStop: {} }, { metadata: {} }]),
    ).toHaveLength(2);
  });
});
