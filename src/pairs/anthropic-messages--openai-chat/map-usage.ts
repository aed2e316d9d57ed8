import { isRecord, type JsonObject } from '../../core/narrow.js';
import { carriesNothing } from '../../formats/anthropic-messages/usage-losses.js';
import {
  anthropicUsageCounts,
  type OpenAIUsageNames,
  openaiUsageToAnthropicCounts,
  promptTokensDetails,
} from '../../formats/openai-chat/usage.js';

/**
 * Usage in both directions (the counting rules: formats/openai-chat/usage.ts).
 *
 * Anthropic `input_tokens` excludes cached parts: total prompt = input + cache_read + cache_creation.
 * OpenAI `prompt_tokens` includes them: `prompt_tokens_details.cached_tokens` = cache reads,
 * `prompt_tokens_details.cache_write_tokens` = cache writes. Thinking tokens are part of Anthropic
 * `output_tokens` and of OpenAI `completion_tokens` (`completion_tokens_details.reasoning_tokens`).
 */

export const CHAT_USAGE_NAMES: OpenAIUsageNames = {
  prompt: 'prompt_tokens',
  promptDetails: 'prompt_tokens_details',
  output: 'completion_tokens',
  outputDetails: 'completion_tokens_details',
};

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number; [k: string]: unknown };
  completion_tokens_details?: { reasoning_tokens?: number; [k: string]: unknown };
  /** crosswire extension: Anthropic's server tool request counts, as they are */
  server_tool_use?: JsonObject;
}

export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number | null;
  cache_read_input_tokens: number | null;
  output_tokens_details?: { thinking_tokens: number } | null;
  server_tool_use?: JsonObject;
}

/**
 * Anthropic `Usage` (or `MessageDeltaUsage`) -> OpenAI `CompletionUsage`. Non-numbers count as 0. With
 * `extensions`, `server_tool_use` (when it counts something) rides along as crosswire's usage extension.
 */
export function anthropicUsageToOpenAI(usage: unknown, extensions: boolean): OpenAIUsage {
  const c = anthropicUsageCounts(usage);
  const out: OpenAIUsage = {
    prompt_tokens: c.prompt,
    completion_tokens: c.output,
    total_tokens: c.prompt + c.output,
    prompt_tokens_details: promptTokensDetails(c.read, c.write),
    completion_tokens_details: { reasoning_tokens: c.reasoning },
  };
  const u = isRecord(usage) ? usage : {};
  if (extensions && isRecord(u.server_tool_use) && !carriesNothing(u.server_tool_use))
    out.server_tool_use = { ...u.server_tool_use };
  return out;
}

/** OpenAI `CompletionUsage` -> Anthropic `Usage`. `input_tokens` = prompt - cached - cache writes (never below 0). */
export function openaiUsageToAnthropic(usage: unknown): AnthropicUsage {
  const u = isRecord(usage) ? usage : {};
  const out: AnthropicUsage = openaiUsageToAnthropicCounts(u, CHAT_USAGE_NAMES);
  if (isRecord(u.server_tool_use) && !carriesNothing(u.server_tool_use)) out.server_tool_use = { ...u.server_tool_use };
  return out;
}
