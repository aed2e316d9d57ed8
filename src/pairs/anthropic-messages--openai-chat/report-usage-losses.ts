import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * The usage fields that map-usage.ts cannot carry, reported as losses (docs/streaming.md, "Loss policy").
 * A field is dropped in silence only when it carries nothing: `null`, an empty object, a zero count,
 * a `false` flag, a default tier. Anything else that is not translated is reported at `usage.<key>` (or
 * `usage.<details>.<key>`), the same path in the stream and non-stream translations.
 */

type Report = (path: string, reason: string) => void;

/**
 * OpenAI usage keys map-usage.ts translates, or that only restate them: `total_tokens` (the sum),
 * DeepSeek's `prompt_cache_hit_tokens` / `prompt_cache_miss_tokens` (`cached_tokens` and the rest of the prompt)
 */
const OPENAI_USAGE = new Set([
  'prompt_tokens',
  'completion_tokens',
  'total_tokens',
  'prompt_tokens_details',
  'completion_tokens_details',
  'prompt_cache_hit_tokens',
  'prompt_cache_miss_tokens',
]);
const OPENAI_CARRIED_DETAILS: Record<string, ReadonlySet<string>> = {
  prompt_tokens_details: new Set(['cached_tokens', 'cache_write_tokens']),
  completion_tokens_details: new Set(['reasoning_tokens']),
};

/** Anthropic usage keys map-usage.ts translates; `service_tier` is left to the caller (it has a place in a response) */
const ANTHROPIC_USAGE = new Set([
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
  'output_tokens_details',
  'service_tier',
]);

/** `null`, `0`, `false`, `''`, `{}`, `[]` or an object of only such values */
function carriesNothing(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!isRecord(v)) return false;
  for (const k in v) if (!carriesNothing(v[k])) return false;
  return true;
}

/** Losses of an OpenAI `CompletionUsage` translated to Anthropic usage. */
export function reportOpenAIUsageLosses(usage: JsonObject, path: string, report: Report): void {
  for (const key in usage) {
    const v = usage[key];
    if (!OPENAI_USAGE.has(key)) {
      if (!carriesNothing(v)) report(`${path}.${key}`, `usage field ${key} has no Anthropic equivalent`);
      continue;
    }
    const carried = OPENAI_CARRIED_DETAILS[key];
    if (carried === undefined || !isRecord(v)) continue;
    for (const d in v) {
      if (!carried.has(d) && !carriesNothing(v[d]))
        report(`${path}.${key}.${d}`, `usage detail ${d} has no Anthropic equivalent`);
    }
  }
  // a total without its parts (some OpenAI-compatible servers) cannot be split into input and output
  if (
    usage.prompt_tokens === undefined &&
    usage.completion_tokens === undefined &&
    !carriesNothing(usage.total_tokens)
  ) {
    report(
      `${path}.total_tokens`,
      'total_tokens without prompt_tokens / completion_tokens cannot be split into input and output tokens',
    );
  }
}

/**
 * Losses of an Anthropic `Usage` / `MessageDeltaUsage` translated to OpenAI usage: the cache-write TTL split
 * (`cache_creation`, its total is carried), server tool request counts, and unknown fields.
 */
export function reportAnthropicUsageLosses(usage: JsonObject, path: string, report: Report): void {
  for (const key in usage) {
    if (ANTHROPIC_USAGE.has(key) || carriesNothing(usage[key]) || (key === 'speed' && usage[key] === 'standard'))
      continue;
    const reason =
      key === 'cache_creation'
        ? 'the cache-write split by TTL has no OpenAI equivalent (its total is in prompt_tokens_details.cache_write_tokens)'
        : key === 'server_tool_use'
          ? 'server tool request counts have no OpenAI equivalent'
          : `usage field ${key} has no OpenAI equivalent`;
    report(`${path}.${key}`, reason);
  }
}
