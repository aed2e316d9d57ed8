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
  return encodeSSE({ event, data: JSON.stringify(json) });
}

/** `data: <json>\n\n` (OpenAI framing); a string is sent as it is (`[DONE]`). */
export function encodeSSEData(value: unknown): string {
  return encodeSSE({ data: typeof value === 'string' ? value : JSON.stringify(value) });
}

/** A comment line (`: text`), e.g. a keep-alive. */
export function encodeSSEComment(text: string): string {
  assertSingleLine('comment', text);
  return ': ' + text + '\n\n';
}
