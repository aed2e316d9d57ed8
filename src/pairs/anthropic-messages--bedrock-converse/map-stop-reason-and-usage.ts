import { isRecord, num } from '../../core/narrow.js';

/**
 * Stop reasons and usage, Converse <-> Anthropic (docs/wire-formats.md#bedrock-converse-response, docs/wire-formats.md#cross-walk-stop-reasons). Converse `inputTokens`
 * excludes cache reads and writes, like Anthropic's `input_tokens`.
 */

const TO_ANTHROPIC: Record<string, string> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  guardrail_intervened: 'refusal',
  content_filtered: 'refusal',
  model_context_window_exceeded: 'model_context_window_exceeded',
};

export function converseStopToAnthropic(reason: unknown): { stopReason: string; loss?: string } {
  const mapped = typeof reason === 'string' ? TO_ANTHROPIC[reason] : undefined;
  if (mapped) return { stopReason: mapped };
  return { stopReason: 'end_turn', loss: `stopReason ${JSON.stringify(reason)} has no Anthropic stop_reason` };
}

export function anthropicStopToConverse(reason: unknown): { stopReason: string; loss?: string } {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'model_context_window_exceeded':
      return { stopReason: reason };
    case 'refusal':
      return { stopReason: 'content_filtered' };
    default:
      return { stopReason: 'end_turn', loss: `stop_reason ${JSON.stringify(reason)} has no Converse stopReason` };
  }
}

export function converseUsageToAnthropic(usage: unknown): {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
} {
  const u = isRecord(usage) ? usage : {};
  return {
    input_tokens: num(u.inputTokens),
    cache_creation_input_tokens: num(u.cacheWriteInputTokens),
    cache_read_input_tokens: num(u.cacheReadInputTokens),
    output_tokens: num(u.outputTokens),
  };
}

export function anthropicUsageToConverse(usage: unknown): Record<string, number> {
  const u = isRecord(usage) ? usage : {};
  const input = num(u.input_tokens);
  const output = num(u.output_tokens);
  const read = num(u.cache_read_input_tokens);
  const write = num(u.cache_creation_input_tokens);
  const out: Record<string, number> = {
    inputTokens: input,
    outputTokens: output,
    totalTokens: input + output + read + write,
  };
  if (read > 0) out.cacheReadInputTokens = read;
  if (write > 0) out.cacheWriteInputTokens = write;
  return out;
}

/** Converse requires `metrics`; a translated response or stream has no upstream latency to report. */
export const NO_METRICS = { latencyMs: 0 };
