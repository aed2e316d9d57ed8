import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { anthropicMessagesMeaning } from './anthropic-messages.js';
import { bedrockConverseMeaning } from './bedrock-converse.js';
import { bedrockInvokeMeaning } from './bedrock-invoke.js';
import { geminiMeaning } from './gemini.js';
import { openaiChatMeaning } from './openai-chat.js';
import { openaiResponsesMeaning } from './openai-responses.js';
import type { FormatMeaning, RequestMeaningOptions, StreamMeaning } from './types.js';
import { vertexAnthropicMeaning } from './vertex-anthropic.js';

export type { FormatMeaning, RequestMeaningOptions, StreamEnd, StreamMeaning } from './types.js';

/**
 * Meaning projections, one module per wire format: what a provider does with a request, and what a client (its
 * official SDK) makes of an answer, a stream or an error. Two values with equal projections mean the same; the
 * conformance runner's meaning level compares these (`--compare meaning`, the default), the exact level the bytes.
 * Each module's header lists the variations it treats as equal.
 */
export const MEANINGS: Record<FormatId, FormatMeaning> = {
  'anthropic-messages': anthropicMessagesMeaning,
  'openai-chat': openaiChatMeaning,
  gemini: geminiMeaning,
  'bedrock-converse': bedrockConverseMeaning,
  'bedrock-invoke': bedrockInvokeMeaning,
  'vertex-anthropic': vertexAnthropicMeaning,
  'openai-responses': openaiResponsesMeaning,
};

export function meaningOf(format: FormatId): FormatMeaning {
  const m = MEANINGS[format];
  if (!m) throw new Error(`no meaning projection for ${format}`);
  return m;
}

export function requestMeaning(format: FormatId, body: unknown, options?: RequestMeaningOptions): unknown {
  return meaningOf(format).request(body, options);
}

export function responseMeaning(format: FormatId, body: unknown): unknown {
  return meaningOf(format).response(body);
}

export function streamMeaning(format: FormatId, events: readonly unknown[]): StreamMeaning {
  return meaningOf(format).stream(events);
}

export function errorMeaning(format: FormatId, status: number, body: unknown): unknown {
  return meaningOf(format).error(status, body);
}

/**
 * The actual meaning aligned with the expected one where the difference is the client's own choice: an OpenAI answer
 * may carry usage the client did not ask for (it reads it or not), so usage is compared only when expected.
 */
export function alignAnswer(format: FormatId, expected: unknown, actual: unknown): unknown {
  if (format !== 'openai-chat' || !isRecord(expected) || !isRecord(actual)) return actual;
  if (expected.usage === undefined && actual.usage !== undefined) {
    const { usage: _, ...rest } = actual;
    return rest;
  }
  return actual;
}

/** Streams compare by how they end, then (when both ended cleanly) by the rebuilt message. */
export function alignStream(
  format: FormatId,
  expected: StreamMeaning,
  actual: StreamMeaning,
): { expected: unknown; actual: unknown } {
  if (expected.end !== 'complete' || actual.end !== 'complete') {
    return { expected: { end: expected.end, error: expected.error }, actual: { end: actual.end, error: actual.error } };
  }
  return { expected, actual: { ...actual, message: alignAnswer(format, expected.message, actual.message) } };
}
