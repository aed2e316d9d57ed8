import { isRecord } from '../../src/core/narrow.js';
/**
 * What "the same response" means across a stream and a non-stream translation: the projection both are
 * compared on (documented in docs/conformance-suite.md, "Stream equals non-stream").
 */

type Json = Record<string, unknown>;

function n(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/**
 * Anthropic `Message` -> its meaning: all text concatenated (a stream may split text around tool calls where
 * the non-stream form cannot), thinking blocks, tool calls with parsed input, stop reason and sequence,
 * usage with absent cache counts as 0.
 */
export function projectAnthropicMessage(m: unknown): Json {
  if (!isRecord(m)) return { invalid: m };
  const content = Array.isArray(m.content) ? m.content.filter(isRecord) : [];
  const u = isRecord(m.usage) ? m.usage : {};
  return {
    id: m.id,
    model: m.model,
    text: content.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    thinking: content.filter((b) => b.type === 'thinking').map((b) => ({ thinking: b.thinking, signature: b.signature })),
    tools: content.filter((b) => b.type === 'tool_use').map((b) => ({ id: b.id, name: b.name, input: b.input })),
    stop_reason: m.stop_reason,
    stop_sequence: m.stop_sequence ?? null,
    usage: {
      input_tokens: n(u.input_tokens),
      output_tokens: n(u.output_tokens),
      cache_creation_input_tokens: n(u.cache_creation_input_tokens),
      cache_read_input_tokens: n(u.cache_read_input_tokens),
    },
  };
}

function parseArgs(s: unknown): unknown {
  if (typeof s !== 'string') return s;
  try {
    return JSON.parse(s === '' ? '{}' : s);
  } catch {
    return { unparsable: s };
  }
}

/** OpenAI `chat.completion` -> its meaning: choice 0's text (`null` ≡ `""`), tool calls with parsed arguments, finish reason, usage totals. */
export function projectOpenAICompletion(c: unknown): Json {
  if (!isRecord(c)) return { invalid: c };
  const choice = Array.isArray(c.choices) && isRecord(c.choices[0]) ? c.choices[0] : {};
  const msg = isRecord(choice.message) ? choice.message : {};
  const calls = Array.isArray(msg.tool_calls) ? msg.tool_calls.filter(isRecord) : [];
  const u = isRecord(c.usage) ? c.usage : undefined;
  const pd = u && isRecord(u.prompt_tokens_details) ? u.prompt_tokens_details : {};
  return {
    id: c.id,
    model: c.model,
    text: typeof msg.content === 'string' ? msg.content : '',
    tools: calls.map((t) => {
      const f = isRecord(t.function) ? t.function : {};
      return { id: t.id, name: f.name, input: parseArgs(f.arguments) };
    }),
    finish_reason: choice.finish_reason,
    usage: u && {
      prompt_tokens: n(u.prompt_tokens),
      completion_tokens: n(u.completion_tokens),
      total_tokens: n(u.total_tokens),
      cached_tokens: n(pd.cached_tokens),
    },
  };
}
