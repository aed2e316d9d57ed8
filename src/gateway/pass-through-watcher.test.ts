import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageStart } from '../../test/support/anthropic-events.js';
import { bytesOf } from '../../test/support/stream-test-utils.js';
import { TranslationError } from '../core/errors.js';
import { encodeAnthropicEvents } from '../formats/anthropic-messages/codec.js';
import { encodeConverseEvent } from '../formats/bedrock-converse/codec.js';
import { encodeBedrockInvokeEvent } from '../formats/bedrock-invoke/codec.js';
import { encodeGeminiEventCRLF } from '../formats/gemini/codec.js';
import { encodeOpenAIEvents, OPENAI_DONE } from '../formats/openai-chat/codec.js';
import { encodeSSE, encodeSSEComment } from '../wire/sse/encode-sse.js';
import { MAX_HELD_BYTES, watchPassThrough } from './pass-through-watcher.js';

const ANTHROPIC = [
  messageStart({ input_tokens: 3, output_tokens: 1 }),
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'ping' },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Héllo 🌍' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
  { type: 'message_stop' },
];

const OPENAI_CHUNKS = [
  {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
  },
  {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'Hi ✓' }, finish_reason: null }],
  },
  {
    id: 'c1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
  },
];

interface Relayed {
  bytes: Uint8Array;
  error: unknown;
  upstreamCancelled: boolean;
}

/** `bytes` cut into `size`-byte chunks (or at `cuts`), relayed by `watchPassThrough`. */
async function relay(
  format: Parameters<typeof watchPassThrough>[0],
  bytes: Uint8Array,
  cut: number | number[] = Number.POSITIVE_INFINITY,
  options: Parameters<typeof watchPassThrough>[2] = {},
): Promise<Relayed> {
  const chunks: Uint8Array[] = [];
  if (Array.isArray(cut)) {
    let at = 0;
    for (const c of [...cut, bytes.length]) {
      chunks.push(bytes.subarray(at, c));
      at = c;
    }
  } else {
    const step = Math.max(1, Math.min(cut, bytes.length || 1));
    for (let at = 0; at < bytes.length; at += step) chunks.push(bytes.subarray(at, at + step));
  }
  let i = 0;
  let upstreamCancelled = false;
  const upstream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (i < chunks.length) c.enqueue(chunks[i++] ?? new Uint8Array(0));
        else c.close();
      },
      cancel() {
        upstreamCancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  const reader = watchPassThrough(format, upstream, options).getReader();
  const parts: Uint8Array[] = [];
  let error: unknown;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      parts.push(r.value);
    }
  } catch (e) {
    error = e;
  }
  return { bytes: Buffer.concat(parts), error, upstreamCancelled };
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

const relayWith = (
  format: Parameters<typeof watchPassThrough>[0],
  bytes: Uint8Array,
  options: Parameters<typeof watchPassThrough>[2],
) => relay(format, bytes, Number.POSITIVE_INFINITY, options);

describe('watchPassThrough: SSE formats', () => {
  const whole = bytesOf(encodeAnthropicEvents(ANTHROPIC));

  it('relays a well-formed Anthropic stream byte for byte, whatever the chunking', async () => {
    for (const size of [1, 2, 3, 7, 64, whole.length]) {
      const r = await relay('anthropic-messages', whole, size);
      expect(r.error).toBeUndefined();
      expect(Buffer.compare(r.bytes, whole)).toBe(0);
    }
    // every two-chunk cut, also inside the multi-byte characters and between the two LFs of a blank line
    for (let cut = 1; cut < whole.length; cut++) {
      const r = await relay('anthropic-messages', whole, [cut]);
      expect(r.error).toBeUndefined();
      expect(Buffer.compare(r.bytes, whole)).toBe(0);
    }
  });

  it('keeps CRLF and CR line ends as they are', async () => {
    for (const sep of ['\r\n', '\r']) {
      const bytes = bytesOf(encodeAnthropicEvents(ANTHROPIC).replace(/\n/g, sep));
      for (const size of [1, 5, bytes.length]) {
        const r = await relay('vertex-anthropic', bytes, size);
        expect(r.error).toBeUndefined();
        expect(Buffer.compare(r.bytes, bytes)).toBe(0);
      }
    }
  });

  it('a stream cut before message_stop: the whole messages, then an upstream error', async () => {
    const cutAt = encodeAnthropicEvents(ANTHROPIC.slice(0, 4));
    for (const size of [1, 10, 10_000]) {
      const r = await relay('anthropic-messages', bytesOf(cutAt), size);
      expect(text(r.bytes)).toBe(cutAt);
      expect(r.error).toBeInstanceOf(TranslationError);
      expect((r.error as TranslationError).kind).toBe('upstream');
      expect(String(r.error)).toMatch(/ended before message_stop/);
    }
  });

  it('a message cut in the middle is not forwarded', async () => {
    const done = encodeAnthropicEvents(ANTHROPIC.slice(0, 3));
    const half = encodeAnthropicEvents(ANTHROPIC.slice(3, 4)).slice(0, 30);
    for (const size of [1, 13, 10_000]) {
      const r = await relay('anthropic-messages', bytesOf(done + half), size);
      expect(text(r.bytes)).toBe(done);
      expect(String(r.error)).toMatch(/ended before message_stop/);
    }
  });

  it('stops at a message that is not valid JSON: nothing of it or after it is forwarded', async () => {
    const before = encodeAnthropicEvents(ANTHROPIC.slice(0, 3));
    const bad = encodeSSE({ event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,' });
    const after = encodeAnthropicEvents(ANTHROPIC.slice(3));
    const bytes = bytesOf(before + bad + after);
    for (let cut = 1; cut < bytes.length; cut += 3) {
      const r = await relay('anthropic-messages', bytes, [cut]);
      expect(text(r.bytes)).toBe(before);
      expect(String(r.error)).toMatch(/not valid JSON/);
    }
  });

  it('OpenAI: [DONE] ends the relay (the upstream is released); without it the end is an error unless every choice finished', async () => {
    const good = encodeOpenAIEvents([...OPENAI_CHUNKS, OPENAI_DONE]);
    const r = await relay('openai-chat', bytesOf(`${good}${encodeSSEComment('after')}`), 9);
    expect(r.error).toBeUndefined();
    expect(text(r.bytes)).toBe(good);
    expect(r.upstreamCancelled).toBe(true);

    // cut before the finish_reason: an error
    const cut = encodeOpenAIEvents(OPENAI_CHUNKS.slice(0, 2));
    const c = await relay('openai-chat', bytesOf(cut));
    expect(text(c.bytes)).toBe(cut);
    expect(String(c.error)).toMatch(/ended before data: \[DONE\]/);

    // every choice delivered its finish_reason (the official SDK's rule): complete without [DONE]; nothing added
    const finished = encodeOpenAIEvents(OPENAI_CHUNKS);
    const f = await relay('openai-chat', bytesOf(finished));
    expect(f.error).toBeUndefined();
    expect(text(f.bytes)).toBe(finished);

    // the client asked for usage (stream_options.include_usage): the usage chunk must come too
    const u = await relayWith('openai-chat', bytesOf(finished), { includeUsage: true });
    expect(String(u.error)).toMatch(/ended before data: \[DONE\]/);
    const usage = encodeOpenAIEvents([
      ...OPENAI_CHUNKS,
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [],
        usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      },
    ]);
    expect((await relayWith('openai-chat', bytesOf(usage), { includeUsage: true })).error).toBeUndefined();
  });

  it("an upstream's own error event is relayed and ends the stream cleanly (no second error)", async () => {
    const a = encodeAnthropicEvents([
      ...ANTHROPIC.slice(0, 3),
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    const ra = await relay('anthropic-messages', bytesOf(a), 11);
    expect(ra.error).toBeUndefined();
    expect(text(ra.bytes)).toBe(a);

    const o = encodeOpenAIEvents([
      OPENAI_CHUNKS[0],
      { error: { message: 'boom', type: 'server_error', param: null, code: null } },
    ]);
    const ro = await relay('openai-chat', bytesOf(o));
    expect(ro.error).toBeUndefined();
    expect(text(ro.bytes)).toBe(o);
  });

  it('Gemini (CRLF framing): complete after a finishReason, usage may follow; cut before it is an error', async () => {
    const chunks = [
      { candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, index: 0 }] },
      { candidates: [{ content: { role: 'model', parts: [{ text: '!' }] }, finishReason: 'STOP', index: 0 }] },
      { usageMetadata: { promptTokenCount: 2, candidatesTokenCount: 2, totalTokenCount: 4 } },
    ];
    const good = chunks.map(encodeGeminiEventCRLF).join('');
    for (const size of [1, 4, 1000]) {
      const r = await relay('gemini', bytesOf(good), size);
      expect(r.error).toBeUndefined();
      expect(text(r.bytes)).toBe(good);
    }
    const cut = encodeGeminiEventCRLF(chunks[0]);
    const c = await relay('gemini', bytesOf(cut), 5);
    expect(text(c.bytes)).toBe(cut);
    expect(String(c.error)).toMatch(/ended before a finishReason/);

    const bad = bytesOf(cut + encodeSSE({ data: '[1,2' }).replace(/\n/g, '\r\n') + good);
    const m = await relay('gemini', bad, 6);
    expect(text(m.bytes)).toBe(cut);
    expect(String(m.error)).toMatch(/not valid JSON/);
  });

  it('an incomplete message over the limit is an error, not unbounded memory', async () => {
    // comment lines without the blank line that would end the message
    const line = encodeSSEComment('x'.repeat(64 * 1024)).slice(0, -1);
    const count = Math.ceil(MAX_HELD_BYTES / line.length) + 2;
    const r = await relay('openai-chat', bytesOf(line.repeat(count)), line.length * 8);
    expect(r.bytes.length).toBe(0);
    expect(String(r.error)).toMatch(/larger than/);
  });

  it('recorded upstream streams come out as they went in (up to their terminal event)', async () => {
    const root = join(import.meta.dirname, '../../fixtures/recorded');
    let checked = 0;
    for (const format of ['anthropic-messages', 'openai-chat', 'gemini'] as const) {
      let files: string[] = [];
      try {
        files = readdirSync(join(root, format)).filter((f) => f.endsWith('.sse'));
      } catch {
        continue;
      }
      for (const f of files) {
        const bytes = new Uint8Array(readFileSync(join(root, format, f)));
        const a = await relay(format, bytes);
        const b = await relay(format, bytes, 7);
        expect(Buffer.compare(a.bytes, b.bytes), f).toBe(0);
        expect(String(a.error), f).toBe(String(b.error));
        // a prefix of the input; a clean end leaves at most blank lines / comments after the terminal event
        expect(Buffer.compare(a.bytes, bytes.subarray(0, a.bytes.length)), f).toBe(0);
        if (a.error === undefined)
          expect(text(bytes.subarray(a.bytes.length)).replace(/^(:[^\n]*)?[\r\n]*/gm, ''), f).toBe('');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('watchPassThrough: event-stream formats', () => {
  const frames = (events: unknown[], encode: (e: unknown) => Uint8Array) => Buffer.concat(events.map(encode));

  it('Bedrock InvokeModel: byte-exact frames at any chunking; cut or corrupt ends with an error after the whole frames', async () => {
    const whole = frames(ANTHROPIC, encodeBedrockInvokeEvent);
    for (const size of [1, 5, 100, whole.length]) {
      const r = await relay('bedrock-invoke', whole, size);
      expect(r.error).toBeUndefined();
      expect(Buffer.compare(r.bytes, whole)).toBe(0);
    }
    const four = frames(ANTHROPIC.slice(0, 4), encodeBedrockInvokeEvent);
    const cut = await relay('bedrock-invoke', whole.subarray(0, four.length + 10), 17);
    expect(Buffer.compare(cut.bytes, four)).toBe(0);
    expect(String(cut.error)).toMatch(/inside a frame/);

    const noStop = await relay('bedrock-invoke', four, 17);
    expect(Buffer.compare(noStop.bytes, four)).toBe(0);
    expect(String(noStop.error)).toMatch(/ended before message_stop/);

    const corrupt = Buffer.from(whole);
    const third = frames(ANTHROPIC.slice(0, 3), encodeBedrockInvokeEvent).length;
    corrupt[third - 1] = (corrupt[third - 1] ?? 0) ^ 0xff;
    const c = await relay('bedrock-invoke', corrupt, 50);
    expect(Buffer.compare(c.bytes, frames(ANTHROPIC.slice(0, 2), encodeBedrockInvokeEvent))).toBe(0);
    expect(String(c.error)).toMatch(/corrupt event-stream frame/);
  });

  it('Bedrock Converse: complete after messageStop (metadata may follow), an error without it', async () => {
    const events = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
    ];
    const whole = frames(events, encodeConverseEvent);
    const r = await relay('bedrock-converse', whole, 33);
    expect(r.error).toBeUndefined();
    expect(Buffer.compare(r.bytes, whole)).toBe(0);
    const cut = frames(events.slice(0, 3), encodeConverseEvent);
    const c = await relay('bedrock-converse', cut);
    expect(Buffer.compare(c.bytes, cut)).toBe(0);
    expect(String(c.error)).toMatch(/ended before messageStop/);
  });
});
