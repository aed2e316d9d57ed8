import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';

/** The totals every format's usage can be compared on (docs/wire-formats.md#cross-walk-usage, "Usage"). */
export interface UsageTotals {
  /** every prompt token: uncached input, cache reads and cache writes */
  prompt: number;
  /** every output token, thoughts included */
  output: number;
  /** cache reads (0 when absent) */
  read: number;
  /** cache writes, for the formats that count them apart (Anthropic grammar, Converse) */
  write?: number;
  /** the format's own total, for the formats that have one */
  total?: number;
}

/** The formats whose usage counts cache writes apart from other input. */
export const COUNTS_CACHE_WRITES: ReadonlySet<FormatId> = new Set([
  'anthropic-messages',
  'bedrock-invoke',
  'vertex-anthropic',
  'bedrock-converse',
  'openai-responses',
]);

function n(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** Read the usage of a (non-stream, or folded) response of `format`. */
export function usageTotals(format: FormatId, body: unknown): UsageTotals {
  const b = isRecord(body) ? body : {};
  const u = isRecord(b.usage) ? b.usage : {};
  switch (format) {
    case 'openai-chat': {
      const details = isRecord(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
      return {
        prompt: n(u.prompt_tokens),
        output: n(u.completion_tokens),
        read: n(details.cached_tokens),
        total: n(u.total_tokens),
      };
    }
    case 'openai-responses': {
      const details = isRecord(u.input_tokens_details) ? u.input_tokens_details : {};
      const read = n(details.cached_tokens);
      const write = n(details.cache_write_tokens);
      return { prompt: n(u.input_tokens), output: n(u.output_tokens), read, write, total: n(u.total_tokens) };
    }
    case 'gemini': {
      const m = isRecord(b.usageMetadata) ? b.usageMetadata : {};
      return {
        prompt: n(m.promptTokenCount),
        output: n(m.candidatesTokenCount) + n(m.thoughtsTokenCount),
        read: n(m.cachedContentTokenCount),
        total: n(m.totalTokenCount),
      };
    }
    case 'bedrock-converse': {
      const read = n(u.cacheReadInputTokens);
      const write = n(u.cacheWriteInputTokens);
      return {
        prompt: n(u.inputTokens) + read + write,
        output: n(u.outputTokens),
        read,
        write,
        total: n(u.totalTokens),
      };
    }
    default: {
      const read = n(u.cache_read_input_tokens);
      const write = n(u.cache_creation_input_tokens);
      return { prompt: n(u.input_tokens) + read + write, output: n(u.output_tokens), read, write };
    }
  }
}
