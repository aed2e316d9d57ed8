/**
 * Anthropic `stop_reason` <-> OpenAI `finish_reason` (docs/wire-formats.md#cross-walk-stop-reasons).
 *
 * | Anthropic                       | OpenAI           |
 * |---------------------------------|------------------|
 * | end_turn                        | stop             |
 * | stop_sequence (+ stop_sequence) | stop (+ choice.stop_sequence extension) |
 * | max_tokens                      | length           |
 * | model_context_window_exceeded   | length (lossy)   |
 * | tool_use                        | tool_calls       |
 * | refusal                         | content_filter   |
 * | pause_turn                      | stop (lossy)     |
 */

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const TO_OPENAI: Record<AnthropicStopReason, OpenAIFinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
  pause_turn: 'stop',
};

function isAnthropicStopReason(v: unknown): v is AnthropicStopReason {
  return typeof v === 'string' && Object.hasOwn(TO_OPENAI, v);
}

/** The OpenAI `finish_reason` for an Anthropic `stop_reason`. `null` (stream not finished) stays `null`; unknown values become `stop`. */
export function anthropicStopReasonToOpenAI(stopReason: unknown): OpenAIFinishReason | null {
  if (stopReason === null || stopReason === undefined) return null;
  return isAnthropicStopReason(stopReason) ? TO_OPENAI[stopReason] : 'stop';
}

/**
 * Why an Anthropic `stop_reason` cannot be carried exactly to OpenAI, or `undefined` when it can.
 * Callers report this as a loss at the `stop_reason` path.
 */
export function anthropicStopReasonLoss(stopReason: unknown): string | undefined {
  if (stopReason === null || stopReason === undefined) return undefined;
  if (stopReason === 'pause_turn')
    return 'stop_reason "pause_turn" has no OpenAI equivalent; sent as finish_reason "stop"';
  if (stopReason === 'model_context_window_exceeded') {
    return 'stop_reason "model_context_window_exceeded" has no OpenAI equivalent; sent as finish_reason "length"';
  }
  if (!isAnthropicStopReason(stopReason))
    return `unknown stop_reason ${JSON.stringify(stopReason)}; sent as finish_reason "stop"`;
  return undefined;
}

/**
 * The Anthropic `stop_reason` for an OpenAI `finish_reason`.
 * `hasToolCalls`: the choice carries tool calls (some providers say `stop` with tool calls).
 * `stopSequence`: the matched stop sequence (crosswire's `choice.stop_sequence` extension), if any.
 * `null`/unknown: `tool_use` when there are tool calls, else `end_turn`.
 */
export function openaiFinishReasonToAnthropic(
  finishReason: unknown,
  hasToolCalls: boolean,
  stopSequence?: unknown,
): AnthropicStopReason {
  switch (finishReason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    case 'stop':
      if (hasToolCalls) return 'tool_use';
      return typeof stopSequence === 'string' ? 'stop_sequence' : 'end_turn';
    default:
      return hasToolCalls ? 'tool_use' : 'end_turn';
  }
}
