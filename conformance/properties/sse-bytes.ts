import type { FormatId } from '../../src/core/formats.js';
import { encodeSSEData, encodeSSEEvent } from '../../src/sse/encode-sse.js';

/** Events -> SSE wire bytes: Anthropic with `event:` names, OpenAI data-only (`'[DONE]'` as is). */
export function eventsToSSE(format: FormatId, events: readonly unknown[]): Uint8Array {
  let text = '';
  for (const e of events) {
    if (format === 'anthropic-messages') {
      const type = typeof e === 'object' && e !== null ? (e as { type?: unknown }).type : undefined;
      text += encodeSSEEvent(typeof type === 'string' ? type : 'message', e);
    } else {
      text += encodeSSEData(e);
    }
  }
  return new TextEncoder().encode(text);
}
