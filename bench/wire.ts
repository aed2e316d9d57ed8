/**
 * The bench's own wire text, independent of the library under test (so inputs, floors and output checks do not
 * move when crosswire's code does, and the same bench runs against the sources or the built package):
 * SSE framing and splitting as the SSE specification defines them, and AWS event-stream frames through
 * `@smithy/eventstream-codec` (the codec the AWS SDK uses; both CRCs checked).
 */
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** One codec for the process (it keeps no state between calls). */
export const eventStream = new EventStreamCodec(
  (bytes: Uint8Array) => strictUtf8.decode(bytes),
  (text: string) => utf8.encode(text),
);

/** `event: <name>` + one `data:` line (JSON text has no raw line breaks). */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A `data:`-only message; a string is sent as is (e.g. `[DONE]`). */
export function sseData(data: unknown): string {
  return `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

export interface SSEMessage {
  event?: string;
  data: string;
}

/** Parse whole SSE text into messages (LF, CRLF or CR line ends; comments and `id:`/`retry:` ignored). */
export function parseSSEText(text: string): SSEMessage[] {
  const out: SSEMessage[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) out.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
      event = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return out;
}

/** One AWS event-stream `event` frame carrying `payload` as JSON, as Bedrock streams send them. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return eventStream.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: utf8.encode(JSON.stringify(payload)),
  });
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Every whole frame of `bytes`; throws on a cut or corrupt frame. */
export function decodeFrames(bytes: Uint8Array): Message[] {
  const out: Message[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    if (bytes.byteLength - at < 16) throw new Error(`event stream cut short: ${bytes.byteLength - at} bytes left`);
    const total = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, false);
    if (bytes.byteLength - at < total) throw new Error(`event stream cut short inside a ${total}-byte frame`);
    out.push(eventStream.decode(bytes.subarray(at, at + total)));
    at += total;
  }
  return out;
}

export type { Message as EventStreamMessage };
