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
    text: content
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join(''),
    thinking: content
      .filter((b) => b.type === 'thinking')
      .map((b) => ({ thinking: b.thinking, signature: b.signature })),
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

/**
 * Gemini `GenerateContentResponse` -> its meaning (candidate 0): non-thought text concatenated, thought runs
 * (consecutive thought parts) with their last signature, signatures on non-thought parts, function calls, finish
 * reason and message, usage with absent counts as 0.
 */
export function projectGeminiResponse(r: unknown): Json {
  if (!isRecord(r)) return { invalid: r };
  const candidate = Array.isArray(r.candidates) && isRecord(r.candidates[0]) ? r.candidates[0] : {};
  const content = isRecord(candidate.content) ? candidate.content : {};
  const parts = Array.isArray(content.parts) ? content.parts.filter(isRecord) : [];
  const thinking: { text: string; signature: unknown }[] = [];
  const anchoredSignatures: unknown[] = [];
  let inThought = false;
  for (const p of parts) {
    const thought = p.thought === true && typeof p.text === 'string';
    if (thought) {
      if (!inThought) thinking.push({ text: '', signature: undefined });
      const run = thinking.at(-1)!;
      run.text += String(p.text);
      if (p.thoughtSignature !== undefined) run.signature = p.thoughtSignature;
    } else if (p.thoughtSignature !== undefined) {
      anchoredSignatures.push(p.thoughtSignature);
    }
    inThought = thought;
  }
  const u = isRecord(r.usageMetadata) ? r.usageMetadata : {};
  return {
    responseId: r.responseId,
    modelVersion: r.modelVersion,
    text: parts
      .filter((p) => typeof p.text === 'string' && p.thought !== true)
      .map((p) => p.text)
      .join(''),
    thinking,
    anchoredSignatures,
    tools: parts
      .filter((p) => isRecord(p.functionCall))
      .map((p) => {
        const f = p.functionCall as Json;
        return { id: f.id, name: f.name, args: f.args ?? {} };
      }),
    finishReason: candidate.finishReason,
    finishMessage: candidate.finishMessage,
    usage: {
      promptTokenCount: n(u.promptTokenCount),
      candidatesTokenCount: n(u.candidatesTokenCount),
      thoughtsTokenCount: n(u.thoughtsTokenCount),
      cachedContentTokenCount: n(u.cachedContentTokenCount),
      totalTokenCount: n(u.totalTokenCount),
    },
  };
}

/** Converse response -> its meaning: text concatenated, reasoning blocks with signatures, tool uses, stop reason, usage with absent cache counts as 0. */
export function projectConverseResponse(r: unknown): Json {
  if (!isRecord(r)) return { invalid: r };
  const output = isRecord(r.output) ? r.output : {};
  const message = isRecord(output.message) ? output.message : {};
  const content = Array.isArray(message.content) ? message.content.filter(isRecord) : [];
  const u = isRecord(r.usage) ? r.usage : {};
  return {
    text: content
      .filter((b) => typeof b.text === 'string')
      .map((b) => b.text)
      .join(''),
    thinking: content
      .filter((b) => isRecord(b.reasoningContent))
      .map((b) => {
        const rc = b.reasoningContent as Json;
        const rt = isRecord(rc.reasoningText) ? rc.reasoningText : {};
        return rc.redactedContent !== undefined
          ? { redacted: rc.redactedContent }
          : { text: rt.text, signature: rt.signature };
      }),
    tools: content
      .filter((b) => isRecord(b.toolUse))
      .map((b) => {
        const t = b.toolUse as Json;
        return { id: t.toolUseId, name: t.name, input: t.input };
      }),
    stopReason: r.stopReason,
    usage: {
      inputTokens: n(u.inputTokens),
      outputTokens: n(u.outputTokens),
      totalTokens: n(u.totalTokens),
      cacheReadInputTokens: n(u.cacheReadInputTokens),
      cacheWriteInputTokens: n(u.cacheWriteInputTokens),
    },
  };
}

/**
 * Responses `response` -> its meaning: all `output_text` concatenated, reasoning items (summary text and
 * `encrypted_content`), function calls with parsed arguments, status and incomplete reason, usage totals.
 */
export function projectResponsesResponse(r: unknown): Json {
  if (!isRecord(r)) return { invalid: r };
  const items = Array.isArray(r.output) ? r.output.filter(isRecord) : [];
  const u = isRecord(r.usage) ? r.usage : undefined;
  const d = u && isRecord(u.input_tokens_details) ? u.input_tokens_details : {};
  return {
    id: r.id,
    model: r.model,
    text: items
      .filter((i) => i.type === 'message')
      .flatMap((i) => (Array.isArray(i.content) ? i.content.filter(isRecord) : []))
      .filter((p) => p.type === 'output_text')
      .map((p) => p.text)
      .join(''),
    thinking: items
      .filter((i) => i.type === 'reasoning')
      .map((i) => ({
        thinking: (Array.isArray(i.summary) ? i.summary.filter(isRecord) : []).map((p) => p.text).join('\n\n'),
        signature: i.encrypted_content ?? null,
      })),
    tools: items
      .filter((i) => i.type === 'function_call')
      .map((i) => ({ id: i.call_id, name: i.name, input: parseArgs(i.arguments) })),
    status: r.status,
    incomplete_reason: isRecord(r.incomplete_details) ? r.incomplete_details.reason : null,
    usage: u && {
      input_tokens: n(u.input_tokens),
      output_tokens: n(u.output_tokens),
      total_tokens: n(u.total_tokens),
      cached_tokens: n(d.cached_tokens),
    },
  };
}
