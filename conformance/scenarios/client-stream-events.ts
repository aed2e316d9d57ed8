import type { FormatId } from '../../src/core/formats.js';
import { parseSSE } from '../../src/sse/parse-sse.js';

/** The parsed events of an SSE stream as crosswire represents them: JSON payloads, and `'[DONE]'` as a string. */
export interface DecodedStream {
  events: unknown[];
  /** framing problems: data that is not JSON, an event name that disagrees with the payload type, a cut-off tail */
  problems: string[];
}

/** Decode SSE bytes of an Anthropic or OpenAI stream into events (for the checkers and folds). */
export function decodeSSEEvents(format: FormatId, bytes: Uint8Array): DecodedStream {
  const problems: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.push('the stream is not valid UTF-8');
    text = new TextDecoder('utf-8').decode(bytes);
  }
  const { messages, end } = parseSSE(text);
  const events: unknown[] = [];
  if (end.incompleteEvent || end.partialLine) problems.push('the stream ends in the middle of an SSE event');
  messages.forEach((m, i) => {
    if (format === 'openai-chat' && m.data === '[DONE]') {
      events.push('[DONE]');
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(m.data);
    } catch {
      problems.push(`event ${i}: data is not JSON: ${JSON.stringify(m.data.slice(0, 80))}`);
      return;
    }
    if (format === 'anthropic-messages') {
      const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
      if (m.event !== type) problems.push(`event ${i}: SSE event name ${JSON.stringify(m.event)} differs from payload type ${JSON.stringify(type)}`);
    } else if (m.event !== undefined) {
      problems.push(`event ${i}: OpenAI streams carry no event names, got ${JSON.stringify(m.event)}`);
    }
    events.push(payload);
  });
  return { events, problems };
}

/** Is this event the format's in-stream error (Anthropic `{type:"error"}`, OpenAI `{error:{...}}`)? */
export function isStreamErrorEvent(format: FormatId, event: unknown): boolean {
  if (typeof event !== 'object' || event === null) return false;
  if (format === 'anthropic-messages') return (event as { type?: unknown }).type === 'error';
  return 'error' in event;
}

/** Is this event the format's clean end (`message_stop`, `'[DONE]'`)? */
export function isCleanEndEvent(format: FormatId, event: unknown): boolean {
  if (format === 'openai-chat') return event === '[DONE]';
  return typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'message_stop';
}

/** Problems with a stream that must end in the client's error shape: it must, and must not also end cleanly. */
export function expectErrorEnd(format: FormatId, events: readonly unknown[]): string[] {
  const out: string[] = [];
  if (!isStreamErrorEvent(format, events.at(-1))) out.push(`the stream must end with a ${format} error event, it ends with ${JSON.stringify(events.at(-1))}`);
  if (events.some((e) => isCleanEndEvent(format, e))) out.push('the stream ends cleanly although the upstream failed');
  return out;
}
