/**
 * Non-standard fields crosswire writes into Chat Completions bodies so Anthropic-only data
 * survives a trip through the Chat format (documented in docs/mappings-anthropic-openai.md).
 */

/** `[tool_error] ` at the start of a tool message's text marks an Anthropic `tool_result` with `is_error: true`. */
export const TOOL_ERROR_PREFIX = '[tool_error] ';

/** Default `max_tokens` for an Anthropic request made from a Chat request that set no limit. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Default `json_schema.name` for a response_format made from Anthropic `output_config.format`. */
export const DEFAULT_SCHEMA_NAME = 'response';
