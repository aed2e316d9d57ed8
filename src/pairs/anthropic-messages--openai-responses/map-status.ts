/**
 * Anthropic `stop_reason` <-> Responses `status` / `incomplete_details.reason` (docs/wire-formats.md#cross-walk-stop-reasons).
 *
 * | Anthropic | Responses |
 * |---|---|
 * | end_turn, tool_use | completed (a call is visible as a function_call item) |
 * | stop_sequence | completed (which sequence matched is lost) |
 * | pause_turn | completed (lossy) |
 * | max_tokens, model_context_window_exceeded | incomplete, reason max_output_tokens |
 * | refusal | a `refusal` part; incomplete, reason content_filter |
 */

export interface ResponsesStatus {
  status: 'completed' | 'incomplete';
  incomplete_details: { reason: 'max_output_tokens' | 'content_filter' } | null;
}

export function anthropicStopReasonToStatus(stopReason: unknown): ResponsesStatus {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } };
    case 'refusal':
      return { status: 'incomplete', incomplete_details: { reason: 'content_filter' } };
    default:
      return { status: 'completed', incomplete_details: null };
  }
}

/** Why a stop reason is not carried exactly, or undefined. */
export function anthropicStopReasonLoss(stopReason: unknown): string | undefined {
  switch (stopReason) {
    case undefined:
    case null:
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'refusal':
      return undefined;
    case 'stop_sequence':
      return 'Responses cannot say that a stop sequence matched; sent as status "completed"';
    case 'pause_turn':
      return 'stop_reason "pause_turn" has no Responses equivalent; sent as status "completed"';
    case 'model_context_window_exceeded':
      return 'stop_reason "model_context_window_exceeded" has no Responses equivalent; sent as incomplete, max_output_tokens';
    default:
      return `unknown stop_reason ${JSON.stringify(stopReason)}; sent as status "completed"`;
  }
}

/**
 * The Anthropic stop reason of a Responses answer: a refusal part or a content-filter cut -> `refusal`; a cut by
 * `max_output_tokens` -> `max_tokens`; calls -> `tool_use`; else `end_turn`.
 */
export function statusToAnthropicStopReason(
  status: unknown,
  reason: unknown,
  hasCalls: boolean,
  hasRefusal: boolean,
): 'end_turn' | 'tool_use' | 'max_tokens' | 'refusal' {
  if (hasRefusal || (status === 'incomplete' && reason === 'content_filter')) return 'refusal';
  if (status === 'incomplete') return 'max_tokens';
  return hasCalls ? 'tool_use' : 'end_turn';
}
