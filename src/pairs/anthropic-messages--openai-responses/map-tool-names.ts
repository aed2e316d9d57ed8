import { isRecord } from '../../core/narrow.js';
import type { RequestContext } from '../../core/options.js';
import { createStableToolNamer, type StableToolNamer, type ToolNameRule } from '../../core/stable-tool-name.js';
import { CONTEXT_KEY, NAMESPACE_SEPARATOR } from './extensions.js';

export { restoreToolName } from '../../core/stable-tool-name.js';

/**
 * Tool names both ways. Towards Anthropic the rule is `^[a-zA-Z0-9_-]{1,64}$` (as for Chat); towards Responses
 * `^[a-zA-Z0-9_-]{1,128}$`. Names that break the rule are rewritten by the stable namer
 * (`src/core/stable-tool-name.ts`) and restored on the way back from `RequestContext.toolNames`.
 *
 * A Responses client's `custom` (free-form) tools and the member tools of its `namespace` tools have no Anthropic
 * kind of their own: each becomes an Anthropic client tool, a namespace member named `<namespace>__<name>`. The
 * context records, by Anthropic name, what each one was (`ResponsesToolOrigin`), so that a `tool_use` comes back
 * to the client as the same kind of call.
 */

const ANTHROPIC_TOOL_NAME: ToolNameRule = {
  valid: /^[a-zA-Z0-9_-]{1,64}$/,
  maxLength: 64,
  sanitize: (name) => name.replace(/[^a-zA-Z0-9_-]/g, '_'),
};

const RESPONSES_TOOL_NAME: ToolNameRule = {
  valid: /^[a-zA-Z0-9_-]{1,128}$/,
  maxLength: 128,
  sanitize: (name) => name.replace(/[^a-zA-Z0-9_-]/g, '_'),
};

export function createAnthropicToolNamer(allNames: Iterable<string>): StableToolNamer {
  return createStableToolNamer(ANTHROPIC_TOOL_NAME, allNames);
}

export function createResponsesToolNamer(allNames: Iterable<string>): StableToolNamer {
  return createStableToolNamer(RESPONSES_TOOL_NAME, allNames);
}

/** What a Responses client declared behind an Anthropic tool name (only for custom tools and namespace members). */
export interface ResponsesToolOrigin {
  kind: 'function' | 'custom';
  name: string;
  namespace?: string;
}

/** The Anthropic-side (client) name of a tool: `<namespace>__<name>` for a namespace member. */
export function qualifiedName(name: string, namespace: string | undefined): string {
  return namespace === undefined ? name : `${namespace}${NAMESPACE_SEPARATOR}${name}`;
}

/** The pair's part of a `RequestContext`. */
export interface ResponsesContext {
  /** Anthropic tool name -> the custom tool or namespace member it stands for */
  tools?: Record<string, ResponsesToolOrigin>;
  /** the request settings a Responses response echoes (`instructions`, `tools`, `tool_choice`, …) */
  echo?: Record<string, unknown>;
}

export function responsesContext(context: RequestContext | undefined): ResponsesContext {
  const c = context?.[CONTEXT_KEY];
  return isRecord(c) ? (c as ResponsesContext) : {};
}

/** How an Anthropic `tool_use` name goes back to a Responses client: a custom tool, a namespace member or a function. */
export function toolOrigin(
  anthropicName: string,
  context: RequestContext | undefined,
): ResponsesToolOrigin | undefined {
  const tools = responsesContext(context).tools;
  return tools !== undefined && Object.hasOwn(tools, anthropicName) ? tools[anthropicName] : undefined;
}
