/**
 * Conventions crosswire uses to carry across the Responses format what it has no field for (documented in
 * docs/mappings-anthropic-responses.md).
 */

/** `[tool_error] ` at the start of a function_call_output marks an Anthropic `tool_result` with `is_error: true`. */
export const TOOL_ERROR_PREFIX = '[tool_error] ';

/** `max_tokens` for an Anthropic request made from a Responses request that set no limit (plus the thinking budget). */
export const DEFAULT_MAX_TOKENS = 4096;

/** Default schema name for a format made from Anthropic `output_config.format` (shared with the other OpenAI API). */

/** Responses refuses `max_output_tokens` below this. */
export const MIN_OUTPUT_TOKENS = 16;

/** Joins a namespace and a member tool's name into one Anthropic tool name (`multi_agent_v1__spawn_agent`). */
export const NAMESPACE_SEPARATOR = '__';

/** The property of the one-string input schema an Anthropic tool gets for a Responses `custom` (free-form) tool. */
export const CUSTOM_INPUT_KEY = 'input';

/** The key of `RequestContext` this pair writes. */
export const CONTEXT_KEY = 'responses';
