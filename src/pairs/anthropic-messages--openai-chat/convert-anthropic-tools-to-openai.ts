import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireString } from '../../core/require.js';
import {
  anthropicToolChoiceToOpenAI,
  type OpenAIToolChoice,
} from '../../formats/openai-chat/anthropic-request-fields.js';
import type { ToolNamer } from './map-tool-names.js';

/**
 * Anthropic `tools` / `tool_choice` -> Chat `tools` / `tool_choice` / `parallel_tool_calls`.
 * Client tools (`{name, input_schema, description?, strict?}`, `type` absent or `custom`) become
 * function tools; server tools (`web_search_20250305`, ...) have no Chat form and are losses.
 */

const TOOL_KEYS = new Set(['type', 'name', 'description', 'input_schema', 'strict', 'cache_control']);

export function convertAnthropicToolsToOpenAI(
  tools: unknown,
  names: ToolNamer,
  losses: LossCollector,
): JsonObject[] | undefined {
  if (!Array.isArray(tools)) throw new TranslationError('invalid_input', 'tools must be an array', { path: 'tools' });
  const out: JsonObject[] = [];
  for (let i = 0; i < tools.length; i++) {
    const t: unknown = tools[i];
    const p = childPath('tools', i);
    if (!isRecord(t)) throw new TranslationError('invalid_input', 'tool must be an object', { path: p });
    if (t.type !== undefined && t.type !== 'custom') {
      losses.add(p, `server tool ${JSON.stringify(t.type)} has no Chat Completions equivalent`);
      continue;
    }
    losses.unknownKeys(t, TOOL_KEYS, p);
    const fn: JsonObject = { name: names.toTarget(requireString(t.name, p, 'name')) };
    if (typeof t.description === 'string') fn.description = t.description;
    if (!isRecord(t.input_schema))
      throw new TranslationError('invalid_input', 'input_schema must be an object', {
        path: childPath(p, 'input_schema'),
      });
    fn.parameters = t.input_schema;
    if (typeof t.strict === 'boolean') fn.strict = t.strict;
    const tool: JsonObject = { type: 'function', function: fn };
    if (t.cache_control !== undefined && t.cache_control !== null) tool.cache_control = t.cache_control;
    out.push(tool);
  }
  return out.length > 0 ? out : undefined;
}

export function convertAnthropicToolChoiceToOpenAI(
  choice: unknown,
  names: ToolNamer,
  losses: LossCollector,
): OpenAIToolChoice {
  return anthropicToolChoiceToOpenAI(
    choice,
    (name) => ({ type: 'function', function: { name: names.toTarget(name) } }),
    losses,
  );
}
