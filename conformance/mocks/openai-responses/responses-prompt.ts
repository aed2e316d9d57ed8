import { isRecord } from '../../../src/core/narrow.js';
import type { ScriptPrompt } from '../../scripted-model/script.js';
import { responsesAgentView } from '../agent-views.js';

type Json = Record<string, unknown>;

/** A content's text: the string, or its text parts (`input_text`, `output_text`, `refusal`) joined with "\n". */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const p of content) {
    if (!isRecord(p)) continue;
    if ((p.type === 'input_text' || p.type === 'output_text') && typeof p.text === 'string') texts.push(p.text);
    else if (p.type === 'refusal' && typeof p.refusal === 'string') texts.push(p.refusal);
  }
  return texts.join('\n');
}

function items(body: Json): Json[] {
  if (typeof body.input === 'string') return [{ role: 'user', content: body.input }];
  return Array.isArray(body.input) ? body.input.filter(isRecord) : [];
}

const isOutput = (i: Json) => i.type === 'function_call_output' || i.type === 'custom_tool_call_output';
const isMessage = (i: Json) => i.type === undefined || i.type === 'message';

/** The trailing tool outputs joined with "\n"; otherwise the last user message's text. */
function lastUserText(list: readonly Json[]): string {
  const results: string[] = [];
  for (let i = list.length - 1; i >= 0 && isOutput(list[i]!); i--) results.unshift(contentText(list[i]!.output));
  if (results.length > 0) return results.join('\n');
  for (let i = list.length - 1; i >= 0; i--) {
    const m = list[i]!;
    if (isMessage(m) && m.role === 'user') return contentText(m.content);
  }
  return '';
}

/** Arguments re-serialised like Anthropic inputs are, so both formats count the same tokens. */
function argumentsText(args: unknown): string {
  if (typeof args !== 'string') return '{}';
  try {
    return JSON.stringify(JSON.parse(args));
  } catch {
    return args;
  }
}

function functionTools(tools: unknown): Array<{ name: string; inputSchema: unknown }> {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter((t): t is Json => isRecord(t) && t.type === 'function' && typeof t.name === 'string')
    .map((t) => ({ name: t.name as string, inputSchema: t.parameters }));
}

function forcedTool(body: Json): ScriptPrompt['forcedTool'] {
  const tools = functionTools(body.tools);
  const choice = body.tool_choice;
  if (choice === 'required') return tools[0];
  if (!isRecord(choice)) return undefined;
  if (choice.type === 'function') return tools.find((t) => t.name === choice.name);
  if (choice.type === 'allowed_tools' && choice.mode === 'required' && Array.isArray(choice.tools)) {
    const names = choice.tools.map((t) => (isRecord(t) ? t.name : undefined));
    return tools.find((t) => names.includes(t.name));
  }
  return undefined;
}

/** Reasoning was asked for: a `reasoning` object with an effort other than `none`, or a summary. */
export function asksForReasoning(body: Json): boolean {
  const r = body.reasoning;
  if (!isRecord(r)) return false;
  if (typeof r.effort === 'string') return r.effort !== 'none';
  return typeof (r.summary ?? r.generate_summary) === 'string';
}

/** An OpenAI Responses body as the scripted model's prompt. */
export function responsesPrompt(body: Json): ScriptPrompt {
  const list = items(body);
  const inputTexts: string[] = [];
  if (typeof body.instructions === 'string' && body.instructions !== '') inputTexts.push(body.instructions);
  for (const i of list) {
    let t = '';
    if (isMessage(i)) t = contentText(i.content);
    else if (i.type === 'function_call') t = argumentsText(i.arguments);
    else if (i.type === 'custom_tool_call') t = typeof i.input === 'string' ? i.input : '';
    else if (isOutput(i)) t = contentText(i.output);
    if (t !== '') inputTexts.push(t);
  }
  return {
    lastUserText: lastUserText(list),
    inputTexts,
    maxTokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : undefined,
    stopSequences: [],
    thinking: asksForReasoning(body),
    forcedTool: forcedTool(body),
    agent: responsesAgentView(body, asksForReasoning(body)),
  };
}
