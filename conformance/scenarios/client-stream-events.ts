import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { parseSSE } from '../../src/wire/sse/parse-sse.js';
import { decodeFrames, hasBinaryFrames } from './stream-frames.js';

/**
 * The parsed events of a stream as crosswire represents them: JSON payloads (`'[DONE]'` as a string for OpenAI;
 * Converse `{ <eventType>: payload }`; Bedrock Invoke the Anthropic events inside the `chunk` frames).
 */
export interface DecodedStream {
  events: unknown[];
  /** framing problems: data that is not JSON, an event name that disagrees with the payload type, a cut-off tail, a bad frame */
  problems: string[];
}

/** Formats whose SSE events are named, the name equal to the payload's `type` (docs/wire-formats.md#anthropic-stream-grammar, docs/wire-formats.md#vertex-claude). */
const NAMED_EVENTS: ReadonlySet<FormatId> = new Set(['anthropic-messages', 'vertex-anthropic', 'openai-responses']);

/**
 * Decode SSE bytes of an Anthropic, Vertex (Anthropic events), OpenAI or Gemini stream into events (for the
 * checkers and folds). Any line end is read (Gemini frames with CRLF). Binary formats: `decodeClientStream`.
 */
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
    if (NAMED_EVENTS.has(format)) {
      const type = isRecord(payload) ? payload.type : undefined;
      if (m.event !== type)
        problems.push(
          `event ${i}: SSE event name ${JSON.stringify(m.event)} differs from payload type ${JSON.stringify(type)}`,
        );
    } else if (m.event !== undefined) {
      problems.push(
        `event ${i}: ${format === 'gemini' ? 'Gemini' : 'OpenAI'} streams carry no event names, got ${JSON.stringify(m.event)}`,
      );
    }
    events.push(payload);
  });
  return { events, problems };
}

/**
 * Decode client stream bytes of any format: SSE text with `decodeSSEEvents`, AWS event-stream frames (Bedrock
 * Converse and Invoke) with the format's codec, whose CRC checks make a corrupt or cut frame a problem.
 */
export async function decodeClientStream(format: FormatId, bytes: Uint8Array): Promise<DecodedStream> {
  if (!hasBinaryFrames(format)) return decodeSSEEvents(format, bytes);
  const events: unknown[] = [];
  const problems: string[] = [];
  for (const e of await decodeFrames(format, bytes)) {
    if (isRecord(e) && typeof e.$error === 'string' && Object.keys(e).length === 1)
      problems.push(`the event stream does not decode: ${e.$error}`);
    else events.push(e);
  }
  return { events, problems };
}

/** Formats whose stream events are Anthropic's (Bedrock Invoke inside `chunk` frames, Vertex as SSE). */
export function carriesAnthropicEvents(format: FormatId): boolean {
  return format === 'anthropic-messages' || format === 'bedrock-invoke' || format === 'vertex-anthropic';
}

/**
 * Is this event the format's in-stream error? Anthropic-event formats `{type:"error"}` (Bedrock Invoke exception
 * frames decode to one), OpenAI and Gemini `{error:{...}}`, Converse an exception `{ <name>Exception: {message} }`,
 * Responses `error` or `response.failed` (it sends both, `error` first).
 */
export function isStreamErrorEvent(format: FormatId, event: unknown): boolean {
  if (!isRecord(event)) return false;
  if (carriesAnthropicEvents(format)) return event.type === 'error';
  if (format === 'bedrock-converse') {
    const keys = Object.keys(event);
    return keys.length === 1 && /Exception$/.test(keys[0] ?? '');
  }
  if (format === 'openai-responses') return event.type === 'error' || event.type === 'response.failed';
  return 'error' in event;
}

/**
 * Is this event the format's clean end? `message_stop`, OpenAI `'[DONE]'`, Converse `messageStop`, Responses
 * `response.completed` / `response.incomplete`, and for Gemini
 * (which has no terminator) a chunk with a candidate's `finishReason` or a blocked prompt's `blockReason`.
 */
export function isCleanEndEvent(format: FormatId, event: unknown): boolean {
  if (format === 'openai-chat') return event === '[DONE]';
  if (!isRecord(event)) return false;
  if (carriesAnthropicEvents(format)) return event.type === 'message_stop';
  if (format === 'bedrock-converse') return 'messageStop' in event;
  if (format === 'openai-responses') return event.type === 'response.completed' || event.type === 'response.incomplete';
  const feedback = event.promptFeedback;
  if (isRecord(feedback) && feedback.blockReason !== undefined) return true;
  return Array.isArray(event.candidates) && event.candidates.some((c) => isRecord(c) && c.finishReason !== undefined);
}

/** Problems with a stream that must end in the client's error shape: it must, and must not also end cleanly. */
export function expectErrorEnd(format: FormatId, events: readonly unknown[]): string[] {
  const out: string[] = [];
  if (!isStreamErrorEvent(format, events.at(-1)))
    out.push(`the stream must end with a ${format} error event, it ends with ${JSON.stringify(events.at(-1))}`);
  if (events.some((e) => isCleanEndEvent(format, e))) out.push('the stream ends cleanly although the upstream failed');
  return out;
}
