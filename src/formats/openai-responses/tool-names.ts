import { isRecord } from '../../core/narrow.js';

/**
 * Every tool name a Responses request mentions: function and custom tools (namespace members as
 * `<namespace><separator><name>`), the tools of `additional_tools` input items, `tool_choice`, and the calls in
 * `input`.
 */
export function collectResponsesToolNames(body: Record<string, unknown>, separator: string): string[] {
  const names: string[] = [];
  const qualified = (name: unknown, namespace: unknown): void => {
    if (typeof name !== 'string') return;
    names.push(typeof namespace === 'string' ? `${namespace}${separator}${name}` : name);
  };
  const tools = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const t of list) {
      if (!isRecord(t)) continue;
      if (t.type === 'namespace' && Array.isArray(t.tools)) {
        for (const m of t.tools) if (isRecord(m)) qualified(m.name, t.name);
      } else if (t.type === 'function' || t.type === 'custom') qualified(t.name, undefined);
    }
  };
  tools(body.tools);
  const tc = body.tool_choice;
  if (isRecord(tc) && (tc.type === 'function' || tc.type === 'custom')) qualified(tc.name, undefined);
  if (Array.isArray(body.input)) {
    for (const item of body.input) {
      if (!isRecord(item)) continue;
      if (item.type === 'function_call' || item.type === 'custom_tool_call') qualified(item.name, item.namespace);
      else if (item.type === 'additional_tools') tools(item.tools);
    }
  }
  return names;
}
