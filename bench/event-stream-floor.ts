import { decodeMessage, encodeMessage, type EventStreamMessage as Message } from '../src/wire/event-stream/message.js';
import { drain, readableFrom } from './floor.js';

/**
 * The floor for streams that carry AWS event-stream (binary) frames, in the style of `floorStream`: no
 * translation, the same web-stream plumbing (one TransformStream, one output write per input chunk).
 *
 * - `floorEventStream`: frames in -> frames out. Cut whole frames out of the chunks (`total_length`), decode
 *   each with the library's event-stream codec (`src/wire/event-stream/message.ts`, both CRCs checked), `JSON.parse` + `JSON.stringify`
 *   the payload, encode the frame again with the same headers.
 * - `floorSseToEventStream`: SSE in -> frames out. SSE split + parse + stringify as in `floorStream`, each
 *   payload encoded as one event frame named by the SSE `event:` field.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function reencode(message: Message): Uint8Array {
  const json = message.body.byteLength === 0 ? '{}' : JSON.stringify(JSON.parse(decoder.decode(message.body)));
  return encodeMessage({ headers: message.headers, body: encoder.encode(json) });
}

function eventStreamFloorTransform(): TransformStream<Uint8Array, Uint8Array> {
  let rest = new Uint8Array(0);
  return new TransformStream({
    transform(chunk, controller) {
      const buffer = rest.byteLength === 0 ? chunk : concat([rest, chunk]);
      const out: Uint8Array[] = [];
      let at = 0;
      while (buffer.byteLength - at >= 12) {
        const total = new DataView(buffer.buffer, buffer.byteOffset + at, 4).getUint32(0, false);
        if (buffer.byteLength - at < total) break;
        out.push(reencode(decodeMessage(buffer.subarray(at, at + total))));
        at += total;
      }
      if (out.length > 0) controller.enqueue(concat(out));
      rest = buffer.slice(at);
    },
  });
}

function sseToEventStreamFloorTransform(): TransformStream<Uint8Array, Uint8Array> {
  let buffer = '';
  const frames = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    let start = 0;
    const out: Uint8Array[] = [];
    for (;;) {
      const end = buffer.indexOf('\n\n', start);
      if (end === -1) break;
      const block = buffer.slice(start, end);
      start = end + 2;
      const dataAt = block.indexOf('data: ');
      if (dataAt === -1) continue;
      const json = JSON.stringify(JSON.parse(block.slice(dataAt + 6)));
      const event = block.startsWith('event: ') ? block.slice(7, block.indexOf('\n')) : 'message';
      out.push(
        encodeMessage({
          headers: {
            ':event-type': { type: 'string', value: event },
            ':content-type': { type: 'string', value: 'application/json' },
            ':message-type': { type: 'string', value: 'event' },
          },
          body: encoder.encode(json),
        }),
      );
    }
    if (out.length > 0) controller.enqueue(concat(out));
    buffer = final ? '' : buffer.slice(start);
  };
  const text = new TextDecoder();
  return new TransformStream({
    transform(chunk, controller) {
      buffer += text.decode(chunk, { stream: true });
      frames(controller, false);
    },
    flush(controller) {
      buffer += text.decode();
      frames(controller, true);
    },
  });
}

export function floorEventStream(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(eventStreamFloorTransform()));
}

export function floorSseToEventStream(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(sseToEventStreamFloorTransform()));
}
