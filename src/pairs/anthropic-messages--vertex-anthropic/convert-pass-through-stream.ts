import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { anthropicErrorTypeForStatus } from '../../formats/anthropic-messages/errors.js';
import { anthropicStatusForGemini, readGeminiError } from '../../formats/gemini/anthropic-errors.js';

type Event = Record<string, unknown> & { type: string };

/**
 * An `error` event whose `error` is not Anthropic's `{type, message}` (Google's front end speaks
 * `google.rpc.Status`: `{code, message, status}`) becomes Anthropic's error event, typed as Gemini's errors are.
 */
function anthropicErrorEvent(event: Event): Event {
  const e = event.error;
  if (isRecord(e) && typeof e.type === 'string') return event;
  const { code, message, status, reason } = readGeminiError({ error: isRecord(e) ? e : {} }, 500);
  const text = isRecord(e) && typeof e.message === 'string' ? message : 'upstream stream error';
  return {
    type: 'error',
    error: { type: anthropicErrorTypeForStatus(anthropicStatusForGemini(code, status, reason)), message: text },
  };
}

/**
 * streamRawPredict streams Anthropic's events and an Anthropic client reads them as they are. Only the edges
 * change: an error event that is not Anthropic-shaped is made so (`fromVertex`), and a stream cut before
 * `message_stop` ends with an error event.
 */
export function createVertexPassThrough(
  fromVertex: boolean,
  options: TranslateOptions = {},
): StreamTranslator<unknown, unknown> {
  const losses = new LossCollector(options.strict);
  let done = false;
  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event) || typeof event.type !== 'string')
        throw new TranslationError('upstream', 'a stream event needs a string "type"');
      if (event.type === 'message_stop' || event.type === 'error') done = true;
      if (event.type === 'error' && fromVertex) return [anthropicErrorEvent(event as Event)];
      return [event];
    },
    end() {
      if (done) return [];
      done = true;
      return [
        { type: 'error', error: { type: 'api_error', message: 'the upstream stream ended before message_stop' } },
      ];
    },
    get losses() {
      return losses.list;
    },
  };
}
