import type { JsonObject } from '../../core/narrow.js';
import type { AnthropicStreamEvent } from './codec.js';

type UsageCounts = Partial<
  Record<
    | 'input_tokens'
    | 'cache_creation_input_tokens'
    | 'cache_read_input_tokens'
    | 'output_tokens'
    | 'output_tokens_details',
    unknown
  >
>;

/**
 * The `message_start` of a translated Anthropic stream (docs/wire-formats.md#anthropic-stream-grammar): an empty
 * assistant message with its id, model and first usage; `extra` fields (a `stop_details: null`) stand before `usage`.
 */
export function messageStartEvent(
  id: unknown,
  model: unknown,
  usage: JsonObject,
  extra: JsonObject = {},
): AnthropicStreamEvent {
  return {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      ...extra,
      usage,
    },
  };
}

/**
 * The two events that end an Anthropic stream (docs/wire-formats.md#anthropic-stream-grammar): `message_delta` with
 * the stop fields (`delta`) and the final, cumulative token counts (`output_tokens_details` only when there is one),
 * then `message_stop`.
 */
export function messageEndEvents(delta: JsonObject, u: UsageCounts): AnthropicStreamEvent[] {
  return [
    {
      type: 'message_delta',
      delta,
      usage: {
        input_tokens: u.input_tokens,
        cache_creation_input_tokens: u.cache_creation_input_tokens,
        cache_read_input_tokens: u.cache_read_input_tokens,
        output_tokens: u.output_tokens,
        ...(u.output_tokens_details ? { output_tokens_details: u.output_tokens_details } : {}),
      },
    },
    { type: 'message_stop' },
  ];
}
