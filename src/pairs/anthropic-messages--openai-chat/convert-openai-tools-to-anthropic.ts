import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import {
  ANTHROPIC_TOOL_TYPES,
  DEFAULT_TOOL_TYPE,
  isWebSearchToolType,
} from '../../formats/anthropic-messages/server-tools.js';
import { openaiToolChoiceToAnthropic } from '../../formats/openai-chat/anthropic-request-fields.js';
import type { ToolNamer } from './map-tool-names.js';

/**
 * Chat `tools` / `tool_choice` / `parallel_tool_calls` -> Anthropic `tools` / `tool_choice`.
 * Function tools -> client tools (`parameters` -> `input_schema`, default `{type:"object", properties:{}}`;
 * `strict` and the extras `defer_loading`, `allowed_callers`, `input_examples` as they are);
 * Anthropic-defined tools (docs/mappings-anthropic-openai.md#server-tools) in the convention
 * `{type: <tool name>, <tool name>: {name?: <versioned type>, ...options}}` or as raw Anthropic tool objects
 * `{type: <versioned type>, name, ...}`; `web_search_options` -> the web search tool.
 * Custom (free-form / grammar) tools and `allowed_tools` restrictions have no Anthropic form: losses.
 */

const TOOL_KEYS = new Set(['type', 'function', 'cache_control']);
/** the function fields carried: OpenAI's, and the Anthropic client-tool extras a Chat client may add */
const FUNCTION_EXTRAS = ['defer_loading', 'allowed_callers', 'input_examples'] as const;
const FUNCTION_KEYS = new Set(['name', 'description', 'parameters', 'strict', ...FUNCTION_EXTRAS]);

/** An Anthropic-defined tool from a Chat `tools[]` entry whose type is not function/custom; undefined: unknown. */
function anthropicDefinedTool(t: JsonObject, p: string, losses: LossCollector): JsonObject | undefined {
  const type = t.type;
  if (typeof type !== 'string') return undefined;
  const fixedName = ANTHROPIC_TOOL_TYPES.get(type);
  if (fixedName !== undefined) {
    // the raw Anthropic object: sent as it is (Anthropic checks its options)
    if (fixedName !== '' && t.name !== undefined && t.name !== fixedName)
      throw new TranslationError('invalid_input', `tool type ${type} is named ${JSON.stringify(fixedName)}`, {
        path: childPath(p, 'name'),
      });
    return fixedName === '' ? { ...t } : { ...t, name: fixedName };
  }
  const defaultType = DEFAULT_TOOL_TYPE.get(type);
  if (defaultType === undefined) return undefined;
  // the convention: the Chat `type` is the Anthropic tool name, its options under a key of that name
  const op = childPath(p, type);
  const opts = t[type];
  if (opts !== undefined && opts !== null && !isRecord(opts))
    throw new TranslationError('invalid_input', `${type} options must be an object`, { path: op });
  for (const key in t)
    if (key !== 'type' && key !== type && key !== 'cache_control' && Object.hasOwn(t, key))
      losses.add(childPath(p, key), 'field not supported by the target format');
  const { name: version, ...rest } = isRecord(opts) ? opts : {};
  if (version !== undefined && (typeof version !== 'string' || ANTHROPIC_TOOL_TYPES.get(version) !== type))
    throw new TranslationError('invalid_input', `${JSON.stringify(version)} is not a version of the ${type} tool`, {
      path: childPath(op, 'name'),
    });
  const tool: JsonObject = { type: typeof version === 'string' ? version : defaultType, name: type, ...rest };
  if (t.cache_control !== undefined && t.cache_control !== null) tool.cache_control = t.cache_control;
  return tool;
}

/**
 * OpenAI `web_search_options` -> the web search tool: added when `tools` has none, its `user_location` given to
 * the one there when that has none. `search_context_size` has no Anthropic equivalent.
 */
export function applyWebSearchOptions(opts: unknown, tools: JsonObject[], losses: LossCollector): void {
  const p = 'web_search_options';
  if (!isRecord(opts)) throw new TranslationError('invalid_input', `${p} must be an object`, { path: p });
  losses.unknownKeys(opts, WEB_SEARCH_OPTION_KEYS, p);
  if (opts.search_context_size !== undefined && opts.search_context_size !== null)
    losses.add(
      childPath(p, 'search_context_size'),
      'Anthropic web search has no context size setting (max_uses limits the searches)',
    );
  let tool = tools.find((t) => isWebSearchToolType(t.type));
  if (tool === undefined) {
    tool = { type: DEFAULT_TOOL_TYPE.get('web_search') ?? 'web_search_20250305', name: 'web_search' };
    tools.push(tool);
  }
  const loc = opts.user_location;
  if (loc === undefined || loc === null) return;
  const lp = childPath(p, 'user_location');
  if (!isRecord(loc) || !isRecord(loc.approximate))
    throw new TranslationError('invalid_input', 'user_location must be {type: "approximate", approximate: {...}}', {
      path: lp,
    });
  if (tool.user_location !== undefined && tool.user_location !== null) {
    losses.add(lp, 'the web_search tool in tools has its own user_location, which wins');
    return;
  }
  const ap = childPath(lp, 'approximate');
  losses.unknownKeys(loc.approximate, LOCATION_KEYS, ap);
  const out: JsonObject = { type: 'approximate' };
  for (const key of LOCATION_KEYS) {
    const v = loc.approximate[key];
    if (typeof v === 'string') out[key] = v;
  }
  tool.user_location = out;
}

const WEB_SEARCH_OPTION_KEYS = new Set(['user_location', 'search_context_size']);
const LOCATION_KEYS = new Set(['city', 'region', 'country', 'timezone']);

export function convertOpenAIToolsToAnthropic(tools: unknown, names: ToolNamer, losses: LossCollector): JsonObject[] {
  if (!Array.isArray(tools)) throw new TranslationError('invalid_input', 'tools must be an array', { path: 'tools' });
  const out: JsonObject[] = [];
  for (let i = 0; i < tools.length; i++) {
    const t: unknown = tools[i];
    const p = childPath('tools', i);
    if (!isRecord(t)) throw new TranslationError('invalid_input', 'tool must be an object', { path: p });
    if (t.type !== 'function') {
      const defined = anthropicDefinedTool(t, p, losses);
      if (defined) out.push(defined);
      else losses.add(p, `tool type ${JSON.stringify(t.type)} has no Anthropic equivalent`);
      continue;
    }
    losses.unknownKeys(t, TOOL_KEYS, p);
    const fp = childPath(p, 'function');
    const fn = t.function;
    if (!isRecord(fn))
      throw new TranslationError('invalid_input', 'function tool needs a function object', { path: fp });
    losses.unknownKeys(fn, FUNCTION_KEYS, fp);
    const tool: JsonObject = { name: names.toTarget(requireString(fn.name, fp, 'name')) };
    if (typeof fn.description === 'string') tool.description = fn.description;
    if (fn.parameters !== undefined && fn.parameters !== null && !isRecord(fn.parameters)) {
      throw new TranslationError('invalid_input', 'parameters must be an object', {
        path: childPath(fp, 'parameters'),
      });
    }
    tool.input_schema = isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} };
    if (typeof fn.strict === 'boolean') tool.strict = fn.strict;
    for (const key of FUNCTION_EXTRAS) if (fn[key] !== undefined && fn[key] !== null) tool[key] = fn[key];
    if (t.cache_control !== undefined && t.cache_control !== null) tool.cache_control = t.cache_control;
    out.push(tool);
  }
  return out;
}

export function convertOpenAIToolChoiceToAnthropic(
  choice: unknown,
  parallel: unknown,
  names: ToolNamer,
  losses: LossCollector,
): JsonObject | undefined {
  const p = 'tool_choice';
  return openaiToolChoiceToAnthropic(choice, parallel, (c) => {
    if (c.type === 'function' && isRecord(c.function))
      return { type: 'tool', name: names.toTarget(requireString(c.function.name, childPath(p, 'function'), 'name')) };
    if (c.type === 'allowed_tools' && isRecord(c.allowed_tools)) {
      losses.add(
        childPath(childPath(p, 'allowed_tools'), 'tools'),
        'Anthropic cannot restrict a request to a subset of its tools; all tools stay available',
      );
      return { type: c.allowed_tools.mode === 'required' ? 'any' : 'auto' };
    }
    if (c.type === 'custom') {
      losses.add(p, 'custom tool choice has no Anthropic equivalent');
      return undefined;
    }
    throw invalid('unknown tool_choice', p);
  });
}
