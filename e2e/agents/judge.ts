/** Whether one agent run passed, and why not. Pure: everything it needs is handed in. */
import { finalText, type ScriptPlan } from './script-server/plan.js';
import type { Check } from './script-server/types.js';

export interface RunOutcome {
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** the file's text, or undefined when it does not exist */
  readonly fileContent: string | undefined;
  /** the tool result the server received on turn 2, or undefined when turn 2 never came */
  readonly toolResult: string | undefined;
  /** the agent's final answer as it printed it */
  readonly answer: string;
  readonly checks: readonly Check[];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Reasons the run failed; empty when it passed. */
export function judge(plan: ScriptPlan, outcome: RunOutcome): string[] {
  const reasons: string[] = [];
  if (outcome.timedOut) reasons.push('timed out');
  else if (outcome.exitCode !== 0) reasons.push(`exit code ${outcome.exitCode}`);
  if (outcome.fileContent === undefined) reasons.push(`file ${plan.filePath} was not written`);
  else if (outcome.fileContent !== plan.content) {
    reasons.push(`file holds ${JSON.stringify(outcome.fileContent)}, expected ${JSON.stringify(plan.content)}`);
  }
  if (outcome.toolResult === undefined) {
    reasons.push('the server never received the tool result (no turn 2)');
  } else {
    if (!outcome.toolResult.includes(plan.content) && !outcome.toolResult.includes(plan.filePath)) {
      reasons.push(`the tool result names neither the file nor its content: ${JSON.stringify(outcome.toolResult)}`);
    }
    if (!squash(outcome.answer).includes(squash(finalText(plan, outcome.toolResult)))) {
      reasons.push(`the final answer does not quote the tool result: ${JSON.stringify(outcome.answer.slice(0, 300))}`);
    }
  }
  for (const check of outcome.checks) if (!check.ok) reasons.push(`${check.name}: ${check.detail}`);
  return reasons;
}
