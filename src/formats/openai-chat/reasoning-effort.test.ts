import { describe, expect, it } from 'vitest';
import { budgetToReasoningEffort, isReasoningEffort, reasoningEffortToBudget } from './reasoning-effort.js';

describe('reasoning effort <-> thinking budget', () => {
  it.each([
    [1024, 'low'],
    [4096, 'low'],
    [4097, 'medium'],
    [16384, 'medium'],
    [16385, 'high'],
    [100000, 'high'],
  ])('budget %i -> %s', (b, e) => expect(budgetToReasoningEffort(b)).toBe(e));
  it('effort -> budget below max_tokens and at least 1024', () => {
    expect(reasoningEffortToBudget('minimal', 64000)).toBe(1024);
    expect(reasoningEffortToBudget('low', 64000)).toBe(4096);
    expect(reasoningEffortToBudget('medium', 64000)).toBe(16384);
    expect(reasoningEffortToBudget('high', 64000)).toBe(32768);
    expect(reasoningEffortToBudget('max', 64000)).toBe(63999);
    expect(reasoningEffortToBudget('high', 2000)).toBe(1999);
    expect(reasoningEffortToBudget('low', 1024)).toBeUndefined();
  });
  it('round trips low/medium/high', () => {
    for (const e of ['low', 'medium', 'high'] as const)
      expect(budgetToReasoningEffort(reasoningEffortToBudget(e, 100000) ?? 0)).toBe(e);
  });
  it('recognises efforts', () => {
    expect(isReasoningEffort('none')).toBe(true);
    expect(isReasoningEffort('xhigh')).toBe(true);
    expect(isReasoningEffort('toString')).toBe(false);
    expect(isReasoningEffort(3)).toBe(false);
  });
});
