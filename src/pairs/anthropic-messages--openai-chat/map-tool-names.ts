/**
 * The tool-name rule towards OpenAI (`^[a-zA-Z0-9_-]{1,64}$`; the same rule is used towards
 * Anthropic). Names that break it are rewritten by the shared stable namer
 * (`src/core/stable-tool-name.ts`): every other character replaced by `_`, cut to fit, plus a hash.
 */

import { createStableToolNamer, type StableToolNamer, type ToolNameRule } from '../../core/stable-tool-name.js';

export { restoreToolName } from '../../core/stable-tool-name.js';

const OPENAI_TOOL_NAME: ToolNameRule = {
  valid: /^[a-zA-Z0-9_-]{1,64}$/,
  maxLength: 64,
  sanitize: (name) => name.replace(/[^a-zA-Z0-9_-]/g, '_'),
};

export function isValidToolName(name: string): boolean {
  return OPENAI_TOOL_NAME.valid.test(name);
}

export type ToolNamer = StableToolNamer;

/**
 * A namer for one request. `allNames` are every tool name the request mentions (tool definitions,
 * tool_choice, tool calls in the history), so rewritten names never collide with a valid one.
 */
export function createToolNamer(allNames: Iterable<string>): ToolNamer {
  return createStableToolNamer(OPENAI_TOOL_NAME, allNames);
}
