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
