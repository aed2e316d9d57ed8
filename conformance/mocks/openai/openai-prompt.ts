import { isRecord } from '../../../src/core/narrow.js';
import type { ScriptPrompt } from '../../scripted-model/script.js';
import { openaiAgentView } from '../agent-views.js';

/** A message content's text: the string, or its text (and refusal) parts joined with "\n". */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (!isRecord(part)) continue;
    if (part.type === 'text' && typeof part.text === 'string') texts.push(part.text);
    else if (part.type === 'refusal' && typeof part.refusal === 'string') texts.push(part.refusal);
  }
  return texts.join('\n');
}

/** Tool-call arguments re-serialised like Anthropic inputs are, so both formats count the same tokens. */
function argumentsText(args: unknown): string {
  if (typeof args !== 'string') return '{}';
  try {
    return JSON.stringify(JSON.parse(args));
  } catch {
    return args;
  }
}

/** The trailing tool messages' contents joined with "\n"; otherwise the last user message's text. */
function lastUserText(messages: readonly unknown[]): string {
  const results: string[] = [];
  for (
    let i = messages.length - 1;
    i >= 0 && isRecord(messages[i]) && (messages[i] as Record<string, unknown>).role === 'tool';
    i--
  ) {
    results.unshift(contentText((messages[i] as Record<string, unknown>).content));
  }
  if (results.length > 0) return results.join('\n');
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isRecord(m) && m.role === 'user') return contentText(m.content);
  }
  return '';
}

function functionTools(tools: unknown): Array<{ name: string; inputSchema: unknown }> {
  if (!Array.isArray(tools)) return [];
  const out: Array<{ name: string; inputSchema: unknown }> = [];
  for (const tool of tools) {
    if (
      isRecord(tool) &&
      tool.type === 'function' &&
      isRecord(tool.function) &&
      typeof tool.function.name === 'string'
    ) {
      out.push({ name: tool.function.name, inputSchema: tool.function.parameters });
    }
  }
  return out;
}

function forcedTool(body: Record<string, unknown>): ScriptPrompt['forcedTool'] {
  const tools = functionTools(body.tools);
  const choice = body.tool_choice;
  if (choice === 'required') return tools[0];
  if (!isRecord(choice)) return undefined;
  if (choice.type === 'function' && isRecord(choice.function)) {
    const name = choice.function.name;
    return tools.find((t) => t.name === name);
  }
  const allowed = choice.allowed_tools;
  if (
    choice.type === 'allowed_tools' &&
    isRecord(allowed) &&
    allowed.mode === 'required' &&
    Array.isArray(allowed.tools)
  ) {
    const names = allowed.tools.map((t) => (isRecord(t) && isRecord(t.function) ? t.function.name : undefined));
    return tools.find((t) => names.includes(t.name));
  }
  return undefined;
}

/** An OpenAI Chat Completions body as the scripted model's prompt. */
export function openaiPrompt(body: Record<string, unknown>): ScriptPrompt {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const inputTexts: string[] = [];
  for (const m of messages) {
    if (!isRecord(m)) continue;
    const text = contentText(m.content);
    if (text !== '') inputTexts.push(text);
    if (Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls)
        if (isRecord(call) && isRecord(call.function)) inputTexts.push(argumentsText(call.function.arguments));
    }
  }
  const max = typeof body.max_completion_tokens === 'number' ? body.max_completion_tokens : body.max_tokens;
  const stop = body.stop;
  return {
    lastUserText: lastUserText(messages),
    inputTexts,
    maxTokens: typeof max === 'number' ? max : undefined,
    stopSequences:
      typeof stop === 'string'
        ? [stop]
        : Array.isArray(stop)
          ? stop.filter((s): s is string => typeof s === 'string')
          : [],
    thinking: typeof body.reasoning_effort === 'string' && body.reasoning_effort !== 'none',
    forcedTool: forcedTool(body),
    agent: openaiAgentView(body),
  };
}
