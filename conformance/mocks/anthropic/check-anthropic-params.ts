import { childPath } from '../../../src/core/json-path.js';
import type { RuleViolation } from '../mock-types.js';
import { isRecord } from '../../../src/core/narrow.js';

const MIN_THINKING_BUDGET = 1024;

/**
 * Parameter rules beyond the spec: the thinking budget (>= 1024, and < `max_tokens` on `/v1/messages`), and what
 * API version `2026-10-21` removed: `temperature`/`top_p`/`top_k` (400 even at default values), `document` blocks
 * in assistant messages, text blocks with citations in user messages.
 */
export function checkAnthropicParams(body: Record<string, unknown>, version: string | null, endpoint: 'messages' | 'count_tokens'): RuleViolation[] {
  const out: RuleViolation[] = [];
  const thinking = body.thinking;
  if (isRecord(thinking) && thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    const budget = thinking.budget_tokens;
    if (budget < MIN_THINKING_BUDGET) {
      out.push({ path: 'thinking.budget_tokens', message: `thinking.budget_tokens: must be greater than or equal to ${MIN_THINKING_BUDGET}` });
    } else if (endpoint === 'messages' && typeof body.max_tokens === 'number' && budget >= body.max_tokens) {
      out.push({ path: 'thinking.budget_tokens', message: '`max_tokens` must be greater than `thinking.budget_tokens`' });
    }
  }
  if (version === '2026-10-21') checkVersion20261021(body, out);
  return out;
}

function checkVersion20261021(body: Record<string, unknown>, out: RuleViolation[]): void {
  for (const key of ['temperature', 'top_p', 'top_k']) {
    if (body[key] !== undefined) out.push({ path: key, message: `${key}: is not supported in anthropic-version 2026-10-21` });
  }
  if (!Array.isArray(body.messages)) return;
  body.messages.forEach((message, i) => {
    if (!isRecord(message) || !Array.isArray(message.content)) return;
    const contentPath = childPath(childPath('messages', i), 'content');
    message.content.forEach((block, j) => {
      const path = childPath(contentPath, j);
      if (!isRecord(block)) return;
      if (message.role === 'assistant' && block.type === 'document') {
        out.push({ path, message: `${path}: document blocks are not allowed in assistant messages in anthropic-version 2026-10-21` });
      }
      if (message.role === 'user') checkUserCitations(block, path, out);
    });
  });
}

function checkUserCitations(block: Record<string, unknown>, path: string, out: RuleViolation[]): void {
  if (block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
    out.push({ path: childPath(path, 'citations'), message: `${path}: text blocks with citations are not allowed in user messages in anthropic-version 2026-10-21` });
  }
  if (block.type === 'search_result' && Array.isArray(block.content)) {
    block.content.forEach((inner, k) => {
      if (isRecord(inner)) checkUserCitations(inner, childPath(childPath(path, 'content'), k), out);
    });
  }
}
