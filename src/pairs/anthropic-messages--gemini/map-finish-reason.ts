import type { GeminiFinishReason } from '../../formats/gemini/types.js';

/**
 * Gemini `finishReason` <-> Anthropic `stop_reason` (docs/wire-formats.md#cross-walk-stop-reasons). Gemini has no tool-use
 * reason: a turn with function calls ends with `STOP`, so `tool_use` is decided by the parts.
 * The safety family becomes `refusal`. Reasons with no Anthropic counterpart give `end_turn`
 * (`tool_use` if calls were made) plus a loss note.
 */

const REFUSAL = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

export interface MappedStopReason {
  stopReason: 'end_turn' | 'max_tokens' | 'tool_use' | 'refusal';
  /** set when the Gemini reason said more than the Anthropic one can */
  loss?: string;
}

export function geminiFinishReasonToAnthropic(reason: unknown, hasFunctionCalls: boolean): MappedStopReason {
  const natural = hasFunctionCalls ? 'tool_use' : 'end_turn';
  if (reason === undefined || reason === null || reason === 'STOP') return { stopReason: natural };
  if (reason === 'MAX_TOKENS') return { stopReason: 'max_tokens' };
  if (typeof reason === 'string' && REFUSAL.has(reason)) return { stopReason: 'refusal' };
  return { stopReason: natural, loss: `finishReason ${JSON.stringify(reason)} has no Anthropic stop_reason` };
}

export interface MappedFinishReason {
  finishReason: GeminiFinishReason;
  loss?: string;
}

export function anthropicStopReasonToGemini(reason: unknown): MappedFinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
    case 'tool_use':
    case null:
    case undefined:
      return { finishReason: 'STOP' };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { finishReason: 'MAX_TOKENS' };
    case 'refusal':
      return { finishReason: 'SAFETY' };
    default:
      return { finishReason: 'STOP', loss: `stop_reason ${JSON.stringify(reason)} has no Gemini finishReason` };
  }
}
