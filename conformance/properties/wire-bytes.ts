import type { FormatId } from '../../src/core/formats.js';
import { getCodec } from '../../src/translate/translate.js';
import { decodeSSEEvents } from '../scenarios/client-stream-events.js';
import { readAll, streamOf } from '../scenarios/library-exchange.js';

/** Does the format travel as SSE text (not as binary AWS event-stream frames)? */
export function isSSEFormat(format: FormatId): boolean {
  return getCodec(format).streamContentType === 'text/event-stream';
}

function eventStream(events: readonly unknown[]): ReadableStream<unknown> {
  let i = 0;
  return new ReadableStream<unknown>({
    pull(controller) {
      if (i < events.length) controller.enqueue(events[i++]);
      else controller.close();
    },
  });
}

/**
 * Events -> the format's wire bytes, written by the format's own codec (`getCodec(format).encodeStream()`):
 * SSE text for Anthropic, OpenAI, Gemini and Vertex, AWS event-stream frames for the Bedrock formats.
 * `crlf` turns the SSE line ends into CRLF (legal SSE, and how the Gemini service frames); binary frames have no
 * line ends and are left as they are.
 */
export async function eventsToBytes(
  format: FormatId,
  events: readonly unknown[],
  options: { crlf?: boolean } = {},
): Promise<Uint8Array> {
  const bytes = await readAll(eventStream(events).pipeThrough(getCodec(format).encodeStream()));
  if (!options.crlf || !isSSEFormat(format)) return bytes;
  return new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n'));
}

/** The SSE framing rules of a format as `decodeSSEEvents` knows them (Vertex streams are Anthropic's SSE). */
function sseFraming(format: FormatId): FormatId {
  return format === 'vertex-anthropic' ? 'anthropic-messages' : format;
}

/**
 * Wire bytes -> events, read by the format's own codec (`getCodec(format).decodeStream()`: for binary frames,
 * both CRCs checked). `problems` lists what is wrong with the bytes: the codec's decode error (a bad or cut
 * frame, data that is not JSON) and, for SSE formats, the framing rules of `decodeSSEEvents` (event names equal
 * payload types for Anthropic, no event names for data-only formats, valid UTF-8, no cut-off tail).
 */
export async function bytesToEvents(
  format: FormatId,
  bytes: Uint8Array,
): Promise<{ events: unknown[]; problems: string[] }> {
  const problems: string[] = [];
  const events: unknown[] = [];
  const reader = streamOf([bytes]).pipeThrough(getCodec(format).decodeStream()).getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      events.push(r.value);
    }
  } catch (e) {
    problems.push(`the ${format} codec cannot decode the stream: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (isSSEFormat(format)) problems.push(...decodeSSEEvents(sseFraming(format), bytes).problems);
  return { events, problems };
}
