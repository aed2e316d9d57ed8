import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  comparable,
  concat,
  frameOf,
  fromSmithy,
  hex,
  messageArb,
  refit,
  smallMessageArb,
  smithy,
  splitAt,
  toSmithy,
} from '../../../test/support/event-stream-oracle.js';
import {
  createEventStreamFrameReader,
  type EventStreamFrame,
  type EventStreamFrameReaderOptions,
} from './frame-reader.js';
import { type EventStreamError, type EventStreamMessage, encodeMessage } from './message.js';

interface Read {
  frames: EventStreamFrame[];
  error: EventStreamError | undefined;
  /** the error `end()` returned */
  end: EventStreamError | undefined;
  /** frames handed out by the push that returned the error */
  withError: number;
}

function read(chunks: readonly Uint8Array[], options?: EventStreamFrameReaderOptions): Read {
  const reader = createEventStreamFrameReader(options);
  const frames: EventStreamFrame[] = [];
  let error: EventStreamError | undefined;
  let withError = 0;
  for (const c of chunks) {
    const r = reader.push(c);
    frames.push(...r.frames);
    if (r.error) {
      expect(error).toBeUndefined();
      error = r.error;
      withError = r.frames.length;
    }
  }
  const end = reader.end();
  if (error === undefined) expect(reader.offset).toBe(frames.reduce((n, f) => n + f.bytes.length, 0));
  return { frames, error, end, withError };
}

/** The stream of frames, each decoded on its own by the oracle, with its offset. */
function oracle(frames: readonly Uint8Array[]) {
  let offset = 0;
  return frames.map((f) => {
    const o = { offset, bytes: hex(f), message: comparable(fromSmithy(smithy.decode(f))) };
    offset += f.length;
    return o;
  });
}

const seen = (frames: readonly EventStreamFrame[]) =>
  frames.map((f) => ({ offset: f.offset, bytes: hex(f.bytes), message: comparable(f.message) }));

const text = (m: EventStreamMessage) => new TextDecoder().decode(m.body);
const event = (type: string, payload: string) =>
  encodeMessage({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: new TextEncoder().encode(payload),
  });

describe('event-stream frame reader', () => {
  const three = [
    event('messageStart', '{"role":"assistant"}'),
    event('contentBlockDelta', '{"delta":{"text":"h\u00e9"}}'),
    event('messageStop', '{}'),
  ];
  const stream = concat(three);
  const want = oracle(three);

  it('reads whole frames in one chunk, with offsets and the exact bytes', () => {
    const r = read([stream]);
    expect(seen(r.frames)).toEqual(want);
    expect(r.error).toBeUndefined();
    expect(r.end).toBeUndefined();
    expect(r.frames.map((f) => text(f.message))).toEqual(['{"role":"assistant"}', '{"delta":{"text":"hé"}}', '{}']);
  });

  it('gives the same frames for every cut of the stream in two and in three, and for one byte at a time', () => {
    for (let i = 0; i <= stream.length; i++) {
      expect(seen(read(splitAt(stream, [i])).frames), `cut at ${i}`).toEqual(want);
    }
    for (let i = 0; i <= stream.length; i += 3) {
      for (let j = i; j <= stream.length; j += 5)
        expect(seen(read(splitAt(stream, [i, j])).frames), `cuts at ${i}, ${j}`).toEqual(want);
    }
    const bytes = Array.from(stream, (_, i) => stream.subarray(i, i + 1));
    const r = read(bytes);
    expect(seen(r.frames)).toEqual(want);
    expect(r.end).toBeUndefined();
  });

  test.prop([fc.array(messageArb, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 12 })], {
    numRuns: 60,
  })(
    'random messages (every header type, empty and large payloads), random cuts: the oracle frames',
    (messages, cuts) => {
      const frames = messages.map((m) => smithy.encode(toSmithy(m)));
      const all = concat(frames);
      const r = read(
        splitAt(
          all,
          cuts.map((c) => c % (all.length + 1)),
        ),
      );
      expect(seen(r.frames)).toEqual(oracle(frames));
      expect(r.error).toBeUndefined();
      expect(r.end).toBeUndefined();
      expect(hex(concat(r.frames.map((f) => f.bytes)))).toBe(hex(all));
    },
  );

  it('a frame inside one chunk is a view of that chunk; a frame across chunks is gathered once', () => {
    const chunk = concat([three[0]!, three[1]!.subarray(0, 5)]);
    const reader = createEventStreamFrameReader();
    const first = reader.push(chunk);
    expect(first.frames[0]!.bytes.buffer).toBe(chunk.buffer);
    expect(first.frames[0]!.message.body.buffer).toBe(chunk.buffer);
    expect(reader.offset).toBe(three[0]!.length);
    const second = reader.push(three[1]!.subarray(5));
    expect(second.frames[0]!.bytes.buffer).not.toBe(chunk.buffer);
    expect(hex(second.frames[0]!.bytes)).toBe(hex(three[1]!));
  });

  it('never writes to the chunks it is given', () => {
    const copy = stream.slice();
    read(splitAt(stream, [3, 40, 41, 100]));
    expect(hex(stream)).toBe(hex(copy));
  });

  describe('failures', () => {
    test.prop(
      [
        fc.array(smallMessageArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 255 }),
        fc.array(fc.nat(), { maxLength: 4 }),
      ],
      { numRuns: 40 },
    )(
      'changing any byte of the stream: every frame before the damaged one, then an error at its offset',
      (messages, mask, cuts) => {
        const frames = messages.map(encodeMessage);
        const all = concat(frames);
        const starts = oracle(frames).map((f) => f.offset);
        for (let i = 0; i < all.length; i++) {
          const bad = all.slice();
          bad[i] = bad[i]! ^ mask;
          const k = starts.filter((s) => s <= i).length - 1;
          const r = read(
            splitAt(
              bad,
              cuts.map((c) => c % (bad.length + 1)),
            ),
          );
          expect(seen(r.frames), `byte ${i}`).toEqual(oracle(frames).slice(0, k));
          expect(r.error?.offset, `byte ${i}`).toBe(starts[k]);
          expect(r.error?.code, `byte ${i}`).toBe(i - starts[k]! < 12 ? 'prelude-crc' : 'message-crc');
          expect(r.end).toBeUndefined();
        }
      },
    );

    test.prop([fc.array(smallMessageArb, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 4 })], {
      numRuns: 40,
    })(
      'a stream cut anywhere but between frames: the whole frames, then end() reports the cut frame',
      (messages, cuts) => {
        const frames = messages.map(encodeMessage);
        const all = concat(frames);
        const starts = oracle(frames).map((f) => f.offset);
        for (let n = 0; n < all.length; n++) {
          const prefix = all.subarray(0, n);
          const k = starts.filter((s) => s < n).length - 1;
          const atBoundary = starts.includes(n);
          const r = read(
            splitAt(
              prefix,
              cuts.map((c) => c % (n + 1)),
            ),
          );
          const whole = atBoundary ? k + 1 : k;
          expect(seen(r.frames), `length ${n}`).toEqual(oracle(frames).slice(0, whole));
          expect(r.error).toBeUndefined();
          if (atBoundary || n === 0) expect(r.end).toBeUndefined();
          else {
            expect(r.end?.code, `length ${n}`).toBe('cut-short');
            expect(r.end?.offset, `length ${n}`).toBe(starts[k]);
          }
        }
      },
    );

    it('hands out the whole frames of the same chunk before the corrupt one, then reads nothing more', () => {
      const bad = stream.slice();
      bad[stream.length - 5] = bad[stream.length - 5]! ^ 0x40;
      const reader = createEventStreamFrameReader();
      const r = reader.push(bad);
      expect(seen(r.frames)).toEqual(want.slice(0, 2));
      expect(r.error?.code).toBe('message-crc');
      expect(r.error?.offset).toBe(want[2]!.offset);
      expect(r.error?.message).toMatch(new RegExp(`message CRC mismatch.*frame at stream byte ${want[2]!.offset}`));
      expect(reader.push(stream).frames).toEqual([]);
      expect(reader.push(stream).error).toBeUndefined();
      expect(reader.end()).toBeUndefined();
      expect(reader.offset).toBe(want[2]!.offset);
    });

    it('reports the cut-short frame with its size so far', () => {
      const r = read([stream.subarray(0, want[1]!.offset + 20)]);
      expect(r.end?.message).toMatch(
        new RegExp(
          `ended inside a frame \\(20 of ${three[1]!.length} bytes of the frame at stream byte ${want[1]!.offset}\\)`,
        ),
      );
      const early = read([stream.subarray(0, want[1]!.offset + 5)]);
      expect(early.end?.message).toMatch(
        new RegExp(`ended inside a frame \\(5 bytes of the frame at stream byte ${want[1]!.offset}\\)`),
      );
    });

    it('refuses a frame over the limit from its prelude, before buffering it', () => {
      const big = event('contentBlockDelta', JSON.stringify({ p: 'x'.repeat(1000) }));
      const r = read([concat([three[0]!, big.subarray(0, 12)])], { maxMessageBytes: 1000 });
      expect(seen(r.frames)).toEqual(want.slice(0, 1));
      expect(r.error?.code).toBe('bad-length');
      expect(r.error?.message).toMatch(/over the limit of 1000/);
      expect(read([big], { maxMessageBytes: big.length }).frames).toHaveLength(1);
    });

    it('a prelude with a valid CRC and an impossible length is bad-length, whichever chunk it arrives in', () => {
      const tiny = refit(three[0]!, 0, 15).subarray(0, 12);
      for (const chunks of [[tiny], [tiny.subarray(0, 5), tiny.subarray(5)]]) {
        const r = read(chunks);
        expect(r.error?.code).toBe('bad-length');
        expect(r.error?.message).toMatch(/impossible length 15/);
      }
    });

    it('a header fault inside a frame that spans chunks is reported with that frame offset', () => {
      const name = new TextEncoder().encode(':event-type');
      const header = concat([Uint8Array.of(name.length), name, Uint8Array.of(7, 0, 1, 0x78)]);
      const fixed = frameOf(concat([header, header]), new TextEncoder().encode('{}'));
      const r = read(splitAt(concat([three[0]!, fixed]), [three[0]!.length + 7]));
      expect(r.frames).toHaveLength(1);
      expect(r.error?.code).toBe('duplicate-header');
      expect(r.error?.offset).toBe(three[0]!.length);
    });
  });

  it('gathers a large frame from small chunks in linear time (each byte copied once)', () => {
    const big = encodeMessage({ headers: {}, body: new Uint8Array(4 << 20).fill(7) });
    const started = performance.now();
    const r = read(
      splitAt(
        big,
        Array.from({ length: big.length / 64 }, (_, i) => i * 64),
      ),
    );
    const ms = performance.now() - started;
    expect(r.frames).toHaveLength(1);
    expect(r.frames[0]!.message.body.length).toBe(4 << 20);
    // copying the whole buffer again at each of the 65,536 chunks would move 2^37 bytes: minutes, not this
    expect(ms).toBeLessThan(3000);
  });
});
