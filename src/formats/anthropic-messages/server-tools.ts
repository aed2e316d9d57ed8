/**
 * Anthropic-defined tools and the blocks server tools leave in a turn (docs/wire-formats.md#anthropic-server-tools).
 * A tool Anthropic defines is named by a dated `type` and takes a fixed `name`; the two toolsets take no name.
 */

/** every Anthropic-defined tool `type` -> the `name` it takes (`''`: none) */
export const ANTHROPIC_TOOL_TYPES: ReadonlyMap<string, string> = new Map([
  ['web_search_20250305', 'web_search'],
  ['web_search_20260209', 'web_search'],
  ['web_search_20260318', 'web_search'],
  ['web_fetch_20250910', 'web_fetch'],
  ['web_fetch_20260209', 'web_fetch'],
  ['web_fetch_20260309', 'web_fetch'],
  ['web_fetch_20260318', 'web_fetch'],
  ['code_execution_20250522', 'code_execution'],
  ['code_execution_20250825', 'code_execution'],
  ['code_execution_20260120', 'code_execution'],
  ['code_execution_20260521', 'code_execution'],
  ['tool_search_tool_regex_20251119', 'tool_search_tool_regex'],
  ['tool_search_tool_regex', 'tool_search_tool_regex'],
  ['tool_search_tool_bm25_20251119', 'tool_search_tool_bm25'],
  ['tool_search_tool_bm25', 'tool_search_tool_bm25'],
  ['bash_20250124', 'bash'],
  ['memory_20250818', 'memory'],
  ['text_editor_20250124', 'str_replace_editor'],
  ['text_editor_20250429', 'str_replace_based_edit_tool'],
  ['text_editor_20250728', 'str_replace_based_edit_tool'],
  ['browser_toolset_20260801', ''],
  ['computer_toolset_20260801', ''],
]);

/** the `type` used for a tool named without a version: the first version every provider serving Claude knows */
export const DEFAULT_TOOL_TYPE: ReadonlyMap<string, string> = new Map([
  ['web_search', 'web_search_20250305'],
  ['web_fetch', 'web_fetch_20250910'],
  ['code_execution', 'code_execution_20250825'],
  ['tool_search_tool_regex', 'tool_search_tool_regex_20251119'],
  ['tool_search_tool_bm25', 'tool_search_tool_bm25_20251119'],
  ['bash', 'bash_20250124'],
  ['memory', 'memory_20250818'],
  ['str_replace_editor', 'text_editor_20250124'],
  ['str_replace_based_edit_tool', 'text_editor_20250728'],
]);

/** the blocks a server tool leaves in an assistant turn: its call and the result types */
export const SERVER_TOOL_BLOCK_TYPES: ReadonlySet<string> = new Set([
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
]);

export function isServerToolBlockType(type: unknown): boolean {
  return typeof type === 'string' && SERVER_TOOL_BLOCK_TYPES.has(type);
}

/** the web search versions */
export function isWebSearchToolType(type: unknown): boolean {
  return typeof type === 'string' && ANTHROPIC_TOOL_TYPES.get(type) === 'web_search';
}
