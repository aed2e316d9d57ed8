import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * The Anthropic usage fields a target format's usage cannot carry, reported as losses (docs/streaming.md, "Loss
 * policy"), for every format whose usage has prompt, output, cache-read, cache-write and reasoning counts and a
 * service tier (OpenAI Chat Completions and Responses). A field is dropped in silence only when it carries nothing.
 */

type Report = (path: string, reason: string) => void;

/** Anthropic usage keys such a target carries; `service_tier` is left to the caller (it has a place in a response). */
const CARRIED = new Set([
  'input_tokens',
  'output_tokens',
  'cache_creation_input_tokens',
  'cache_read_input_tokens',
  'output_tokens_details',
  'service_tier',
]);

/** `null`, `0`, `false`, `''`, `{}`, `[]` or an object of only such values */
export function carriesNothing(v: unknown): boolean {
  if (v === null || v === undefined || v === 0 || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (!isRecord(v)) return false;
  for (const k in v) if (!carriesNothing(v[k])) return false;
  return true;
}

/**
 * Losses of an Anthropic `Usage` / `MessageDeltaUsage` translated to `target`'s usage (named, with the field that
 * holds the cache writes): the cache-write split by TTL (its total is carried), server tool request counts, and
 * unknown fields.
 */
export function reportAnthropicUsageLosses(
  usage: JsonObject,
  path: string,
  report: Report,
  /** `carries`: further keys the target carries (an extension of its usage) */
  target: { name: string; cacheWrites: string; carries?: ReadonlySet<string> },
): void {
  for (const key in usage) {
    if (
      CARRIED.has(key) ||
      target.carries?.has(key) ||
      carriesNothing(usage[key]) ||
      (key === 'speed' && usage[key] === 'standard')
    )
      continue;
    const reason =
      key === 'cache_creation'
        ? `the cache-write split by TTL has no ${target.name} equivalent (its total is in ${target.cacheWrites})`
        : key === 'server_tool_use'
          ? `server tool request counts have no ${target.name} equivalent`
          : `usage field ${key} has no ${target.name} equivalent`;
    report(`${path}.${key}`, reason);
  }
}
