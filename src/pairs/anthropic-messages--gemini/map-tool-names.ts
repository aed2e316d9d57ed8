/**
 * Tool names Gemini rejects, made acceptable and restored on the way back. A Gemini function name
 * starts with a letter or `_` and holds at most 64 of `A-Z a-z 0-9 _ . : -` (400 "Invalid function
 * name" otherwise); Anthropic takes up to 128 of `A-Z a-z 0-9 _ -`, so long names (MCP tools) and
 * names starting with a digit or `-` need rewriting.
 *
 * Valid names are kept. An invalid one is rewritten by the shared stable namer
 * (`src/core/stable-tool-name.ts`) with Gemini's rule: other characters `_`, a leading `_` when it
 * does not start with a letter or `_`, cut to fit, plus a hash. The map Gemini name -> client name
 * goes into `RequestContext.toolNames`; responses and streams put the client's name back.
 */

import { createStableToolNamer, type ToolNameRule } from '../../core/stable-tool-name.js';

export { restoreToolName as clientToolName } from '../../core/stable-tool-name.js';

const GEMINI_TOOL_NAME: ToolNameRule = {
  valid: /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/,
  maxLength: 64,
  sanitize: (name) => {
    const base = name.replace(/[^A-Za-z0-9_.:-]/g, '_');
    return /^[A-Za-z_]/.test(base) ? base : `_${base}`;
  },
};

export interface GeminiToolNamer {
  /** the name Gemini gets for a client name */
  toGemini(name: string): string;
  /** Gemini name -> client name, for the rewritten names only; `undefined` when none were */
  readonly map: Record<string, string> | undefined;
}

/**
 * A namer for one request; `allNames` are every tool name it mentions, so a rewritten name never takes a valid one
 * (given as a function, it is called only when a name needs rewriting).
 */
export function createGeminiToolNamer(allNames: Iterable<string> | (() => Iterable<string>)): GeminiToolNamer {
  const namer = createStableToolNamer(GEMINI_TOOL_NAME, allNames);
  return {
    toGemini: (name) => namer.toTarget(name),
    get map() {
      return namer.map;
    },
  };
}
