import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import type { StableToolNamer } from '../../core/stable-tool-name.js';
import { openaiToolChoiceToAnthropic } from '../../formats/openai-chat/anthropic-request-fields.js';
import { CUSTOM_INPUT_KEY } from './extensions.js';
import { qualifiedName, type ResponsesToolOrigin } from './map-tool-names.js';

/**
 * Responses `tools` (and the tools of `additional_tools` items) / `tool_choice` / `parallel_tool_calls` ->
 * Anthropic `tools` / `tool_choice` (docs/mappings-anthropic-responses.md, "Tools").
 *
 * - `function` -> a client tool (`parameters` -> `input_schema`; `strict: true` kept; `defer_loading` kept).
 * - `custom` (free-form input) -> a client tool whose input is one string, `{"input": "…"}`; a grammar format has
 *   no Anthropic form (a loss: the model is not held to it).
 * - `namespace` -> its member tools, each named `<namespace>__<name>`; the namespace's description is a loss.
 * - `web_search` (and the preview versions) -> Anthropic's `web_search` server tool (`filters.allowed_domains`
 *   -> `allowed_domains`, `user_location` as is).
 * - other built-in tools (file_search, code_interpreter, mcp, shell, apply_patch, image_generation, computer
 *   use, tool_search, …) have no Anthropic equivalent: losses.
 */

export interface ToolState {
  losses: LossCollector;
  names: StableToolNamer;
  /** Anthropic name -> custom tool / namespace member, for the way back */
  origins: Record<string, ResponsesToolOrigin>;
  /** an Anthropic web_search tool was added */
  webSearch: boolean;
}

const FUNCTION_KEYS = new Set(['type', 'name', 'description', 'parameters', 'strict', 'defer_loading']);
const CUSTOM_KEYS = new Set(['type', 'name', 'description', 'format', 'defer_loading']);
const NAMESPACE_KEYS = new Set(['type', 'name', 'description', 'tools']);
const WEB_SEARCH_KEYS = new Set(['type', 'filters', 'user_location', 'search_context_size', 'external_web_access']);
const WEB_SEARCH_TYPES = new Set([
  'web_search',
  'web_search_2025_08_26',
  'web_search_preview',
  'web_search_preview_2025_03_11',
]);
const LOCATION_KEYS = new Set(['type', 'city', 'region', 'country', 'timezone']);

function describe(out: JsonObject, description: unknown): void {
  if (typeof description === 'string' && description !== '') out.description = description;
}

function functionTool(t: JsonObject, path: JsonPath, namespace: string | undefined, st: ToolState): JsonObject {
  st.losses.unknownKeys(t, FUNCTION_KEYS, path);
  const clientName = requireString(t.name, path, 'name');
  const name = st.names.toTarget(qualifiedName(clientName, namespace));
  if (namespace !== undefined) st.origins[name] = { kind: 'function', name: clientName, namespace };
  const out: JsonObject = { name };
  describe(out, t.description);
  if (t.parameters !== undefined && t.parameters !== null && !isRecord(t.parameters))
    throw invalid('parameters must be an object', childPath(path, 'parameters'));
  out.input_schema = isRecord(t.parameters) ? t.parameters : { type: 'object', properties: {} };
  if (t.strict === true) out.strict = true;
  if (typeof t.defer_loading === 'boolean') out.defer_loading = t.defer_loading;
  return out;
}

function customTool(t: JsonObject, path: JsonPath, namespace: string | undefined, st: ToolState): JsonObject {
  st.losses.unknownKeys(t, CUSTOM_KEYS, path);
  const clientName = requireString(t.name, path, 'name');
  const name = st.names.toTarget(qualifiedName(clientName, namespace));
  st.origins[name] =
    namespace === undefined ? { kind: 'custom', name: clientName } : { kind: 'custom', name: clientName, namespace };
  if (isRecord(t.format) && t.format.type !== 'text')
    st.losses.add(
      childPath(path, 'format'),
      'a custom tool grammar has no Anthropic equivalent; the input is a free string the model is not held to',
    );
  const out: JsonObject = { name };
  describe(out, t.description);
  out.input_schema = {
    type: 'object',
    properties: { [CUSTOM_INPUT_KEY]: { type: 'string' } },
    required: [CUSTOM_INPUT_KEY],
    additionalProperties: false,
  };
  if (typeof t.defer_loading === 'boolean') out.defer_loading = t.defer_loading;
  return out;
}

function webSearchTool(t: JsonObject, path: JsonPath, st: ToolState): JsonObject | undefined {
  if (st.webSearch) {
    st.losses.add(path, 'Anthropic takes one web_search tool; this one is not carried');
    return undefined;
  }
  st.webSearch = true;
  st.losses.unknownKeys(t, WEB_SEARCH_KEYS, path);
  const out: JsonObject = { type: 'web_search_20250305', name: 'web_search' };
  if (isRecord(t.filters)) {
    const domains = t.filters.allowed_domains;
    if (Array.isArray(domains) && domains.length > 0) out.allowed_domains = domains;
    st.losses.unknownKeys(t.filters, new Set(['allowed_domains']), childPath(path, 'filters'));
  }
  if (isRecord(t.user_location)) {
    const lp = childPath(path, 'user_location');
    st.losses.unknownKeys(t.user_location, LOCATION_KEYS, lp);
    const loc: JsonObject = { type: 'approximate' };
    for (const k of ['city', 'region', 'country', 'timezone'])
      if (typeof t.user_location[k] === 'string') loc[k] = t.user_location[k];
    out.user_location = loc;
  }
  if (t.search_context_size !== undefined && t.search_context_size !== null)
    st.losses.add(childPath(path, 'search_context_size'), 'search_context_size has no Anthropic equivalent');
  if (t.external_web_access === false)
    st.losses.add(
      childPath(path, 'external_web_access'),
      'Anthropic web search always searches live; cache-only access has no equivalent',
    );
  return out;
}

function convertTool(t: unknown, path: JsonPath, st: ToolState, out: JsonObject[]): void {
  if (!isRecord(t)) throw invalid('tool must be an object', path);
  switch (t.type) {
    case 'function':
      out.push(functionTool(t, path, undefined, st));
      return;
    case 'custom':
      out.push(customTool(t, path, undefined, st));
      return;
    case 'namespace': {
      st.losses.unknownKeys(t, NAMESPACE_KEYS, path);
      const ns = requireString(t.name, path, 'name');
      if (typeof t.description === 'string' && t.description !== '')
        st.losses.add(childPath(path, 'description'), 'a namespace description has no Anthropic equivalent');
      if (!Array.isArray(t.tools)) throw invalid('namespace needs a tools array', childPath(path, 'tools'));
      const tp = childPath(path, 'tools');
      t.tools.forEach((member, j) => {
        const mp = childPath(tp, j);
        if (!isRecord(member)) throw invalid('tool must be an object', mp);
        if (member.type === 'function') out.push(functionTool(member, mp, ns, st));
        else if (member.type === 'custom') out.push(customTool(member, mp, ns, st));
        else st.losses.add(mp, `namespace member type ${JSON.stringify(member.type)} has no Anthropic equivalent`);
      });
      return;
    }
    default:
      if (typeof t.type !== 'string') throw invalid('tool needs a string type', childPath(path, 'type'));
      if (WEB_SEARCH_TYPES.has(t.type)) {
        const ws = webSearchTool(t, path, st);
        if (ws) out.push(ws);
        return;
      }
      st.losses.add(path, `built-in tool ${JSON.stringify(t.type)} has no Anthropic equivalent`);
  }
}

/** Every tool of `tools` and of the `additional_tools` items -> Anthropic tools (undefined when none). */
export function convertToolsToAnthropic(
  tools: unknown,
  additional: ReadonlyArray<{ tool: unknown; path: JsonPath }>,
  st: ToolState,
): JsonObject[] | undefined {
  const out: JsonObject[] = [];
  if (tools !== undefined && tools !== null) {
    if (!Array.isArray(tools)) throw invalid('tools must be an array', 'tools');
    tools.forEach((t, i) => {
      convertTool(t, childPath('tools', i), st, out);
    });
  }
  for (const a of additional) convertTool(a.tool, a.path, st, out);
  return out.length > 0 ? out : undefined;
}

const HOSTED_WEB_SEARCH = new Set(['web_search_preview', 'web_search_preview_2025_03_11', 'web_search']);

/** `tool_choice` and `parallel_tool_calls` -> Anthropic `tool_choice` (undefined: leave the default). */
export function convertToolChoiceToAnthropic(
  choice: unknown,
  parallel: unknown,
  st: ToolState,
): JsonObject | undefined {
  const p = 'tool_choice';
  return openaiToolChoiceToAnthropic(choice, parallel, (c) => {
    const type = c.type;
    if (type === 'function' || type === 'custom')
      return { type: 'tool', name: st.names.toTarget(requireString(c.name, p, 'name')) };
    if (type === 'allowed_tools') {
      st.losses.add(
        childPath(p, 'tools'),
        'Anthropic cannot restrict a request to a subset of its tools; all tools stay available',
      );
      return { type: c.mode === 'required' ? 'any' : 'auto' };
    }
    if (typeof type === 'string' && HOSTED_WEB_SEARCH.has(type) && st.webSearch)
      return { type: 'tool', name: 'web_search' };
    if (typeof type === 'string') {
      st.losses.add(p, `tool_choice ${JSON.stringify(type)} has no Anthropic equivalent`);
      return undefined;
    }
    throw invalid('unknown tool_choice', p);
  });
}
