/**
 * Gemini function calls usually carry no id, Anthropic `tool_use` blocks need one. The id is
 * derived, never random: `toolu_gemini_<scope>_<n>_<name>`, where `n` counts the calls of one
 * response (or of one request's history) and `scope` is the Gemini `responseId` when there is one,
 * so that calls of different turns do not collide. The way back never parses the id: a
 * `tool_result` finds its function name through the matching `tool_use` block.
 */
export function geminiToolUseId(n: number, name: string, scope?: string): string {
  const s = scope ? `${sanitize(scope)}_` : '';
  return `toolu_gemini_${s}${n}_${sanitize(name)}`;
}

/** Anthropic ids match `^[a-zA-Z0-9_-]+$`. */
function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}
