import { anthropicVersionRules } from '../../../src/validate/anthropic-version-rules.js';
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
  out.push(...anthropicVersionRules(body, version));
  return out;
}
