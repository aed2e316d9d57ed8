/** The top-level keys of an Anthropic `Message` (a response, or the message of `message_start`). */
export const ANTHROPIC_MESSAGE_KEYS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'role',
  'model',
  'content',
  'stop_reason',
  'stop_sequence',
  'stop_details',
  'usage',
  'container',
]);

/**
 * The top-level request fields every translation of an Anthropic request reads: a translator adds the fields it
 * also handles to these, and reports the rest as not carried.
 */
export const ANTHROPIC_COMMON_REQUEST_KEYS: readonly string[] = [
  'model',
  'max_tokens',
  'messages',
  'system',
  'stop_sequences',
  'stream',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'thinking',
];
