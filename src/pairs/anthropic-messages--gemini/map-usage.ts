import { isRecord, num } from '../../core/narrow.js';
import type { GeminiUsageMetadata } from '../../formats/gemini/types.js';

/**
 * Usage both ways (docs/wire-formats.md#gemini-response, docs/wire-formats.md#cross-walk-usage). Gemini `promptTokenCount` includes
 * `cachedContentTokenCount`; Anthropic `input_tokens` excludes cache reads and writes.
 * Gemini counts thoughts apart from `candidatesTokenCount`; Anthropic folds them into
 * `output_tokens`. Tool-use prompt tokens (e.g. search results) are input on the Anthropic side.
 */

export interface AnthropicUsageOut {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  output_tokens_details?: { thinking_tokens: number };
}

export function geminiUsageToAnthropic(usage: unknown): AnthropicUsageOut {
  const u = isRecord(usage) ? usage : {};
  const cached = num(u.cachedContentTokenCount);
  const thoughts = num(u.thoughtsTokenCount);
  const out: AnthropicUsageOut = {
    input_tokens: Math.max(0, num(u.promptTokenCount) - cached) + num(u.toolUsePromptTokenCount),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    output_tokens: num(u.candidatesTokenCount) + thoughts,
  };
  if (thoughts > 0) out.output_tokens_details = { thinking_tokens: thoughts };
  return out;
}

export function anthropicUsageToGemini(usage: unknown): GeminiUsageMetadata {
  const u = isRecord(usage) ? usage : {};
  const read = num(u.cache_read_input_tokens);
  const prompt = num(u.input_tokens) + read + num(u.cache_creation_input_tokens);
  const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : {};
  const output = num(u.output_tokens);
  const thoughts = Math.min(output, num(details.thinking_tokens));
  const out: GeminiUsageMetadata = {
    promptTokenCount: prompt,
    candidatesTokenCount: output - thoughts,
    totalTokenCount: prompt + output,
  };
  if (read > 0) out.cachedContentTokenCount = read;
  if (thoughts > 0) out.thoughtsTokenCount = thoughts;
  return out;
}
