/**
 * Anthropic thinking budget <-> OpenAI `reasoning_effort`.
 *
 * budget -> effort: `low` <= 4096 < `medium` <= 16384 < `high`.
 * effort -> budget: minimal 1024, low 4096, medium 16384, high 32768, xhigh 49152, max 65536,
 * then capped below `max_tokens` (Anthropic needs 1024 <= budget_tokens < max_tokens).
 */

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export const BUDGET_BY_EFFORT: Readonly<Record<Exclude<ReasoningEffort, 'none'>, number>> = {
  minimal: 1024,
  low: 4096,
  medium: 16384,
  high: 32768,
  xhigh: 49152,
  max: 65536,
};

export const MIN_THINKING_BUDGET = 1024;

export function budgetToReasoningEffort(budget: number): 'low' | 'medium' | 'high' {
  if (budget <= 4096) return 'low';
  if (budget <= 16384) return 'medium';
  return 'high';
}

export function isReasoningEffort(v: unknown): v is ReasoningEffort {
  return v === 'none' || (typeof v === 'string' && Object.hasOwn(BUDGET_BY_EFFORT, v));
}

/**
 * The thinking budget for an effort given `max_tokens`: the table value capped at `max_tokens - 1`.
 * `undefined` when no budget >= 1024 fits below `max_tokens`.
 */
export function reasoningEffortToBudget(
  effort: Exclude<ReasoningEffort, 'none'>,
  maxTokens: number,
): number | undefined {
  const budget = Math.min(BUDGET_BY_EFFORT[effort], maxTokens - 1);
  return budget >= MIN_THINKING_BUDGET ? budget : undefined;
}
