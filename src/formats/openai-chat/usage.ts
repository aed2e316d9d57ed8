import { isRecord, type JsonObject, num, optNum } from '../../core/narrow.js';
import { carriesNothing } from '../anthropic-messages/usage-losses.js';

/**
 * Usage as OpenAI's Chat Completions and Responses both count it, each under its own names
 * (docs/wire-formats.md#cross-walk-usage): the prompt count (`prompt_tokens` / `input_tokens`) includes the cache,
 * with `cached_tokens` (reads) and `cache_write_tokens` (writes) in its details; the output count
 * (`completion_tokens` / `output_tokens`) includes reasoning, `reasoning_tokens` in its details. Anthropic's
 * `input_tokens` leaves the cache out, so the whole prompt is `input + cache_read + cache_creation`.
 */

/** The names one OpenAI API gives to its usage counts. */
export interface OpenAIUsageNames {
  prompt: string;
  promptDetails: string;
  output: string;
  outputDetails: string;
}

/** Anthropic usage in OpenAI's terms: the whole prompt (cache included), cache reads and writes, output, reasoning. */
export function anthropicUsageCounts(usage: unknown): {
  prompt: number;
  read: number;
  write: number;
  output: number;
  reasoning: number;
} {
  const u = isRecord(usage) ? usage : {};
  const read = num(u.cache_read_input_tokens);
  const write = num(u.cache_creation_input_tokens);
  const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : {};
  return {
    prompt: num(u.input_tokens) + read + write,
    read,
    write,
    output: num(u.output_tokens),
    reasoning: num(details.thinking_tokens),
  };
}

/** The prompt's details: cache reads, and cache writes when there were any. */
export function promptTokensDetails(
  read: number,
  write: number,
): { cached_tokens: number; cache_write_tokens?: number } {
  return write > 0 ? { cached_tokens: read, cache_write_tokens: write } : { cached_tokens: read };
}

/** The counts of an Anthropic `Usage` */
export type AnthropicUsageCounts = {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens_details?: { thinking_tokens: number };
};

/**
 * OpenAI usage (named by `names`) -> Anthropic usage: `input_tokens` = prompt - cached - cache writes (never below 0),
 * `output_tokens_details.thinking_tokens` when reasoning was counted. Non-numbers count as 0.
 */
export function openaiUsageToAnthropicCounts(usage: JsonObject, names: OpenAIUsageNames): AnthropicUsageCounts {
  const promptDetails = usage[names.promptDetails];
  const outputDetails = usage[names.outputDetails];
  const pd = isRecord(promptDetails) ? promptDetails : {};
  const od = isRecord(outputDetails) ? outputDetails : {};
  const read = num(pd.cached_tokens);
  const write = num(pd.cache_write_tokens);
  const out: AnthropicUsageCounts = {
    input_tokens: Math.max(0, num(usage[names.prompt]) - read - write),
    output_tokens: num(usage[names.output]),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
  const reasoning = optNum(od.reasoning_tokens);
  if (reasoning !== undefined && reasoning > 0) out.output_tokens_details = { thinking_tokens: reasoning };
  return out;
}

/**
 * The loss report of an OpenAI usage translated to Anthropic usage: a key other than the counts and details of
 * `names`, `total_tokens` and `also`, or a detail the translation does not read, is a loss when it says something.
 */
export function openaiUsageLossReporter(
  names: OpenAIUsageNames,
  also: readonly string[] = [],
): (usage: JsonObject, path: string, report: (path: string, reason: string) => void) => void {
  const carried = new Set([
    names.prompt,
    names.output,
    'total_tokens',
    names.promptDetails,
    names.outputDetails,
    ...also,
  ]);
  const details: Readonly<Record<string, ReadonlySet<string>>> = {
    [names.promptDetails]: new Set(['cached_tokens', 'cache_write_tokens']),
    [names.outputDetails]: new Set(['reasoning_tokens']),
  };
  return (usage, path, report) => {
    for (const key in usage) {
      const v = usage[key];
      if (!carried.has(key)) {
        if (!carriesNothing(v)) report(`${path}.${key}`, `usage field ${key} has no Anthropic equivalent`);
        continue;
      }
      const known = details[key];
      if (known === undefined || !isRecord(v)) continue;
      for (const d in v)
        if (!known.has(d) && !carriesNothing(v[d]))
          report(`${path}.${key}.${d}`, `usage detail ${d} has no Anthropic equivalent`);
    }
  };
}
