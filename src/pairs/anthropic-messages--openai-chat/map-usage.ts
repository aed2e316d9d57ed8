import { isRecord, type JsonObject, num, optNum } from '../../core/narrow.js';
import { carriesNothing } from '../../formats/anthropic-messages/usage-losses.js';

/**
 * Usage in both directions.
 *
 * Anthropic `input_tokens` excludes cached parts: total prompt = input + cache_read + cache_creation.
 * OpenAI `prompt_tokens` includes them: `prompt_tokens_details.cached_tokens` = cache reads,
 * `prompt_tokens_details.cache_write_tokens` = cache writes. Thinking tokens are part of Anthropic
 * `output_tokens` and of OpenAI `completion_tokens` (`completion_tokens_details.reasoning_tokens`).
 */

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
  const u = isRecord(usage) ? usage : {};
  const read = num(u.cache_read_input_tokens);
  const write = optNum(u.cache_creation_input_tokens);
  const prompt = num(u.input_tokens) + read + (write ?? 0);
  const completion = num(u.output_tokens);
  const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : undefined;
  const promptDetails: OpenAIUsage['prompt_tokens_details'] = { cached_tokens: read };
  if (write !== undefined && write > 0) promptDetails.cache_write_tokens = write;
  const out: OpenAIUsage = {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: promptDetails,
    completion_tokens_details: { reasoning_tokens: num(details?.thinking_tokens) },
  };
  if (extensions && isRecord(u.server_tool_use) && !carriesNothing(u.server_tool_use))
    out.server_tool_use = { ...u.server_tool_use };
  return out;
}

/** OpenAI `CompletionUsage` -> Anthropic `Usage`. `input_tokens` = prompt - cached - cache writes (never below 0). */
export function openaiUsageToAnthropic(usage: unknown): AnthropicUsage {
  const u = isRecord(usage) ? usage : {};
  const pd = isRecord(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  const cd = isRecord(u.completion_tokens_details) ? u.completion_tokens_details : {};
  const read = num(pd.cached_tokens);
  const write = num(pd.cache_write_tokens);
  const out: AnthropicUsage = {
    input_tokens: Math.max(0, num(u.prompt_tokens) - read - write),
    output_tokens: num(u.completion_tokens),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
  const reasoning = optNum(cd.reasoning_tokens);
  if (reasoning !== undefined && reasoning > 0) out.output_tokens_details = { thinking_tokens: reasoning };
  if (isRecord(u.server_tool_use) && !carriesNothing(u.server_tool_use)) out.server_tool_use = { ...u.server_tool_use };
  return out;
}
