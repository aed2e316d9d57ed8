import { childPath } from '../../../src/core/json-path.js';
import { isRecord } from '../../../src/core/narrow.js';
import type { RuleViolation } from '../mock-types.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_STOP_SEQUENCES = 4;

/**
 * Chat Completions rules beyond the spec: tool names match `^[a-zA-Z0-9_-]{1,64}$`; at most 4 stop strings;
 * `stream_options` only with `stream: true`; tool messages answer the assistant's `tool_calls`, each one, in
 * order, before the next user or assistant message (or the end of `messages`).
 */
export function checkOpenAIRequest(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  checkToolNames(body.tools, out);
  if (Array.isArray(body.stop) && body.stop.length > MAX_STOP_SEQUENCES) {
    out.push({
      path: 'stop',
      message: `Invalid 'stop': array too long. Expected an array with maximum length ${MAX_STOP_SEQUENCES}, but got an array with length ${body.stop.length} instead.`,
    });
  }
  if (body.stream_options !== undefined && body.stream_options !== null && body.stream !== true) {
    out.push({
      path: 'stream_options',
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
    });
  }
  if (Array.isArray(body.messages)) checkToolMessages(body.messages, out);
  return out;
}

function checkToolNames(tools: unknown, out: RuleViolation[]): void {
  if (!Array.isArray(tools)) return;
  tools.forEach((tool, i) => {
    if (!isRecord(tool)) return;
    const key = tool.type === 'custom' ? 'custom' : 'function';
    const holder = tool[key];
    if (!isRecord(holder) || typeof holder.name !== 'string' || TOOL_NAME.test(holder.name)) return;
    const path = childPath(childPath(childPath('tools', i), key), 'name');
    out.push({
      path,
      message: `Invalid '${path}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`,
    });
  });
}

function checkToolMessages(messages: readonly unknown[], out: RuleViolation[]): void {
  let pending: unknown[] = [];
  let askedAt = -1;
  const unanswered = () => {
    if (pending.length === 0) return;
    const path = childPath('messages', askedAt);
    out.push({
      path,
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${pending.join(', ')}`,
    });
  };
  messages.forEach((message, i) => {
    if (!isRecord(message)) return;
    if (message.role === 'tool') {
      const path = childPath(childPath('messages', i), 'tool_call_id');
      const at = pending.indexOf(message.tool_call_id);
      if (at === 0) pending.shift();
      else if (at > 0) {
        out.push({
          path,
          message: `Invalid '${path}': tool messages must answer the tool calls in order; expected ${String(pending[0])}.`,
        });
        pending.splice(at, 1);
      } else {
        out.push({
          path,
          message:
            "Invalid parameter: messages with role 'tool' must be a response to a preceding message with 'tool_calls'.",
        });
      }
      return;
    }
    if (message.role !== 'user' && message.role !== 'assistant') return;
    unanswered();
    pending = [];
    if (message.role === 'assistant' && Array.isArray(message.tool_calls)) {
      pending = message.tool_calls.map((call) => (isRecord(call) ? call.id : undefined));
      askedAt = i;
    }
  });
  unanswered();
}
