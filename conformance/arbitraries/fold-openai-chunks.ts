import { isRecord } from '../../src/core/narrow.js';
import type { Folded } from './fold-anthropic-events.js';

/**
 * Fold an OpenAI chunk sequence into the `chat.completion` it describes (choice 0 only), the way the official
 * SDK accumulates it: `content` concatenated (`null` when none), tool calls merged by `index` (arguments
 * concatenated), the last non-null `finish_reason`, and the last non-null `usage`. `reasoning_content`
 * (DeepSeek-style, not OpenAI's) is concatenated into `message.reasoning_content` when present.
 */
export function foldOpenAIChunks(items: readonly unknown[]): Folded<Record<string, unknown>> {
  let head: Record<string, unknown> = {};
  let content: string | null = null;
  let refusal: string | null = null;
  let reasoning: string | undefined;
  const calls: { id?: unknown; type?: unknown; name: string; args: string }[] = [];
  let finish: unknown = null;
  let usage: unknown;
  let error: unknown;
  let complete = false;
  for (const item of items) {
    if (item === '[DONE]') {
      complete = true;
      continue;
    }
    if (!isRecord(item)) continue;
    if ('error' in item) {
      error = item.error;
      continue;
    }
    if (head.id === undefined) head = { id: item.id, created: item.created, model: item.model };
    if (item.usage !== null && item.usage !== undefined) usage = item.usage;
    const choices = Array.isArray(item.choices) ? item.choices : [];
    for (const c of choices) {
      if (!isRecord(c) || c.index !== 0) continue;
      if (c.finish_reason !== null && c.finish_reason !== undefined) finish = c.finish_reason;
      const d = isRecord(c.delta) ? c.delta : {};
      if (typeof d.content === 'string') content = (content ?? '') + d.content;
      if (typeof d.refusal === 'string') refusal = (refusal ?? '') + d.refusal;
      if (typeof d.reasoning_content === 'string') reasoning = (reasoning ?? '') + d.reasoning_content;
      for (const tc of Array.isArray(d.tool_calls) ? d.tool_calls : []) {
        if (!isRecord(tc) || typeof tc.index !== 'number') continue;
        const call = calls[tc.index] ?? { name: '', args: '' };
        calls[tc.index] = call;
        if (tc.id !== undefined) call.id = tc.id;
        if (tc.type !== undefined) call.type = tc.type;
        const f = isRecord(tc.function) ? tc.function : {};
        if (typeof f.name === 'string') call.name += f.name;
        if (typeof f.arguments === 'string') call.args += f.arguments;
      }
    }
  }
  const message: Record<string, unknown> = { role: 'assistant', content, refusal };
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  const toolCalls = calls
    .filter((c) => c !== undefined)
    .map((c) => ({ id: c.id, type: c.type ?? 'function', function: { name: c.name, arguments: c.args } }));
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const completion: Record<string, unknown> = {
    id: head.id,
    object: 'chat.completion',
    created: head.created,
    model: head.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
  };
  if (usage !== undefined) completion.usage = usage;
  return { message: completion, error, complete };
}
