/**
 * Cost of the same-format relay (`relayStream` with client format = upstream format): a 5,000-event Anthropic
 * stream and a 5,000-chunk OpenAI stream drained through it, once as the gateway relays it (bytes checked by
 * the pass-through watcher) and once through the bare relay without the watcher (the byte pipe alone, as
 * before the watcher), in one-event chunks (the worst case) and 16 KB chunks. In-process, no sockets.
 *
 * `node --import tsx bench/pass-through-relay.ts`
 */
import { encodeAnthropicEvents } from '../src/formats/anthropic-messages/codec.js';
import { encodeOpenAIEvents, OPENAI_DONE } from '../src/formats/openai-chat/codec.js';
import { guardStream } from '../src/gateway/guard-stream.js';
import { encodeStreamError, relayStream } from '../src/gateway/relay-stream.js';

const EVENTS = 5_000;
const encoder = new TextEncoder();

function anthropicEvents(): string[] {
  const out = [
    encodeAnthropicEvents([
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-x',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 3, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    ]),
  ];
  for (let i = 0; i < EVENTS - 5; i++)
    out.push(
      encodeAnthropicEvents([
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `token ${i} ` } },
      ]),
    );
  out.push(
    encodeAnthropicEvents([
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: EVENTS },
      },
      { type: 'message_stop' },
    ]),
  );
  return out;
}

function openaiEvents(): string[] {
  const out: string[] = [];
  for (let i = 0; i < EVENTS - 2; i++) {
    out.push(
      encodeOpenAIEvents([
        {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 1,
          model: 'm',
          choices: [{ index: 0, delta: { content: `token ${i} ` }, finish_reason: null }],
        },
      ]),
    );
  }
  out.push(
    encodeOpenAIEvents([
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      },
      OPENAI_DONE,
    ]),
  );
  return out;
}

function chunked(events: string[], size: number): Uint8Array[] {
  if (size === 0) return events.map((e) => encoder.encode(e));
  const all = encoder.encode(events.join(''));
  const out: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += size) out.push(all.subarray(at, at + size));
  return out;
}

function source(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(c) {
        const next = chunks[i++];
        if (next) c.enqueue(next);
        else c.close();
      },
    },
    { highWaterMark: 0 },
  );
}

type Format = 'anthropic-messages' | 'openai-chat';

/** the relay as the gateway runs it for a same-format stream */
const watched = (format: Format, chunks: Uint8Array[]) =>
  relayStream(source(chunks), { from: format, to: format, idleMs: 120_000, abortUpstream: () => {}, translate: {} });

/** the byte pipe without the watcher: the same two guards, nothing checked */
const bare = (format: Format, chunks: Uint8Array[]) =>
  guardStream(guardStream(source(chunks), { idleMs: 120_000 }), {
    errorTail: () => encodeStreamError(format, 502, 'x'),
  });

async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let bytes = 0;
  for (;;) {
    const r = await reader.read();
    if (r.done) return bytes;
    bytes += r.value.byteLength;
  }
}

async function timeIt(run: () => ReadableStream<Uint8Array>, rounds: number): Promise<number> {
  for (let i = 0; i < 5; i++) await drain(run());
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await drain(run());
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function measurePassThroughRelay(rounds = 30): Promise<string[]> {
  const lines = [
    '| stream (5,000 events) | chunking | bare pipe (ms, median) | with watcher (ms, median) | added per event (µs) |',
    '|---|---|---|---|---|',
  ];
  for (const [format, events] of [
    ['anthropic-messages', anthropicEvents()],
    ['openai-chat', openaiEvents()],
  ] as [Format, string[]][]) {
    for (const size of [0, 16 * 1024]) {
      const chunks = chunked(events, size);
      const b = await timeIt(() => bare(format, chunks), rounds);
      const w = await timeIt(() => watched(format, chunks), rounds);
      lines.push(
        `| ${format} | ${size === 0 ? 'one event per chunk' : '16 KB chunks'} | ${b.toFixed(2)} | ${w.toFixed(2)} | ${(((w - b) * 1000) / EVENTS).toFixed(2)} |`,
      );
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await measurePassThroughRelay()) console.log(line);
}
