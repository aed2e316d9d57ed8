import { drain, readableFrom, sseBlockTransform } from './floor.js';
import {
  concatBytes as concat,
  eventFrame,
  eventStream as eventStreamCodec,
  type EventStreamMessage as Message,
} from './wire.js';

/**
 * The floor for streams that carry AWS event-stream (binary) frames, in the style of `floorStream`: no
 * translation, the same web-stream plumbing (one TransformStream, one output write per input chunk).
 *
 * - `floorEventStream`: frames in -> frames out. Cut whole frames out of the chunks (`total_length`), decode
 *   each with `@smithy/eventstream-codec` (both CRCs checked; bench/wire.ts), `JSON.parse` + `JSON.stringify`
 *   the payload, encode the frame again with the same headers.
 * - `floorEventStreamToSse`: frames in -> SSE out. The same decode, each payload framed as one SSE message named
 *   by the frame's `:event-type`.
 * - `floorSseToEventStream`: SSE in -> frames out. SSE split + parse + stringify as in `floorStream`, each
 *   payload encoded as one event frame named by the SSE `event:` field.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function reencode(message: Message): Uint8Array {
  const json = message.body.byteLength === 0 ? '{}' : JSON.stringify(JSON.parse(decoder.decode(message.body)));
  return eventStreamCodec.encode({ headers: message.headers, body: encoder.encode(json) });
}

/** One frame as an SSE message named by its `:event-type` header. */
function toSse(message: Message): string {
  const json = message.body.byteLength === 0 ? '{}' : JSON.stringify(JSON.parse(decoder.decode(message.body)));
  const type = message.headers[':event-type'];
  return `event: ${type?.type === 'string' ? type.value : 'message'}\ndata: ${json}\n\n`;
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
        const message = eventStreamCodec.decode(buffer.subarray(at, at + total));
        if (output === 'frames') frames.push(reencode(message));
        else text += toSse(message);
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
  return eventFrame(event, JSON.parse(block.slice(dataAt + 6)));
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
