import { isRecord } from '../../../src/core/narrow.js';
import { anthropicVersionRules } from '../../../src/validate/anthropic-version-rules.js';
import type { RuleViolation } from '../mock-types.js';

const MIN_THINKING_BUDGET = 1024;

/**
 * Parameter rules beyond the spec: the thinking budget (>= 1024, and < `max_tokens` on `/v1/messages`), and what
 * API version `2026-10-21` removed: `temperature`/`top_p`/`top_k` (400 even at default values), `document` blocks
 * in assistant messages, text blocks with citations in user messages; and what thinking is incompatible with.
 */
export function checkAnthropicParams(
  body: Record<string, unknown>,
  version: string | null,
  endpoint: 'messages' | 'count_tokens',
): RuleViolation[] {
  const out: RuleViolation[] = [];
  const thinking = body.thinking;
  if (isRecord(thinking) && thinking.type === 'enabled' && typeof thinking.budget_tokens === 'number') {
    const budget = thinking.budget_tokens;
    if (budget < MIN_THINKING_BUDGET) {
      out.push({
        path: 'thinking.budget_tokens',
        message: `thinking.budget_tokens: must be greater than or equal to ${MIN_THINKING_BUDGET}`,
      });
    } else if (endpoint === 'messages' && typeof body.max_tokens === 'number' && budget >= body.max_tokens) {
      out.push({
        path: 'thinking.budget_tokens',
        message: '`max_tokens` must be greater than `thinking.budget_tokens`',
      });
    }
  }
  if (isRecord(thinking) && (thinking.type === 'enabled' || thinking.type === 'adaptive'))
    checkThinkingCompatibility(body, out);
  out.push(...anthropicVersionRules(body, version));
  return out;
}

/**
 * What extended thinking is not compatible with (Anthropic's "Building with extended thinking"): a `tool_choice`
 * that forces tool use (`any`, `tool`), a `temperature` other than 1, `top_k`, and `top_p` below 0.95.
 */
function checkThinkingCompatibility(body: Record<string, unknown>, out: RuleViolation[]): void {
  const choice = body.tool_choice;
  if (isRecord(choice) && (choice.type === 'any' || choice.type === 'tool')) {
    out.push({ path: 'tool_choice', message: 'Thinking may not be enabled when tool_choice forces tool use.' });
  }
  if (typeof body.temperature === 'number' && body.temperature !== 1) {
    out.push({ path: 'temperature', message: '`temperature` may only be set to 1 when thinking is enabled.' });
  }
  if (body.top_k !== undefined)
    out.push({ path: 'top_k', message: '`top_k` is not supported when thinking is enabled.' });
  if (typeof body.top_p === 'number' && body.top_p < 0.95) {
    out.push({ path: 'top_p', message: '`top_p` must be greater than or equal to 0.95 when thinking is enabled.' });
  }
}
