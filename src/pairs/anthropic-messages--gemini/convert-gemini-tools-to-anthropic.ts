import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import { convertGeminiSchemaToJsonSchema } from '../../formats/gemini/convert-gemini-schema-to-json-schema.js';

const DECL_KEYS = new Set(['name', 'description', 'parameters', 'parametersJsonSchema']);

/**
 * Gemini `tools[].functionDeclarations` -> Anthropic client tools; `googleSearch` grounding -> Anthropic's web search
 * tool, `urlContext` -> its web fetch tool (their settings have no Anthropic equivalent: losses). Other Gemini tools
 * are losses.
 */
const BUILT_IN: Record<string, Record<string, unknown>> = {
  googleSearch: { type: 'web_search_20250305', name: 'web_search' },
  urlContext: { type: 'web_fetch_20250910', name: 'web_fetch' },
};

export function convertGeminiTools(tools: unknown, losses: LossCollector): Array<Record<string, unknown>> {
  if (!Array.isArray(tools)) throw new TranslationError('invalid_input', 'tools must be a list', { path: 'tools' });
  const out: Array<Record<string, unknown>> = [];
  tools.forEach((tool, i) => {
    const path = childPath('tools', i);
    if (!isRecord(tool)) throw new TranslationError('invalid_input', 'a tool must be an object', { path });
    for (const key of Object.keys(tool)) {
      if (key === 'functionDeclarations') continue;
      const anthropic = Object.hasOwn(BUILT_IN, key) ? BUILT_IN[key] : undefined;
      if (anthropic === undefined || out.some((t) => t.name === anthropic.name)) {
        losses.add(childPath(path, key), `Gemini tool "${key}" has no Anthropic equivalent`);
        continue;
      }
      const settings = tool[key];
      if (isRecord(settings))
        for (const s in settings)
          losses.add(
            childPath(childPath(path, key), s),
            `Anthropic's ${String(anthropic.name)} tool has no ${s} setting`,
          );
      out.push({ ...anthropic });
    }
    if (tool.functionDeclarations === undefined) return;
    if (!Array.isArray(tool.functionDeclarations))
      throw new TranslationError('invalid_input', 'functionDeclarations must be a list', { path });
    tool.functionDeclarations.forEach((d, j) => {
      const dp = childPath(childPath(path, 'functionDeclarations'), j);
      if (!isRecord(d) || typeof d.name !== 'string')
        throw new TranslationError('invalid_input', 'a function declaration needs a name', { path: dp });
      losses.unknownKeys(d, DECL_KEYS, dp);
      const t: Record<string, unknown> = { name: d.name };
      if (typeof d.description === 'string') t.description = d.description;
      t.input_schema = inputSchema(d, dp, losses);
      out.push(t);
    });
  });
  return out;
}

function inputSchema(d: Record<string, unknown>, dp: string, losses: LossCollector): Record<string, unknown> {
  let schema: Record<string, unknown> | undefined;
  if (isRecord(d.parametersJsonSchema)) schema = d.parametersJsonSchema;
  else if (d.parameters !== undefined)
    schema = convertGeminiSchemaToJsonSchema(d.parameters, childPath(dp, 'parameters'), losses);
  if (!schema) return { type: 'object', properties: {} };
  if (schema.type === undefined) return { type: 'object', ...schema };
  if (schema.type !== 'object') {
    losses.add(
      childPath(dp, 'parameters'),
      'Anthropic tool inputs must be objects: the schema is replaced by an empty object',
    );
    return { type: 'object', properties: {} };
  }
  return schema;
}

/** Gemini `toolConfig` -> Anthropic `tool_choice` (AUTO/ANY/NONE; ANY with one allowed name -> tool). */
export function convertGeminiToolConfig(
  toolConfig: unknown,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  if (!isRecord(toolConfig))
    throw new TranslationError('invalid_input', 'toolConfig must be an object', { path: 'toolConfig' });
  for (const key of Object.keys(toolConfig)) {
    if (key !== 'functionCallingConfig')
      losses.add(childPath('toolConfig', key), `toolConfig.${key} has no Anthropic equivalent`);
  }
  const fcc = toolConfig.functionCallingConfig;
  if (fcc === undefined) return undefined;
  if (!isRecord(fcc))
    throw new TranslationError('invalid_input', 'functionCallingConfig must be an object', {
      path: 'toolConfig.functionCallingConfig',
    });
  const p = 'toolConfig.functionCallingConfig';
  losses.unknownKeys(fcc, FCC_KEYS, p);
  const names = Array.isArray(fcc.allowedFunctionNames)
    ? fcc.allowedFunctionNames.filter((n): n is string => typeof n === 'string')
    : [];
  switch (fcc.mode) {
    case undefined:
    case 'MODE_UNSPECIFIED':
    case 'AUTO':
      if (names.length > 0) losses.add(`${p}.allowedFunctionNames`, 'allowedFunctionNames only applies in ANY mode');
      return fcc.mode === 'AUTO' ? { type: 'auto' } : undefined;
    case 'ANY':
      if (names.length === 1) return { type: 'tool', name: names[0] };
      if (names.length > 1)
        losses.add(`${p}.allowedFunctionNames`, 'Anthropic can force one tool or any tool, not a subset');
      return { type: 'any' };
    case 'NONE':
      return { type: 'none' };
    case 'VALIDATED':
      losses.add(`${p}.mode`, 'VALIDATED (schema-constrained calls) has no Anthropic equivalent: auto is used');
      return { type: 'auto' };
    default:
      throw new TranslationError('invalid_input', `unknown function calling mode ${JSON.stringify(fcc.mode)}`, {
        path: `${p}.mode`,
      });
  }
}

/** `streamFunctionCallArguments` asks how calls are streamed back: the way back reads it (`context`), no loss */
const FCC_KEYS = new Set(['mode', 'allowedFunctionNames', 'streamFunctionCallArguments']);
