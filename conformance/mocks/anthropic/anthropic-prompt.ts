import { isRecord } from '../../../src/core/narrow.js';
import type { ScriptPrompt } from '../../scripted-model/script.js';
import { anthropicAgentView } from '../agent-views.js';

/** The text of a `tool_result` content (string or text blocks). */
function toolResultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter((b): b is Record<string, unknown> => isRecord(b) && b.type === 'text' && typeof b.text === 'string')
    .map((b) => b.text)
    .join('\n');
}

/** Texts of one message's content, in order: text blocks, tool_use input JSON, tool results. */
function contentTexts(content: unknown, out: string[]): void {
  if (typeof content === 'string') {
    out.push(content);
    return;
  }
  if (!Array.isArray(content)) return;
  for (const block of content) {
    if (!isRecord(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') out.push(block.text);
    else if (block.type === 'tool_use') out.push(JSON.stringify(block.input ?? {}));
    else if (block.type === 'tool_result') out.push(toolResultText(block.content));
  }
}

/** The blocks of a message content (a string is one text block). */
function blocksOf(content: unknown): Array<Record<string, unknown>> {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

/**
 * The last user turn's text blocks joined with "\n" (consecutive user messages form one turn, as the API merges
 * them); its tool results' text when it has no text block.
 */
function lastUserText(messages: readonly unknown[]): string {
  let end = messages.length - 1;
  while (end >= 0 && !(isRecord(messages[end]) && (messages[end] as Record<string, unknown>).role === 'user')) end--;
  let start = end;
  while (start > 0 && isRecord(messages[start - 1]) && (messages[start - 1] as Record<string, unknown>).role === 'user')
    start--;
  const blocks = messages.slice(start, end + 1).flatMap((m) => (isRecord(m) ? blocksOf(m.content) : []));
  const texts = blocks.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => String(b.text));
  if (texts.length > 0) return texts.join('\n');
  return blocks
    .filter((b) => b.type === 'tool_result')
    .map((b) => toolResultText(b.content))
    .join('\n');
}

function forcedTool(body: Record<string, unknown>): ScriptPrompt['forcedTool'] {
  const choice = body.tool_choice;
  if (!isRecord(choice) || !Array.isArray(body.tools)) return undefined;
  const clientTools = body.tools.filter(
    (t): t is Record<string, unknown> => isRecord(t) && typeof t.name === 'string' && t.input_schema !== undefined,
  );
  const tool =
    choice.type === 'tool'
      ? clientTools.find((t) => t.name === choice.name)
      : choice.type === 'any'
        ? clientTools[0]
        : undefined;
  return tool ? { name: String(tool.name), inputSchema: tool.input_schema } : undefined;
}

/** An Anthropic Messages (or count_tokens) body as the scripted model's prompt. */
export function anthropicPrompt(body: Record<string, unknown>): ScriptPrompt {
  const inputTexts: string[] = [];
  if (typeof body.system === 'string') inputTexts.push(body.system);
  else contentTexts(body.system, inputTexts);
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (const m of messages) if (isRecord(m)) contentTexts(m.content, inputTexts);
  const thinking = body.thinking;
  return {
    lastUserText: lastUserText(messages),
    inputTexts,
    maxTokens: typeof body.max_tokens === 'number' ? body.max_tokens : undefined,
    stopSequences: Array.isArray(body.stop_sequences)
      ? body.stop_sequences.filter((s): s is string => typeof s === 'string')
      : [],
    thinking: isRecord(thinking) && (thinking.type === 'enabled' || thinking.type === 'adaptive'),
    forcedTool: forcedTool(body),
    agent: anthropicAgentView(body),
  };
}
