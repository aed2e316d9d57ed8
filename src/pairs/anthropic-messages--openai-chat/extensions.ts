/**
 * Non-standard fields crosswire writes into Chat Completions bodies so Anthropic-only data
 * survives a trip through the Chat format (documented in docs/mappings-anthropic-openai.md).
 */

/** `[tool_error] ` at the start of a tool message's text marks an Anthropic `tool_result` with `is_error: true`. */
export const TOOL_ERROR_PREFIX = '[tool_error] ';

/** Default `max_tokens` for an Anthropic request made from a Chat request that set no limit. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Default schema name for a format made from Anthropic `output_config.format` (shared with the other OpenAI API). */

/** Loss reasons of strict OpenAI compliance (`TranslateOptions.strictOpenAI`): what only an extension carries. */
export const EXTENSION_LEFT_OUT = 'left out under strict OpenAI compliance';
export const THINKING_LEFT_OUT = `thinking is carried only in the content_blocks / reasoning_content extensions, ${EXTENSION_LEFT_OUT}`;
export const SERVER_BLOCK_LEFT_OUT = `server tool blocks are carried only in the content_blocks extension, ${EXTENSION_LEFT_OUT}`;
export const STOP_SEQUENCE_LEFT_OUT = `the matched stop sequence is carried only in the choice's stop_sequence extension, ${EXTENSION_LEFT_OUT}`;
