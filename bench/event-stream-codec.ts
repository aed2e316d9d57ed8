/**
 * Decode throughput of our event-stream codec (src/wire/event-stream) against `@smithy/eventstream-codec`, on a
 * realistic Bedrock ConverseStream of about 500 frames. Not a test; run it with
 * `node --import tsx bench/event-stream-codec.ts` (`CROSSWIRE_BENCH_SMOKE=1` for a quick pass).
 *
 * - "decode": each frame already cut out, one decode call per frame (the codec alone).
 * - "read, one frame per chunk": the stream as a live model sends it, one network chunk per frame.
 * - "read, 4 KiB chunks": the same bytes cut every 4 KiB, frames split across chunks.
 *
 * The smithy contender reads as the code it replaces does: `total_length` framing over a buffer that joins the
 * leftover and the new chunk, one `EventStreamCodec.decode` per whole frame. Both check both CRCs and decode
 * every header; smithy's CRC is zlib's native `crc32` on Node ≥ 20.15, ours is JavaScript.
 */
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { createEventStreamFrameReader } from '../src/wire/event-stream/frame-reader.js';
import {
  createMessageDecoder,
  decodeMessage,
  type EventStreamMessage,
  encodeMessage,
} from '../src/wire/event-stream/message.js';
import { compare, table } from './harness.js';

const SMOKE = process.env.CROSSWIRE_BENCH_SMOKE === '1';
const opts = SMOKE ? { rounds: 2, batchMs: 2 } : { rounds: 15, batchMs: 60 };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const smithy = new EventStreamCodec(
  (b: Uint8Array) => decoder.decode(b),
  (s: string) => encoder.encode(s),
);

/** Bedrock pads each event with a `p` field of varying length so that sizes do not leak the text. */
const PAD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const WORDS = [
  'the',
  'weather',
  'in',
  'Paris',
  'is',
  'mild',
  'today',
  'with',
  'light',
  'rain',
  'expected',
  'later',
  '—',
  'températures',
  'autour',
  'de',
  '15°C',
];

function converseEvents(n: number): [string, unknown][] {
  const events: [string, unknown][] = [['messageStart', { role: 'assistant' }]];
  const text = n - 60;
  events.push(['contentBlockStart', { contentBlockIndex: 0, start: {} }]);
  for (let i = 0; i < text; i++)
    events.push([
      'contentBlockDelta',
      { contentBlockIndex: 0, delta: { text: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ` } },
    ]);
  events.push(['contentBlockStop', { contentBlockIndex: 0 }]);
  events.push([
    'contentBlockStart',
    { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_kJ0pQ3xYb2', name: 'get_weather' } } },
  ]);
  for (let i = 0; i < 54; i++)
    events.push([
      'contentBlockDelta',
      { contentBlockIndex: 1, delta: { toolUse: { input: i === 0 ? '{"city":"' : i === 53 ? '"}' : 'Pa' } } },
    ]);
  events.push(['contentBlockStop', { contentBlockIndex: 1 }]);
  events.push(['messageStop', { stopReason: 'tool_use' }]);
  events.push([
    'metadata',
    { usage: { inputTokens: 1200, outputTokens: n, totalTokens: 1200 + n }, metrics: { latencyMs: 900 } },
  ]);
  return events;
}

/** A Converse event frame: string headers only, a shape both codecs take. */
function frame(i: number, type: string, payload: unknown) {
  const body = encoder.encode(JSON.stringify({ ...(payload as object), p: PAD.slice(0, 1 + ((i * 13) % PAD.length)) }));
  return {
    headers: {
      ':event-type': { type: 'string' as const, value: type },
      ':content-type': { type: 'string' as const, value: 'application/json' },
      ':message-type': { type: 'string' as const, value: 'event' },
    },
    body,
  };
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const messages = converseEvents(500).map(([type, payload], i) => frame(i, type, payload));
const frames = messages.map(encodeMessage);
const stream = concat(frames);
const chunks4k: Uint8Array[] = [];
for (let i = 0; i < stream.length; i += 4096) chunks4k.push(stream.subarray(i, i + 4096));

// setup checks, outside the timed part: both codecs write the same bytes and read the same frames
for (let i = 0; i < frames.length; i++) {
  const theirs = smithy.encode(messages[i]!);
  if (theirs.length !== frames[i]!.length || theirs.some((b, j) => b !== frames[i]![j]))
    throw new Error(`frame ${i}: smithy encodes other bytes`);
}

function smithyRead(chunks: readonly Uint8Array[]): Message[] {
  const out: Message[] = [];
  let rest = new Uint8Array(0);
  for (const chunk of chunks) {
    let buffer = chunk;
    if (rest.length > 0) {
      buffer = new Uint8Array(rest.length + chunk.length);
      buffer.set(rest);
      buffer.set(chunk, rest.length);
    }
    let at = 0;
    while (buffer.length - at >= 12) {
      const total = new DataView(buffer.buffer, buffer.byteOffset + at, 4).getUint32(0, false);
      if (buffer.length - at < total) break;
      out.push(smithy.decode(buffer.subarray(at, at + total)));
      at += total;
    }
    rest = buffer.slice(at);
  }
  if (rest.length > 0) throw new Error('cut short');
  return out;
}

function oursRead(chunks: readonly Uint8Array[]): EventStreamMessage[] {
  const reader = createEventStreamFrameReader();
  const out: EventStreamMessage[] = [];
  for (const chunk of chunks) {
    const r = reader.push(chunk);
    if (r.error) throw r.error;
    for (const f of r.frames) out.push(f.message);
  }
  const end = reader.end();
  if (end) throw end;
  return out;
}

for (const chunks of [frames, chunks4k]) {
  const a = oursRead(chunks);
  const b = smithyRead(chunks);
  if (a.length !== frames.length || b.length !== frames.length) throw new Error('frame count');
  for (let i = 0; i < a.length; i++) {
    if (
      JSON.stringify(a[i]!.headers) !== JSON.stringify({ ...b[i]!.headers }) ||
      decoder.decode(a[i]!.body) !== decoder.decode(b[i]!.body)
    )
      throw new Error(`frame ${i} differs`);
  }
}

async function main(): Promise<void> {
  const mb = stream.length / 1e6;
  console.log(`# event-stream codec: ours vs @smithy/eventstream-codec${SMOKE ? ' (smoke)' : ''}\n`);
  console.log(
    `stream: ${frames.length} ConverseStream frames, ${stream.length} bytes (${(stream.length / frames.length).toFixed(0)} B/frame), node ${process.version}\n`,
  );
  const decodeFrames = (decode: (f: Uint8Array) => unknown) => {
    for (const f of frames) decode(f);
  };
  const cases: [string, { name: string; run: () => unknown }[]][] = [
    [
      'decode (frames already cut)',
      [
        {
          name: 'ours: createMessageDecoder() (remembers repeated header text)',
          run: () => decodeFrames(createMessageDecoder()),
        },
        { name: 'ours: decodeMessage', run: () => decodeFrames(decodeMessage) },
      ],
    ],
    ['read, one frame per chunk', [{ name: 'ours: createEventStreamFrameReader', run: () => oursRead(frames) }]],
    ['read, 4 KiB chunks', [{ name: 'ours: createEventStreamFrameReader', run: () => oursRead(chunks4k) }]],
  ];
  const theirs: Record<string, () => unknown> = {
    'decode (frames already cut)': () => decodeFrames((f) => smithy.decode(f)),
    'read, one frame per chunk': () => smithyRead(frames),
    'read, 4 KiB chunks': () => smithyRead(chunks4k),
  };
  const ratios: string[] = [];
  for (const [title, ours] of cases) {
    const rows = await compare([{ name: '@smithy/eventstream-codec', run: theirs[title]! }, ...ours], opts);
    const base = rows[0]!.medianNs;
    const notes = rows
      .slice(1)
      .map(
        (r) =>
          `${r.name}: ${(mb / (r.medianNs / 1e9)).toFixed(0)} MB/s, ${(base / r.medianNs).toFixed(2)}× smithy's speed`,
      );
    ratios.push(`${title}: ${(base / rows[1]!.medianNs).toFixed(2)}×`);
    console.log(table(title, rows, [`smithy: ${(mb / (base / 1e9)).toFixed(0)} MB/s`, ...notes].join('  \n')));
    console.log('');
  }
  console.log(`speed ours / smithy (higher is better): ${ratios.join(', ')}`);
}

await main();
