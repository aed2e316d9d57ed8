import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';

/** The events a client of `format` reads as the clean end of a stream. */
export function isCleanEnd(format: FormatId, event: unknown): boolean {
  switch (format) {
    case 'openai-chat':
      return event === '[DONE]';
    case 'gemini': {
      // no terminator: the chunk with the candidate's finishReason (or a blocked prompt) is the last
      if (!isRecord(event) || event.error !== undefined) return false;
      const c = Array.isArray(event.candidates) ? event.candidates[0] : undefined;
      return (
        (isRecord(c) && c.finishReason !== undefined) ||
        (isRecord(event.promptFeedback) && event.promptFeedback.blockReason !== undefined)
      );
    }
    case 'bedrock-converse':
      // usage comes after messageStop: the metadata event closes a clean stream
      return isRecord(event) && isRecord(event.metadata);
    case 'openai-responses':
      return isRecord(event) && (event.type === 'response.completed' || event.type === 'response.incomplete');
    default:
      return isRecord(event) && event.type === 'message_stop';
  }
}

/** The in-stream error of `format`: Anthropic-grammar `{type:"error"}`, OpenAI/Gemini `{error:{…}}`, Converse `{<name>Exception:{message}}`. */
export function isErrorEvent(format: FormatId, event: unknown): boolean {
  if (!isRecord(event)) return false;
  switch (format) {
    case 'openai-chat':
    case 'gemini':
      return isRecord(event.error);
    case 'openai-responses':
      return event.type === 'error' || event.type === 'response.failed';
    case 'bedrock-converse': {
      const keys = Object.keys(event);
      return keys.length === 1 && /Exception$/.test(keys[0]!);
    }
    default:
      return event.type === 'error';
  }
}
