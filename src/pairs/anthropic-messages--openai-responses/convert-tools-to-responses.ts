import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import type { StableToolNamer } from '../../core/stable-tool-name.js';
import {
  anthropicToolChoiceToOpenAI,
  type OpenAIToolChoice,
} from '../../formats/openai-chat/anthropic-request-fields.js';

/**
 * Anthropic `tools` / `tool_choice` -> Responses `tools` / `tool_choice` / `parallel_tool_calls`.
 * Client tools -> flat function tools (`strict` always written: Responses tries strict validation when it is
 * left out, Anthropic tools are not strict unless they say so). The `web_search` server tool -> Responses
 * `web_search`; other server tools have no Responses form: losses.
 */

const TOOL_KEYS = new Set(['type', 'name', 'description', 'input_schema', 'strict', 'cache_control', 'defer_loading']);
const WEB_SEARCH_KEYS = new Set([
  'type',
  'name',
  'allowed_domains',
  'blocked_domains',
  'user_location',
  'max_uses',
  'cache_control',
]);

function webSearch(t: JsonObject, p: JsonPath, losses: LossCollector): JsonObject {
  losses.unknownKeys(t, WEB_SEARCH_KEYS, p);
  const out: JsonObject = { type: 'web_search' };
  if (Array.isArray(t.allowed_domains) && t.allowed_domains.length > 0)
    out.filters = { allowed_domains: t.allowed_domains };
  if (Array.isArray(t.blocked_domains) && t.blocked_domains.length > 0)
    losses.add(childPath(p, 'blocked_domains'), 'Responses web search has no blocked domains');
  if (t.max_uses !== undefined && t.max_uses !== null)
    losses.add(childPath(p, 'max_uses'), 'Responses web search has no per-tool use limit');
  if (t.cache_control !== undefined && t.cache_control !== null)
    losses.add(childPath(p, 'cache_control'), 'cache_control on tools has no Responses equivalent');
  if (isRecord(t.user_location)) {
    const loc: JsonObject = { type: 'approximate' };
    for (const k of ['city', 'region', 'country', 'timezone'])
      if (typeof t.user_location[k] === 'string') loc[k] = t.user_location[k];
    out.user_location = loc;
  }
  return out;
}

export function convertToolsToResponses(
  tools: unknown,
  names: StableToolNamer,
  losses: LossCollector,
): JsonObject[] | undefined {
  if (!Array.isArray(tools)) throw invalid('tools must be an array', 'tools');
  const out: JsonObject[] = [];
  tools.forEach((t, i) => {
    const p = childPath('tools', i);
    if (!isRecord(t)) throw invalid('tool must be an object', p);
    if (typeof t.type === 'string' && t.type.startsWith('web_search_')) {
      out.push(webSearch(t, p, losses));
      return;
    }
    if (t.type !== undefined && t.type !== null && t.type !== 'custom') {
      losses.add(p, `server tool ${JSON.stringify(t.type)} has no Responses equivalent`);
      return;
    }
    losses.unknownKeys(t, TOOL_KEYS, p);
    if (t.cache_control !== undefined && t.cache_control !== null)
      losses.add(childPath(p, 'cache_control'), 'cache_control on tools has no Responses equivalent');
    if (!isRecord(t.input_schema)) throw invalid('input_schema must be an object', childPath(p, 'input_schema'));
    const tool: JsonObject = { type: 'function', name: names.toTarget(requireString(t.name, p, 'name')) };
    if (typeof t.description === 'string') tool.description = t.description;
    tool.parameters = t.input_schema;
    tool.strict = t.strict === true;
    if (typeof t.defer_loading === 'boolean') tool.defer_loading = t.defer_loading;
    out.push(tool);
  });
  return out.length > 0 ? out : undefined;
}

export function convertToolChoiceToResponses(
  choice: unknown,
  names: StableToolNamer,
  webSearchTool: boolean,
  losses: LossCollector,
): OpenAIToolChoice {
  return anthropicToolChoiceToOpenAI(
    choice,
    (name) =>
      name === 'web_search' && webSearchTool
        ? { type: 'allowed_tools', mode: 'required', tools: [{ type: 'web_search' }] }
        : { type: 'function', name: names.toTarget(name) },
    losses,
  );
}
