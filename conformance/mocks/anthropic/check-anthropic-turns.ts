import { isBlank } from '../../../src/core/blank-text.js';
import { childPath } from '../../../src/core/json-path.js';
import { isRecord } from '../../../src/core/narrow.js';
import type { RuleViolation } from '../mock-types.js';

interface Turn {
  role: string;
  /** every content block of the merged messages, with its path */
  blocks: Array<{ block: Record<string, unknown>; path: string }>;
  /** path of the turn's first message */
  path: string;
}

/**
 * Conversation rules of the Messages API, checked after merging consecutive same-role messages into one turn (the
 * real API merges them too); `system` messages are left out:
 * the first turn is `user`; no message has empty content except a final assistant one; no text block is empty or
 * whitespace only (nor a whitespace-only string content or system prompt: the API reads them as text blocks);
 * every `tool_result` answers a `tool_use` of the turn just before; every `tool_use` is answered in the next turn.
 */
export function checkAnthropicTurns(body: Record<string, unknown>): RuleViolation[] {
  const messages = body.messages;
  if (!Array.isArray(messages)) return [];
  const out: RuleViolation[] = [];
  checkSystemText(body.system, out);
  const turns: Turn[] = [];
  messages.forEach((message, i) => {
    if (!isRecord(message) || message.role === 'system') return;
    const path = childPath(childPath('messages', i), 'content');
    const content = message.content;
    const empty = content === '' || (Array.isArray(content) && content.length === 0);
    if (empty && !(i === messages.length - 1 && message.role === 'assistant')) {
      out.push({
        path,
        message: `${path}: all messages must have non-empty content except for the optional final assistant message`,
      });
    } else if (typeof content === 'string' && content !== '' && isBlank(content)) {
      out.push({ path, message: BLANK('messages') });
    }
    let turn = turns[turns.length - 1];
    if (!turn || turn.role !== message.role) {
      turn = { role: String(message.role), blocks: [], path: childPath('messages', i) };
      turns.push(turn);
    }
    if (!Array.isArray(content)) return;
    content.forEach((block, j) => {
      if (!isRecord(block)) return;
      const blockPath = childPath(path, j);
      if (block.type === 'text' && block.text === '')
        out.push({
          path: childPath(blockPath, 'text'),
          message: `${blockPath}: text content blocks must be non-empty`,
        });
      else if (block.type === 'text' && typeof block.text === 'string' && isBlank(block.text))
        out.push({ path: childPath(blockPath, 'text'), message: BLANK('messages') });
      turn.blocks.push({ block, path: blockPath });
    });
  });
  if (turns[0] && turns[0].role !== 'user') {
    out.push({
      path: childPath(turns[0].path, 'role'),
      message: 'messages: the first message must use the "user" role',
    });
  }
  turns.forEach((turn, k) => {
    checkToolPairs(turn, turns[k - 1], turns[k + 1], out);
  });
  return out;
}

/** The API's own words for whitespace-only text (docs/wire-formats.md#gotchas). */
const BLANK = (where: 'messages' | 'system') => `${where}: text content blocks must contain non-whitespace text`;

function checkSystemText(system: unknown, out: RuleViolation[]): void {
  if (typeof system === 'string' && system !== '' && isBlank(system))
    out.push({ path: 'system', message: BLANK('system') });
  if (!Array.isArray(system)) return;
  system.forEach((block, j) => {
    if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string') return;
    const path = childPath('system', j);
    if (block.text === '')
      out.push({ path: childPath(path, 'text'), message: `${path}: text content blocks must be non-empty` });
    else if (isBlank(block.text)) out.push({ path: childPath(path, 'text'), message: BLANK('system') });
  });
}

function ids(turn: Turn | undefined, type: string, key: string): Set<unknown> {
  const found = new Set<unknown>();
  for (const { block } of turn?.blocks ?? []) if (block.type === type) found.add(block[key]);
  return found;
}

function checkToolPairs(turn: Turn, previous: Turn | undefined, next: Turn | undefined, out: RuleViolation[]): void {
  if (turn.role === 'user') {
    const asked = previous?.role === 'assistant' ? ids(previous, 'tool_use', 'id') : new Set<unknown>();
    for (const { block, path } of turn.blocks) {
      if (block.type !== 'tool_result' || asked.has(block.tool_use_id)) continue;
      out.push({
        path: childPath(path, 'tool_use_id'),
        message: `${path}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      });
    }
  } else if (turn.role === 'assistant' && next) {
    const answered = ids(next, 'tool_result', 'tool_use_id');
    const missing = [...ids(turn, 'tool_use', 'id')].filter((id) => !answered.has(id));
    if (missing.length > 0) {
      out.push({
        path: turn.path,
        message: `${turn.path}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
      });
    }
  }
}
