import { describe, expect, it } from 'vitest';
import { concatBytes, drainValues } from '../../test/support/drain-stream.js';
import { bytesOf, readText, streamOfChunks } from '../../test/support/stream-test-utils.js';
import { anthropicCodec } from '../formats/anthropic-messages/codec.js';
import { bedrockConverseCodec } from '../formats/bedrock-converse/codec.js';
import { bedrockInvokeCodec } from '../formats/bedrock-invoke/codec.js';
import type { FormatCodec } from '../formats/codec.js';
import { encodeEventFrame } from '../wire/event-stream/frames.js';
import { encodeMessage } from '../wire/event-stream/message.js';
import { createStreamTranslator } from './translate.js';
import { translateStreamWith } from './translate-stream.js';

/**
 * Converse streams go through the codecs' synchronous side (`createDecoder`, `encodeEventBytes`): the bytes must be
 * the ones the TransformStream codecs give, for any chunking and on failures.
 */

/** The codec without its synchronous side: `translateStream` then takes the TransformStream path. */
function streamOnly(c: FormatCodec): FormatCodec {
  const { id, streamContentType, decodeStream, encodeStream, streamError, streamEnd, errorBody } = c;
  return { id, streamContentType, decodeStream, encodeStream, streamError, streamEnd, errorBody };
}

const converse = bedrockConverseCodec as FormatCodec;
const anthropic = anthropicCodec as FormatCodec;

const CONVERSE_EVENTS: [string, unknown][] = [
  ['messageStart', { role: 'assistant' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Grüße 😀' }, p: 'abc' }],
  ['contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' and more' } }],
  ['contentBlockStop', { contentBlockIndex: 0 }],
  ['contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 't1', name: 'get_weather' } } }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }],
  ['contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Paris"}' } } }],
  ['contentBlockStop', { contentBlockIndex: 1 }],
  ['messageStop', { stopReason: 'tool_use' }],
  ['metadata', { usage: { inputTokens: 5, outputTokens: 7, totalTokens: 12 }, metrics: { latencyMs: 10 } }],
];
const CONVERSE = concatBytes(CONVERSE_EVENTS.map(([name, payload]) => encodeEventFrame(name, payload)));

const ANTHROPIC = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße 😀"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":0}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t1","name":"f","input":{}}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"a\\":1}"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":1}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":4}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
  '',
].join('\n');

function pieces(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

async function readBytes(s: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return concatBytes(await drainValues(s));
}

const fromConverse = (source: FormatCodec, input: Uint8Array, size: number) =>
  readText(
    translateStreamWith(
      source,
      anthropic,
      createStreamTranslator('bedrock-converse', 'anthropic-messages', { model: 'claude-x' }),
      streamOfChunks(pieces(input, size)),
    ),
  );

const toConverse = (target: FormatCodec, input: Uint8Array, size: number) =>
  readBytes(
    translateStreamWith(
      anthropic,
      target,
      createStreamTranslator('anthropic-messages', 'bedrock-converse'),
      streamOfChunks(pieces(input, size)),
    ),
  );

describe('translateStream with an event-stream format (synchronous codec side)', () => {
  it('Converse -> Messages: the same text as the TransformStream path, for any chunking', async () => {
    const expected = await fromConverse(streamOnly(converse), CONVERSE, CONVERSE.length);
    expect(expected).toContain('"partial_json":"\\"Paris\\"}"');
    for (const size of [1, 5, 13, 64, CONVERSE.length]) {
      expect(await fromConverse(converse, CONVERSE, size)).toBe(expected);
    }
  });

  it('Messages -> Converse: the same bytes as the TransformStream path, for any chunking', async () => {
    const input = bytesOf(ANTHROPIC);
    const expected = await toConverse(streamOnly(converse), input, input.length);
    expect(expected.length).toBeGreaterThan(100);
    for (const size of [1, 7, 100, input.length]) {
      expect(await toConverse(converse, input, size)).toEqual(expected);
    }
  });

  it('a corrupt frame: the events before it, then the client error event, as on the TransformStream path', async () => {
    const bad = CONVERSE.slice();
    const third = encodeEventFrame(...CONVERSE_EVENTS[0]!).length + encodeEventFrame(...CONVERSE_EVENTS[1]!).length;
    bad[third + 20] = bad[third + 20]! ^ 0xff; // inside the third frame's headers: its message CRC fails
    const expected = await fromConverse(streamOnly(converse), bad, bad.length);
    expect(expected).toContain('Grüße');
    expect(expected).toMatch(/event: error\n.*corrupt event-stream frame/);
    for (const size of [3, 50, bad.length]) expect(await fromConverse(converse, bad, size)).toBe(expected);
  });

  it('a stream cut inside a frame ends with the client error event', async () => {
    const cut = CONVERSE.slice(0, CONVERSE.length - 10);
    const expected = await fromConverse(streamOnly(converse), cut, cut.length);
    expect(expected).toMatch(/event: error\n/);
    for (const size of [4, cut.length]) expect(await fromConverse(converse, cut, size)).toBe(expected);
  });
});

describe('translateStream with Bedrock InvokeModel streams (synchronous codec side)', () => {
  const invoke = bedrockInvokeCodec as FormatCodec;
  const run = (from: FormatCodec, to: FormatCodec, input: Uint8Array, size: number) =>
    readBytes(
      translateStreamWith(
        from,
        to,
        createStreamTranslator(from.id, to.id, { model: 'claude-x' }),
        streamOfChunks(pieces(input, size)),
      ),
    );

  it('Messages -> Invoke -> Messages: the same bytes as the TransformStream path both ways, for any chunking', async () => {
    const input = bytesOf(ANTHROPIC);
    const frames = await run(anthropic, streamOnly(invoke), input, input.length);
    expect(frames.length).toBeGreaterThan(input.length);
    for (const size of [1, 9, input.length]) expect(await run(anthropic, invoke, input, size)).toEqual(frames);
    const back = await run(streamOnly(invoke), anthropic, frames, frames.length);
    expect(new TextDecoder().decode(back)).toContain('"text":"Grüße 😀"');
    for (const size of [1, 31, frames.length]) expect(await run(invoke, anthropic, frames, size)).toEqual(back);
  });
});

describe('event frames from the cached header blocks', () => {
  it('are the bytes the generic message encoder writes', () => {
    for (const [name, payload] of [...CONVERSE_EVENTS, ['ünïcode-type', { x: 'ü' }] as [string, unknown]]) {
      const generic = encodeMessage({
        headers: {
          ':event-type': { type: 'string', value: name },
          ':content-type': { type: 'string', value: 'application/json' },
          ':message-type': { type: 'string', value: 'event' },
        },
        body: bytesOf(JSON.stringify(payload)),
      });
      expect(encodeEventFrame(name, payload)).toEqual(generic);
      // twice: the second one comes from the cache
      expect(encodeEventFrame(name, payload)).toEqual(generic);
    }
  });

  it('a batch is the frames one after the other (exceptions included)', () => {
    const events = [
      ...CONVERSE_EVENTS.map(([name, payload]) => ({ [name]: payload })),
      { throttlingException: { message: 'slow down' } },
    ];
    const one = events.map((e) => bedrockConverseCodec.encodeEventBytes([e]));
    expect(bedrockConverseCodec.encodeEventBytes(events)).toEqual(concatBytes(one));
    expect(() => bedrockConverseCodec.encodeEventBytes([{ a: {}, b: {} }])).toThrow(/exactly one key/);
  });
});
