import { isRecord } from '../../core/narrow.js';

/** Every tool name a Chat request mentions: function tools, tool_choice, assistant tool_calls. */
export function collectOpenAIToolNames(body: Record<string, unknown>): string[] {
  const names: string[] = [];
  if (Array.isArray(body.tools)) {
    for (const t of body.tools)
      if (isRecord(t) && isRecord(t.function) && typeof t.function.name === 'string') names.push(t.function.name);
  }
  const tc = body.tool_choice;
  if (isRecord(tc) && isRecord(tc.function) && typeof tc.function.name === 'string') names.push(tc.function.name);
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isRecord(m) || !Array.isArray(m.tool_calls)) continue;
      for (const c of m.tool_calls)
        if (isRecord(c) && isRecord(c.function) && typeof c.function.name === 'string') names.push(c.function.name);
    }
  }
  return names;
}
