import type { JsonObject } from '../../core/narrow.js';
import {
  carriesNothing,
  reportAnthropicUsageLosses as reportAnthropicUsage,
} from '../../formats/anthropic-messages/usage-losses.js';
import { openaiUsageLossReporter } from '../../formats/openai-chat/usage.js';
import { CHAT_USAGE_NAMES } from './map-usage.js';

/**
 * The usage fields that map-usage.ts cannot carry, reported as losses (docs/streaming.md, "Loss policy").
 * A field is dropped in silence only when it carries nothing: `null`, an empty object, a zero count,
 * a `false` flag, a default tier. Anything else that is not translated is reported at `usage.<key>` (or
 * `usage.<details>.<key>`), the same path in the stream and non-stream translations.
 */

type Report = (path: string, reason: string) => void;

/**
 * Beyond the counts map-usage.ts translates: keys that only restate them, DeepSeek's `prompt_cache_hit_tokens` /
 * `prompt_cache_miss_tokens` (`cached_tokens` and the rest of the prompt), and crosswire's usage extension.
 */
const reportChatUsage = openaiUsageLossReporter(CHAT_USAGE_NAMES, [
  'prompt_cache_hit_tokens',
  'prompt_cache_miss_tokens',
  'server_tool_use',
]);

/** Losses of an OpenAI `CompletionUsage` translated to Anthropic usage. */
export function reportOpenAIUsageLosses(usage: JsonObject, path: string, report: Report): void {
  reportChatUsage(usage, path, report);
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

/** Losses of an Anthropic `Usage` / `MessageDeltaUsage` translated to OpenAI usage (formats/anthropic-messages/usage-losses.ts). */
export function reportAnthropicUsageLosses(usage: JsonObject, path: string, report: Report, extensions: boolean): void {
  reportAnthropicUsage(usage, path, report, {
    name: 'OpenAI',
    cacheWrites: 'prompt_tokens_details.cache_write_tokens',
    ...(extensions ? { carries: SERVER_TOOL_USE } : {}),
  });
}

/** what crosswire's usage extension carries */
const SERVER_TOOL_USE: ReadonlySet<string> = new Set(['server_tool_use']);
