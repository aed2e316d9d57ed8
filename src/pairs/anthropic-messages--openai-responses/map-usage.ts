import { isRecord, type JsonObject, num, optNum } from '../../core/narrow.js';
import {
  carriesNothing,
  reportAnthropicUsageLosses as reportAnthropicUsage,
} from '../../formats/anthropic-messages/usage-losses.js';

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

/** Anthropic `Usage` (or the cumulative `message_delta` usage merged over `message_start`'s) -> Responses usage. */
export function anthropicUsageToResponses(usage: unknown): ResponsesUsage {
  const u = isRecord(usage) ? usage : {};
  const read = num(u.cache_read_input_tokens);
  const write = num(u.cache_creation_input_tokens);
  const input = num(u.input_tokens) + read + write;
  const output = num(u.output_tokens);
  const details = isRecord(u.output_tokens_details) ? u.output_tokens_details : {};
  const inputDetails: ResponsesUsage['input_tokens_details'] = { cached_tokens: read };
  if (write > 0) inputDetails.cache_write_tokens = write;
  return {
    input_tokens: input,
    input_tokens_details: inputDetails,
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: num(details.thinking_tokens) },
    total_tokens: input + output,
  };
}

/** Responses usage -> Anthropic usage: `input_tokens` = input - cached - cache writes (never below 0). */
export function responsesUsageToAnthropic(usage: unknown): JsonObject {
  const u = isRecord(usage) ? usage : {};
  const inDetails = isRecord(u.input_tokens_details) ? u.input_tokens_details : {};
  const outDetails = isRecord(u.output_tokens_details) ? u.output_tokens_details : {};
  const read = num(inDetails.cached_tokens);
  const write = num(inDetails.cache_write_tokens);
  const out: JsonObject = {
    input_tokens: Math.max(0, num(u.input_tokens) - read - write),
    output_tokens: num(u.output_tokens),
    cache_creation_input_tokens: write,
    cache_read_input_tokens: read,
  };
  const reasoning = optNum(outDetails.reasoning_tokens);
  if (reasoning !== undefined && reasoning > 0) out.output_tokens_details = { thinking_tokens: reasoning };
  return out;
}

type Report = (path: string, reason: string) => void;

const RESPONSES_USAGE = new Set([
  'input_tokens',
  'input_tokens_details',
  'output_tokens',
  'output_tokens_details',
  'total_tokens',
]);
const RESPONSES_DETAILS: Record<string, ReadonlySet<string>> = {
  input_tokens_details: new Set(['cached_tokens', 'cache_write_tokens']),
  output_tokens_details: new Set(['reasoning_tokens']),
};
/** Losses of a Responses usage translated to Anthropic usage (unknown counters that say something). */
export function reportResponsesUsageLosses(usage: JsonObject, path: string, report: Report): void {
  for (const key in usage) {
    const v = usage[key];
    if (!RESPONSES_USAGE.has(key)) {
      if (!carriesNothing(v)) report(`${path}.${key}`, `usage field ${key} has no Anthropic equivalent`);
      continue;
    }
    const carried = RESPONSES_DETAILS[key];
    if (carried === undefined || !isRecord(v)) continue;
    for (const d in v)
      if (!carried.has(d) && !carriesNothing(v[d]))
        report(`${path}.${key}.${d}`, `usage detail ${d} has no Anthropic equivalent`);
  }
}

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
