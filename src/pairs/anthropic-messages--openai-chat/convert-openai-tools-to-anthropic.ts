import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireStr } from './convert-openai-content-part-to-anthropic.js';
import type { ToolNamer } from './map-tool-names.js';

/**
 * Chat `tools` / `tool_choice` / `parallel_tool_calls` -> Anthropic `tools` / `tool_choice`.
 * Function tools -> client tools (`parameters` -> `input_schema`, default `{type:"object", properties:{}}`);
 * custom (free-form / grammar) tools and `allowed_tools` restrictions have no Anthropic form: losses.
 */

const TOOL_KEYS = new Set(['type', 'function', 'cache_control']);
const FUNCTION_KEYS = new Set(['name', 'description', 'parameters', 'strict']);

export function convertOpenAIToolsToAnthropic(
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
    if (t.type !== 'function') {
      losses.add(p, `tool type ${JSON.stringify(t.type)} has no Anthropic equivalent`);
      continue;
    }
    losses.unknownKeys(t, TOOL_KEYS, p);
    const fp = childPath(p, 'function');
    const fn = t.function;
    if (!isRecord(fn))
      throw new TranslationError('invalid_input', 'function tool needs a function object', { path: fp });
    losses.unknownKeys(fn, FUNCTION_KEYS, fp);
    const tool: JsonObject = { name: names.toTarget(requireStr(fn.name, fp, 'name')) };
    if (typeof fn.description === 'string') tool.description = fn.description;
    if (fn.parameters !== undefined && fn.parameters !== null && !isRecord(fn.parameters)) {
      throw new TranslationError('invalid_input', 'parameters must be an object', {
        path: childPath(fp, 'parameters'),
      });
    }
    tool.input_schema = isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} };
    if (typeof fn.strict === 'boolean') tool.strict = fn.strict;
    if (t.cache_control !== undefined && t.cache_control !== null) tool.cache_control = t.cache_control;
    out.push(tool);
  }
  return out.length > 0 ? out : undefined;
}

export function convertOpenAIToolChoiceToAnthropic(
  choice: unknown,
  parallel: unknown,
  names: ToolNamer,
  losses: LossCollector,
): JsonObject | undefined {
  let out: JsonObject | undefined;
  const p = 'tool_choice';
  if (choice === 'auto') out = { type: 'auto' };
  else if (choice === 'required') out = { type: 'any' };
  else if (choice === 'none') out = { type: 'none' };
  else if (isRecord(choice)) {
    if (choice.type === 'function' && isRecord(choice.function)) {
      out = { type: 'tool', name: names.toTarget(requireStr(choice.function.name, childPath(p, 'function'), 'name')) };
    } else if (choice.type === 'allowed_tools' && isRecord(choice.allowed_tools)) {
      out = { type: choice.allowed_tools.mode === 'required' ? 'any' : 'auto' };
      losses.add(
        childPath(childPath(p, 'allowed_tools'), 'tools'),
        'Anthropic cannot restrict a request to a subset of its tools; all tools stay available',
      );
    } else if (choice.type === 'custom') {
      losses.add(p, 'custom tool choice has no Anthropic equivalent');
    } else throw new TranslationError('invalid_input', 'unknown tool_choice', { path: p });
  } else if (choice !== undefined && choice !== null) {
    throw new TranslationError('invalid_input', 'unknown tool_choice', { path: p });
  }
  if (parallel !== undefined && parallel !== null) {
    if (typeof parallel !== 'boolean')
      throw new TranslationError('invalid_input', 'parallel_tool_calls must be a boolean', {
        path: 'parallel_tool_calls',
      });
    if (out === undefined && !parallel) out = { type: 'auto' };
    if (out !== undefined && out.type !== 'none') out.disable_parallel_tool_use = !parallel;
  }
  return out;
}
