import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import { ANTHROPIC_TOOL_TYPES } from '../../formats/anthropic-messages/server-tools.js';
import { carriesNothing } from '../../formats/anthropic-messages/usage-losses.js';
import { convertJsonSchemaToGemini } from '../../formats/gemini/convert-json-schema-to-gemini.js';
import type { GeminiFunctionDeclaration, GeminiTool, GeminiToolConfig } from '../../formats/gemini/types.js';
import type { GeminiToolNamer } from './map-tool-names.js';

const SAME_NAMES: Pick<GeminiToolNamer, 'toGemini'> = { toGemini: (name) => name };

const TOOL_KEYS = new Set(['name', 'description', 'input_schema', 'type', 'cache_control']);

/**
 * Anthropic client tools -> one Gemini `Tool` with `functionDeclarations`. The input schema is
 * converted to Gemini's Schema subset; a schema with no properties sends no `parameters`
 * (Gemini rejects an OBJECT with empty properties). Anthropic's web search -> Gemini's `googleSearch` grounding,
 * web fetch -> `urlContext` (their options have no Gemini settings: losses); other server tools are losses.
 */

/** Anthropic-defined tool names -> the Gemini built-in tool that does the same */
const GEMINI_BUILT_IN: ReadonlyMap<string, 'googleSearch' | 'urlContext'> = new Map([
  ['web_search', 'googleSearch'],
  ['web_fetch', 'urlContext'],
]);
const BUILT_IN_KEYS = new Set(['type', 'name']);
export function convertAnthropicTools(
  tools: unknown,
  losses: LossCollector,
  names: Pick<GeminiToolNamer, 'toGemini'> = SAME_NAMES,
): GeminiTool[] | undefined {
  if (!Array.isArray(tools)) throw new TranslationError('invalid_input', 'tools must be a list', { path: 'tools' });
  const decls: GeminiFunctionDeclaration[] = [];
  const builtIn: GeminiTool[] = [];
  tools.forEach((tool, i) => {
    const path = childPath('tools', i);
    if (!isRecord(tool)) throw new TranslationError('invalid_input', 'a tool must be an object', { path });
    if (tool.type !== undefined && tool.type !== 'custom') {
      const gemini = GEMINI_BUILT_IN.get(ANTHROPIC_TOOL_TYPES.get(String(tool.type)) ?? '');
      if (gemini === undefined || builtIn.some((t) => gemini in t)) {
        losses.add(path, `server tool ${JSON.stringify(tool.type)} has no Gemini equivalent`);
        return;
      }
      for (const key in tool)
        if (!BUILT_IN_KEYS.has(key) && !carriesNothing(tool[key]))
          losses.add(childPath(path, key), `Gemini's ${gemini} tool has no ${key} setting`);
      builtIn.push(gemini === 'googleSearch' ? { googleSearch: {} } : { urlContext: {} });
      return;
    }
    if (typeof tool.name !== 'string')
      throw new TranslationError('invalid_input', 'a tool needs a name', { path: childPath(path, 'name') });
    const decl: GeminiFunctionDeclaration = { name: names.toGemini(tool.name) };
    if (typeof tool.description === 'string') decl.description = tool.description;
    if (tool.input_schema !== undefined) {
      const params = convertJsonSchemaToGemini(tool.input_schema, childPath(path, 'input_schema'), losses);
      if (!(params.type === 'OBJECT' && params.properties === undefined && Object.keys(params).length === 1))
        decl.parameters = params;
    }
    decls.push(decl);
    if (tool.cache_control !== undefined && tool.cache_control !== null)
      losses.add(childPath(path, 'cache_control'), 'Gemini has no cache breakpoints');
    losses.unknownKeys(tool, TOOL_KEYS, path);
  });
  const out: GeminiTool[] = decls.length > 0 ? [{ functionDeclarations: decls }, ...builtIn] : builtIn;
  return out.length > 0 ? out : undefined;
}

/**
 * Anthropic `tool_choice` -> Gemini `toolConfig.functionCallingConfig`:
 * auto -> AUTO, any -> ANY, tool{name} -> ANY + allowedFunctionNames [name], none -> NONE.
 * `disable_parallel_tool_use` has no Gemini equivalent.
 */
export function convertAnthropicToolChoice(
  choice: unknown,
  losses: LossCollector,
  names: Pick<GeminiToolNamer, 'toGemini'> = SAME_NAMES,
): GeminiToolConfig | undefined {
  if (!isRecord(choice))
    throw new TranslationError('invalid_input', 'tool_choice must be an object', { path: 'tool_choice' });
  if (choice.disable_parallel_tool_use === true) {
    losses.add('tool_choice.disable_parallel_tool_use', 'Gemini cannot limit a turn to one function call');
  }
  losses.unknownKeys(choice, CHOICE_KEYS, 'tool_choice');
  switch (choice.type) {
    case 'auto':
      return { functionCallingConfig: { mode: 'AUTO' } };
    case 'any':
      return { functionCallingConfig: { mode: 'ANY' } };
    case 'none':
      return { functionCallingConfig: { mode: 'NONE' } };
    case 'tool':
      if (typeof choice.name !== 'string')
        throw new TranslationError('invalid_input', 'tool_choice of type tool needs a name', {
          path: 'tool_choice.name',
        });
      return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [names.toGemini(choice.name)] } };
    default:
      throw new TranslationError('invalid_input', `unknown tool_choice type ${JSON.stringify(choice.type)}`, {
        path: 'tool_choice.type',
      });
  }
}

const CHOICE_KEYS = new Set(['type', 'name', 'disable_parallel_tool_use']);
