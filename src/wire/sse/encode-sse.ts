/**
 * The one place SSE text is built. `data` is split on any line end so every line gets its own
 * `data:` prefix (JSON from `JSON.stringify` never contains a raw line end, so that is the fast path).
 */

export interface SSEOutMessage {
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

const LINE_END = /\r\n|\r|\n/;

function assertSingleLine(name: string, value: string): void {
  if (value.indexOf('\n') !== -1 || value.indexOf('\r') !== -1) {
    throw new RangeError(`SSE ${name} must not contain a line end`);
  }
}

/** One SSE message as text, ending with the blank line that dispatches it. */
export function encodeSSE(message: SSEOutMessage): string {
  let out = '';
  if (message.event !== undefined) {
    assertSingleLine('event', message.event);
    out += 'event: ' + message.event + '\n';
  }
  if (message.id !== undefined) {
    assertSingleLine('id', message.id);
    out += 'id: ' + message.id + '\n';
  }
  if (message.retry !== undefined) out += 'retry: ' + Math.max(0, Math.floor(message.retry)) + '\n';
  const data = message.data;
  if (data.indexOf('\n') === -1 && data.indexOf('\r') === -1) {
    out += 'data: ' + data + '\n\n';
  } else {
    for (const line of data.split(LINE_END)) out += 'data: ' + line + '\n';
    out += '\n';
  }
  return out;
}

/** `event: <name>\ndata: <json>\n\n` (Anthropic framing). */
export function encodeSSEEvent(event: string, json: unknown): string {
  const data = JSON.stringify(json);
  // JSON text never holds a raw line end (JSON.stringify escapes them): one data line, no scan, no message object
  if (typeof data !== 'string') return encodeSSE({ event, data });
  if (event.indexOf('\n') !== -1 || event.indexOf('\r') !== -1) assertSingleLine('event', event);
  return 'event: ' + event + '\ndata: ' + data + '\n\n';
}

/** `data: <json>\n\n` (OpenAI framing); a string is sent as it is (`[DONE]`). */
export function encodeSSEData(value: unknown): string {
  if (typeof value === 'string') return encodeSSE({ data: value });
  const data = JSON.stringify(value);
  // as in encodeSSEEvent: JSON text is one line
  if (typeof data !== 'string') return encodeSSE({ data });
  return 'data: ' + data + '\n\n';
}

/** A comment line (`: text`), e.g. a keep-alive. */
export function encodeSSEComment(text: string): string {
  assertSingleLine('comment', text);
  return ': ' + text + '\n\n';
}

const textEncoder = new TextEncoder();

/** Events -> bytes, each event as the SSE text `encode` makes of it (a format's `encodeStream`). */
export function sseEncodeStream<E>(encode: (event: unknown) => string): TransformStream<E, Uint8Array> {
  return new TransformStream<E, Uint8Array>({
    transform(event, c) {
      c.enqueue(textEncoder.encode(encode(event)));
    },
  });
}

/** Several events as one piece of SSE text, each as `encode` makes it (a format's `encodeEvents`). */
export function encodeSSEEvents(events: readonly unknown[], encode: (event: unknown) => string): string {
  let out = '';
  for (const e of events) out += encode(e);
  return out;
}
