import type { FormatId } from '../core/formats.js';
import { isRecord } from '../core/narrow.js';
import type { StreamTranslator } from '../core/options.js';
import type { FormatCodec } from '../formats/codec.js';

/**
 * Does this event end a stream of `format` (cleanly or with the format's error)? Anthropic-bodied formats:
 * `message_stop` or `error`; OpenAI: `[DONE]`, an error chunk, or a choice with a `finish_reason` (some
 * providers never send `[DONE]`); Gemini: a `finishReason`, a `promptFeedback.blockReason` or an error;
 * Converse: `messageStop` or an exception.
 */
export function endsStreamOf(format: FormatId, event: unknown): boolean {
  switch (format) {
    case 'anthropic-messages':
    case 'vertex-anthropic':
    case 'bedrock-invoke':
      return isRecord(event) && (event.type === 'message_stop' || event.type === 'error');
    case 'openai-chat':
      if (event === '[DONE]') return true;
      if (!isRecord(event)) return false;
      return 'error' in event || (Array.isArray(event.choices) && event.choices.some((c) => isRecord(c) && typeof c.finish_reason === 'string'));
    case 'gemini':
      if (!isRecord(event)) return false;
      if ('error' in event || (isRecord(event.promptFeedback) && event.promptFeedback.blockReason !== undefined)) return true;
      return Array.isArray(event.candidates) && event.candidates.some((c) => isRecord(c) && typeof c.finishReason === 'string');
    case 'bedrock-converse':
      return isRecord(event) && Object.keys(event).some((k) => k === 'messageStop' || /Exception$/.test(k));
  }
}

/**
 * The stream translator between a format and itself: events pass through unchanged, and a stream that
 * ends before its end (`endsStreamOf`) gets the format's error event, so a cut upstream never reaches
 * the client as a clean end.
 */
export function createSameFormatStream(format: FormatId, codec: FormatCodec): StreamTranslator<unknown, unknown> {
  let ended = false;
  return {
    push(event) {
      if (endsStreamOf(format, event)) ended = true;
      return [event];
    },
    end() {
      return ended ? [] : [codec.streamError(502, 'upstream stream ended before its end')];
    },
    losses: [],
  };
}
