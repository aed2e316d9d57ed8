import { crc32 } from 'node:zlib';
import { drain, readableFrom, sseBlockTransform } from './floor.js';
import { concatBytes as concat, eventStream as eventStreamCodec, type EventStreamMessage as Message } from './wire.js';

/**
 * The floor for streams that carry AWS event-stream (binary) frames, in the style of `floorStream`: no
 * translation, the same web-stream plumbing (one TransformStream, one output write per input chunk).
 *
 * - `floorEventStream`: frames in -> frames out. Cut whole frames out of the chunks (`total_length`), decode
 *   each with `@smithy/eventstream-codec` (both CRCs checked; bench/wire.ts), `JSON.parse` + `JSON.stringify`
 *   the payload, encode the frame again with the same headers.
 * - `floorEventStreamToSse`: frames in -> SSE out. Each frame's two CRCs checked with zlib's native `crc32`, its
 *   `:event-type` read from the headers (nothing else decoded), the payload `JSON.parse`d and `JSON.stringify`d
 *   into one SSE message named by that type.
 * - `floorSseToEventStream`: SSE in -> frames out. SSE split + parse + stringify as in `floorStream`, each
 *   payload written as one event frame named by the SSE `event:` field: the frame's header block encoded once per
 *   event type, both CRCs by zlib's native `crc32`.
 *
 * The last two are the least work those framings take (a floor, not a reference codec); a generic frame codec
 * such as `@smithy/eventstream-codec` re-encodes every header of every frame and costs several times more.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function reencode(message: Message): Uint8Array {
  const json = message.body.byteLength === 0 ? '{}' : JSON.stringify(JSON.parse(decoder.decode(message.body)));
  return eventStreamCodec.encode({ headers: message.headers, body: encoder.encode(json) });
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function setU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/** The string value of header `name` in the header block `[start, end)` of `frame`, or undefined. */
function headerValue(frame: Uint8Array, start: number, end: number, name: string): string | undefined {
  let at = start;
  while (at < end) {
    const nameLength = frame[at]!;
    const headerName = decoder.decode(frame.subarray(at + 1, at + 1 + nameLength));
    at += 1 + nameLength;
    const type = frame[at]!;
    at += 1;
    if (type !== 7) throw new Error(`floor: header type ${type} not expected in a Bedrock event frame`);
    const length = (frame[at]! << 8) | frame[at + 1]!;
    if (headerName === name) return decoder.decode(frame.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return undefined;
}

/** One whole frame (CRCs checked) as an SSE message named by its `:event-type` header. */
export function frameToSse(frame: Uint8Array): string {
  const total = frame.byteLength;
  if (crc32(frame.subarray(0, 8)) !== u32(frame, 8)) throw new Error('floor: prelude CRC mismatch');
  if (crc32(frame.subarray(0, total - 4)) !== u32(frame, total - 4)) throw new Error('floor: message CRC mismatch');
  const headersEnd = 12 + u32(frame, 4);
  const type = headerValue(frame, 12, headersEnd, ':event-type') ?? 'message';
  const body = frame.subarray(headersEnd, total - 4);
  const json = body.byteLength === 0 ? '{}' : JSON.stringify(JSON.parse(decoder.decode(body)));
  return `event: ${type}\ndata: ${json}\n\n`;
}

/** The header block of an `event` frame of each type, encoded once (a frame with an empty body, minus its ends). */
const headerBlocks = new Map<string, Uint8Array>();

function headerBlock(eventType: string): Uint8Array {
  let block = headerBlocks.get(eventType);
  if (!block) {
    const empty = eventStreamCodec.encode({
      headers: {
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'event' },
      },
      body: new Uint8Array(0),
    });
    block = empty.slice(12, empty.byteLength - 4);
    headerBlocks.set(eventType, block);
  }
  return block;
}

/** One `event` frame carrying `payload` as JSON (the bytes bench/wire.ts `eventFrame` writes). */
export function floorEventFrame(eventType: string, payload: unknown): Uint8Array {
  const headers = headerBlock(eventType);
  const body = encoder.encode(JSON.stringify(payload));
  const total = 16 + headers.byteLength + body.byteLength;
  const out = new Uint8Array(total);
  setU32(out, 0, total);
  setU32(out, 4, headers.byteLength);
  setU32(out, 8, crc32(out.subarray(0, 8)));
  out.set(headers, 12);
  out.set(body, 12 + headers.byteLength);
  setU32(out, total - 4, crc32(out.subarray(0, total - 4)));
  return out;
}

function eventStreamFloorTransform(output: 'frames' | 'sse'): TransformStream<Uint8Array, Uint8Array> {
  let rest = new Uint8Array(0);
  return new TransformStream({
    transform(chunk, controller) {
      const buffer = rest.byteLength === 0 ? chunk : concat([rest, chunk]);
      const frames: Uint8Array[] = [];
      let text = '';
      let at = 0;
      while (buffer.byteLength - at >= 12) {
        const total = new DataView(buffer.buffer, buffer.byteOffset + at, 4).getUint32(0, false);
        if (buffer.byteLength - at < total) break;
        if (output === 'frames') frames.push(reencode(eventStreamCodec.decode(buffer.subarray(at, at + total))));
        else text += frameToSse(buffer.subarray(at, at + total));
        at += total;
      }
      if (frames.length > 0) controller.enqueue(concat(frames));
      if (text !== '') controller.enqueue(encoder.encode(text));
      rest = buffer.slice(at);
    },
  });
}

/** One SSE block as one event frame named by its `event:` field (the SSE → frames floor's work on one block). */
function blockToFrame(block: string): Uint8Array | undefined {
  const dataAt = block.indexOf('data: ');
  if (dataAt === -1) return undefined;
  const event = block.startsWith('event: ') ? block.slice(7, block.indexOf('\n')) : 'message';
  return floorEventFrame(event, JSON.parse(block.slice(dataAt + 6)));
}

export function floorEventStream(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(eventStreamFloorTransform('frames')));
}

export function floorEventStreamToSse(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(eventStreamFloorTransform('sse')));
}

export function floorSseToEventStream(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(sseBlockTransform(blockToFrame)));
}
