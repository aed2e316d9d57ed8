/**
 * Anthropic stream events as test input, written the way the API sends them (docs/wire-formats.md#anthropic-stream-grammar).
 */

/** `message_start`: an empty assistant message of model `claude-x` with `usage`. */
export function messageStart(usage: Record<string, unknown>, id = 'msg_1') {
  return {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    },
  };
}
