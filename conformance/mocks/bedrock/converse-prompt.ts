import { isRecord } from '../../../src/core/narrow.js';
import type { ScriptPrompt } from '../../scripted-model/script.js';
import { converseAgentView } from '../agent-views.js';

function blockTexts(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const out: string[] = [];
  for (const b of blocks) {
    if (!isRecord(b)) continue;
    if (typeof b.text === 'string') out.push(b.text);
    else if (isRecord(b.toolUse)) out.push(JSON.stringify(b.toolUse.input ?? {}));
    else if (isRecord(b.toolResult)) out.push(...blockTexts(b.toolResult.content));
  }
  return out;
}

/** What the scripted model reads from a Converse body. */
export function conversePrompt(body: Record<string, unknown>): ScriptPrompt {
  const messages = Array.isArray(body.messages) ? body.messages.filter(isRecord) : [];
  const inputTexts = [...blockTexts(body.system)];
  for (const m of messages) inputTexts.push(...blockTexts(m.content));
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  const ic = isRecord(body.inferenceConfig) ? body.inferenceConfig : {};
  const extra = isRecord(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {};
  const tc = isRecord(body.toolConfig) ? body.toolConfig : {};
  const tools = Array.isArray(tc.tools)
    ? tc.tools.filter((t): t is Record<string, Record<string, unknown>> => isRecord(t) && isRecord(t.toolSpec))
    : [];
  const choice = isRecord(tc.toolChoice) ? tc.toolChoice : {};
  const forced = isRecord(choice.tool)
    ? tools.find((t) => t.toolSpec!.name === (choice.tool as Record<string, unknown>).name)
    : isRecord(choice.any)
      ? tools[0]
      : undefined;
  const userTexts = lastUser
    ? Array.isArray(lastUser.content)
      ? lastUser.content
          .filter((b) => isRecord(b) && typeof b.text === 'string')
          .map((b) => (b as { text: string }).text)
      : []
    : [];
  return {
    lastUserText: userTexts.length > 0 ? userTexts.join('\n') : lastUser ? blockTexts(lastUser.content).join('\n') : '',
    inputTexts,
    maxTokens: typeof ic.maxTokens === 'number' ? ic.maxTokens : undefined,
    stopSequences: Array.isArray(ic.stopSequences)
      ? ic.stopSequences.filter((s): s is string => typeof s === 'string')
      : [],
    thinking: isRecord(extra.thinking) && extra.thinking.type === 'enabled',
    forcedTool: forced
      ? {
          name: String(forced.toolSpec!.name),
          inputSchema: isRecord(forced.toolSpec!.inputSchema) ? forced.toolSpec!.inputSchema.json : undefined,
        }
      : undefined,
    agent: converseAgentView(body),
  };
}
