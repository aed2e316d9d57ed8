import { isRecord, type JsonObject } from '../../core/narrow.js';
import { reportAnthropicUsageLosses as reportAnthropicUsage } from '../../formats/anthropic-messages/usage-losses.js';
import {
  anthropicUsageCounts,
  type OpenAIUsageNames,
  openaiUsageLossReporter,
  openaiUsageToAnthropicCounts,
  promptTokensDetails,
} from '../../formats/openai-chat/usage.js';

/**
 * Usage both ways (docs/wire-formats.md#cross-walk-usage). Anthropic `input_tokens` leaves out the cached prompt:
 * the whole prompt is `input + cache_read + cache_creation`. Responses `input_tokens` is the whole prompt, with
 * `input_tokens_details.cached_tokens` (reads) and `cache_write_tokens` (writes). Output counts include reasoning
 * on both sides (`output_tokens_details.thinking_tokens` <-> `reasoning_tokens`).
 */

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

const RESPONSES_USAGE_NAMES: OpenAIUsageNames = {
  prompt: 'input_tokens',
  promptDetails: 'input_tokens_details',
  output: 'output_tokens',
  outputDetails: 'output_tokens_details',
};

/** Anthropic `Usage` (or the cumulative `message_delta` usage merged over `message_start`'s) -> Responses usage. */
export function anthropicUsageToResponses(usage: unknown): ResponsesUsage {
  const c = anthropicUsageCounts(usage);
  return {
    input_tokens: c.prompt,
    input_tokens_details: promptTokensDetails(c.read, c.write),
    output_tokens: c.output,
    output_tokens_details: { reasoning_tokens: c.reasoning },
    total_tokens: c.prompt + c.output,
  };
}

/** Responses usage -> Anthropic usage: `input_tokens` = input - cached - cache writes (never below 0). */
export function responsesUsageToAnthropic(usage: unknown): JsonObject {
  return openaiUsageToAnthropicCounts(isRecord(usage) ? usage : {}, RESPONSES_USAGE_NAMES);
}

type Report = (path: string, reason: string) => void;

/** Losses of a Responses usage translated to Anthropic usage (unknown counters that say something). */
export const reportResponsesUsageLosses: (usage: JsonObject, path: string, report: Report) => void =
  openaiUsageLossReporter(RESPONSES_USAGE_NAMES);

/** Losses of an Anthropic usage translated to Responses usage: the TTL split, server tool counts, unknown fields. */
export function reportAnthropicUsageLosses(usage: JsonObject, path: string, report: Report): void {
  reportAnthropicUsage(usage, path, report, {
    name: 'Responses',
    cacheWrites: 'input_tokens_details.cache_write_tokens',
  });
}

/** Anthropic `usage.service_tier` <-> Responses `service_tier`. */
export function anthropicTierToResponses(tier: unknown): string | undefined {
  return tier === 'standard' ? 'default' : tier === 'priority' ? 'priority' : undefined;
}

export function responsesTierToAnthropic(tier: unknown): string | undefined {
  return tier === 'default' || tier === 'auto' ? 'standard' : tier === 'priority' ? 'priority' : undefined;
}
