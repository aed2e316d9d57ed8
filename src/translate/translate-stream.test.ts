import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { bytesOf, readText, streamOfChunks, streamOfText } from '../../test/support/stream-test-utils.js';
import type { Loss } from '../core/losses.js';
import { anthropicCodec } from '../formats/anthropic-messages/codec.js';
import type { FormatCodec } from '../formats/codec.js';
import { openaiCodec } from '../formats/openai-chat/codec.js';
import { parseSSE } from '../wire/sse/parse-sse.js';
import { createStreamTranslator } from './translate.js';
import { translateStream, translateStreamWith } from './translate-stream.js';

const OPTS = { id: 'chatcmpl-1', created: 1700000000 };

const ANTHROPIC = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  'event: ping',
  'data: {"type": "ping"}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Grüße 😀"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":0}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
  '',
].join('\n');

const ENVELOPE = '"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"claude-x"';
const OPENAI_EXPECTED = [
  `data: {${ENVELOPE},"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}`,
  `data: {${ENVELOPE},"choices":[{"index":0,"delta":{"content":"Grüße 😀"},"logprobs":null,"finish_reason":null}]}`,
  `data: {${ENVELOPE},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}`,
  'data: [DONE]',
  '',
].join('\n\n');

describe('translateStream', () => {
  it('translates Anthropic wire bytes to OpenAI wire bytes', async () => {
    expect(await readText(translateStream('anthropic-messages', 'openai-chat', streamOfText(ANTHROPIC), OPTS))).toBe(
      OPENAI_EXPECTED,
    );
  });

  it('gives the same bytes for any chunking, including inside multi-byte characters and CRLF', async () => {
    const crlf = ANTHROPIC.replace(/\n/g, '\r\n');
    for (const size of [1, 2, 3, 5, 7, 64]) {
      expect(await readText(translateStream('anthropic-messages', 'openai-chat', streamOfText(crlf, size), OPTS))).toBe(
        OPENAI_EXPECTED,
      );
    }
  });

  it('translates OpenAI wire bytes to Anthropic wire bytes', async () => {
    const upstream = [
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}],"usage":null}',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}',
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}',
      'data: [DONE]',
      '',
    ].join('\n\n');
    const text = await readText(
      translateStream('openai-chat', 'anthropic-messages', streamOfText(upstream, 10), { id: 'msg_1' }),
    );
    const { messages } = parseSSE(text);
    expect(messages.map((m) => m.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const m of messages) expect(JSON.parse(m.data).type).toBe(m.event);
    expect(JSON.parse(messages[4]!.data)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { input_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 },
    });
  });

  it('ends with the client error event when the upstream stream errors mid-way', async () => {
    const cut = ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_stop'));
    const text = await readText(
      translateStream('anthropic-messages', 'openai-chat', streamOfText(cut, 50, new Error('socket hang up')), OPTS),
    );
    const last = parseSSE(text).messages.at(-1);
    expect(JSON.parse(last?.data ?? '')).toEqual({
      error: { message: 'upstream stream failed: socket hang up', type: 'server_error', param: null, code: null },
    });
    expect(text).not.toContain('[DONE]');
  });

  it('ends with the client error event when the upstream just stops (no terminal event)', async () => {
    const cut = ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: message_delta'));
    const text = await readText(translateStream('anthropic-messages', 'openai-chat', streamOfText(cut), OPTS));
    expect(JSON.parse(parseSSE(text).messages.at(-1)?.data ?? '')).toMatchObject({ error: { type: 'server_error' } });
  });

  it('ends with the client error event on bytes that do not decode, in the client format', async () => {
    const bad = 'event: message_start\ndata: {not json\n\n';
    const a = await readText(translateStream('anthropic-messages', 'openai-chat', streamOfText(bad), OPTS));
    expect(JSON.parse(parseSSE(a).messages[0]?.data ?? '')).toMatchObject({
      error: { type: 'server_error', message: expect.stringContaining('not valid JSON') },
    });
    const b = await readText(
      translateStream('openai-chat', 'anthropic-messages', streamOfText('data: {oops\n\n'), OPTS),
    );
    const m = parseSSE(b).messages;
    expect(m.map((x) => x.event)).toEqual(['error']);
    expect(JSON.parse(m[0]?.data ?? '')).toMatchObject({ type: 'error', error: { type: 'api_error' } });
  });

  it('delivers the events before a bad one in the same chunk, then the error (one chunk or many)', async () => {
    const good = ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_stop'));
    const bytes = `${good}event: content_block_stop\ndata: {broken\n\n`;
    for (const size of [Number.POSITIVE_INFINITY, 9]) {
      const text = await readText(
        translateStream('anthropic-messages', 'openai-chat', streamOfText(bytes, size), OPTS),
      );
      const data = parseSSE(text).messages.map((m) => m.data);
      expect(data.slice(0, 2)).toEqual([
        OPENAI_EXPECTED.split('\n\n')[0]?.slice(6),
        OPENAI_EXPECTED.split('\n\n')[1]?.slice(6),
      ]);
      expect(JSON.parse(data[2] ?? '')).toMatchObject({
        error: { message: expect.stringContaining('not valid JSON') },
      });
      expect(data).toHaveLength(3);
    }
  });

  it('passes an upstream error event on as the client format error, nothing after it', async () => {
    const upstream =
      ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_stop')) +
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n';
    const text = await readText(translateStream('anthropic-messages', 'openai-chat', streamOfText(upstream), OPTS));
    const msgs = parseSSE(text).messages;
    expect(JSON.parse(msgs.at(-1)?.data ?? '')).toEqual({
      error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded' },
    });
    expect(msgs).toHaveLength(3);
  });

  it('is pull-based: reading one output message reads only what it needs from the upstream', async () => {
    const lines = parseSSE(ANTHROPIC).messages.map((m) => bytesOf(`event: ${m.event}\ndata: ${m.data}\n\n`));
    let pulled = 0;
    const source = new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (pulled < lines.length) c.enqueue(lines[pulled++]!);
          else c.close();
        },
      },
      { highWaterMark: 0 },
    );
    const reader = translateStream('anthropic-messages', 'openai-chat', source, OPTS).getReader();
    await reader.read();
    // message_start gives the first chunk; a few events of look-ahead at most, never the whole stream
    expect(pulled).toBeLessThan(lines.length);
    await reader.cancel();
  });

  it('cancelling the output cancels the upstream', async () => {
    let cancelled: unknown = 'not cancelled';
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytesOf(ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_start'))));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = translateStream('anthropic-messages', 'openai-chat', source, OPTS).getReader();
    await reader.read();
    await reader.cancel('client went away');
    // the cancel travels back through the encode and decode stages
    for (let i = 0; i < 20 && cancelled === 'not cancelled'; i++) await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe('client went away');
  });

  it('stops reading the upstream after the terminal event and reports losses at the end', async () => {
    let cancelled = false;
    let result: { losses: Loss[]; error: unknown } | undefined;
    const upstream = ANTHROPIC.replace('"stop_reason":"end_turn"', '"stop_reason":"pause_turn"');
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytesOf(upstream));
        // never closed: a hung upstream after message_stop must not hang the client
      },
      cancel() {
        cancelled = true;
      },
    });
    const text = await readText(
      translateStream('anthropic-messages', 'openai-chat', source, OPTS, { onEnd: (r) => (result = r) }),
    );
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(cancelled).toBe(true);
    expect(result?.losses.map((l) => l.path)).toEqual(['stop_reason']);
    expect(result?.error).toBeUndefined();
  });

  it('works through chunks split into single bytes for the OpenAI direction too', async () => {
    const upstream =
      'data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"é😀"},"finish_reason":"stop"}]}\r\n\r\ndata: [DONE]\r\n\r\n';
    const whole = await readText(
      translateStream('openai-chat', 'anthropic-messages', streamOfChunks([bytesOf(upstream)]), { id: 'msg_1' }),
    );
    const split = await readText(
      translateStream('openai-chat', 'anthropic-messages', streamOfText(upstream, 1), { id: 'msg_1' }),
    );
    expect(split).toBe(whole);
    expect(whole).toContain('"text":"é😀"');
  });
});

/** the codecs without their synchronous side: translateStream falls back to their TransformStreams */
function streamOnly(c: FormatCodec): FormatCodec {
  const { id, streamContentType, decodeStream, encodeStream, streamError, streamEnd, errorBody } = c;
  return { id, streamContentType, decodeStream, encodeStream, streamError, streamEnd, errorBody };
}

describe('translateStream through TransformStream codecs (codecs without a sync side)', () => {
  const a = streamOnly(anthropicCodec as FormatCodec);
  const o = streamOnly(openaiCodec as FormatCodec);
  const run = (text: string, size: number, fail?: unknown) =>
    readText(
      translateStreamWith(
        a,
        o,
        createStreamTranslator('anthropic-messages', 'openai-chat', OPTS),
        streamOfText(text, size, fail),
      ),
    );

  it('gives the same bytes as the sync path, for any chunking', async () => {
    for (const size of [1, 7, 1000]) expect(await run(ANTHROPIC, size)).toBe(OPENAI_EXPECTED);
  });

  it('ends with the client error event when the upstream errors or is cut', async () => {
    const cut = ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_stop'));
    const failed = parseSSE(await run(cut, 50, new Error('reset'))).messages.at(-1);
    expect(JSON.parse(failed?.data ?? '')).toMatchObject({ error: { message: 'upstream stream failed: reset' } });
    const truncated = parseSSE(await run(cut, 50)).messages.at(-1);
    expect(JSON.parse(truncated?.data ?? '')).toMatchObject({ error: { type: 'server_error' } });
    const bad = parseSSE(await run('event: ping\ndata: {x\n\n', 5)).messages;
    expect(bad).toHaveLength(1);
    expect(JSON.parse(bad[0]?.data ?? '')).toMatchObject({
      error: { message: expect.stringContaining('not valid JSON') },
    });
  });

  it('cancelling the output cancels the upstream', async () => {
    let cancelled: unknown;
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytesOf(ANTHROPIC.slice(0, ANTHROPIC.indexOf('event: content_block_start'))));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const reader = translateStreamWith(
      a,
      o,
      createStreamTranslator('anthropic-messages', 'openai-chat', OPTS),
      source,
    ).getReader();
    await reader.read();
    await reader.cancel('bye');
    for (let i = 0; i < 20 && cancelled === undefined; i++) await new Promise((r) => setTimeout(r, 5));
    expect(cancelled).toBe('bye');
  });
});

describe('translateStream chunk-boundary invariance (recorded captures, random byte splits)', () => {
  const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'recorded');
  const files = (['anthropic-messages', 'openai-chat'] as const).flatMap((from) =>
    existsSync(join(dir, from))
      ? readdirSync(join(dir, from))
          .filter((f) => f.endsWith('.sse'))
          .map((f) => ({ from, bytes: bytesOf(readFileSync(join(dir, from, f), 'utf8')) }))
      : [],
  );
  const other = (f: 'anthropic-messages' | 'openai-chat') =>
    f === 'anthropic-messages' ? 'openai-chat' : 'anthropic-messages';
  const cutAt = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const out: Uint8Array[] = [];
    let at = 0;
    for (const p of points) {
      out.push(bytes.subarray(at, p));
      at = p;
    }
    out.push(bytes.subarray(at));
    return out;
  };

  it('has recorded captures of both formats to split', () => {
    for (const from of ['anthropic-messages', 'openai-chat'] as const)
      expect(files.filter((f) => f.from === from).length, from).toBeGreaterThan(0);
  });

  test.prop([fc.nat({ max: Math.max(0, files.length - 1) }), fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 60 })(
    'any split of the upstream bytes (inside UTF-8 characters and CRLF too) gives the same client bytes',
    async (which, cuts) => {
      const f = files[which];
      if (!f) throw new Error('no recorded capture to split');
      const opts = { ...OPTS, context: { includeUsage: true } };
      const whole = await readText(translateStream(f.from, other(f.from), streamOfChunks([f.bytes]), opts));
      const split = await readText(translateStream(f.from, other(f.from), streamOfChunks(cutAt(f.bytes, cuts)), opts));
      expect(split).toBe(whole);
    },
  );
});
