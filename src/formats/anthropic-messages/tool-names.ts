import { isRecord } from '../../core/narrow.js';

/** Every tool name an Anthropic request mentions: tool definitions, tool_choice, tool_use blocks. */
export function collectAnthropicToolNames(body: Record<string, unknown>): string[] {
  const names: string[] = [];
  if (Array.isArray(body.tools))
    for (const t of body.tools) if (isRecord(t) && typeof t.name === 'string') names.push(t.name);
  if (isRecord(body.tool_choice) && typeof body.tool_choice.name === 'string') names.push(body.tool_choice.name);
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isRecord(m) || !Array.isArray(m.content)) continue;
      for (const b of m.content)
        if (isRecord(b) && b.type === 'tool_use' && typeof b.name === 'string') names.push(b.name);
    }
  }
  return names;
}
