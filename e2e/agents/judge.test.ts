import { describe, expect, it } from 'vitest';
import { judge, type RunOutcome } from './judge.js';
import { finalText, type ScriptPlan } from './script-server/plan.js';

const plan: ScriptPlan = {
  nonce: 'n9',
  filePath: '/w/crosswire-n9.txt',
  content: 'the content',
  thinking: 't',
  signature: 's',
  callId: 'c',
};
const toolResult = 'File created successfully at: /w/crosswire-n9.txt';
const passing: RunOutcome = {
  exitCode: 0,
  timedOut: false,
  fileContent: 'the content',
  toolResult,
  answer: `Some preamble\n${finalText(plan, toolResult)}\n`,
  checks: [{ name: 'sig', ok: true, detail: 'same' }],
};

describe('judge', () => {
  it('passes a run that exited 0, wrote the file and quoted the tool result', () => {
    expect(judge(plan, passing)).toEqual([]);
  });

  it('accepts a quote whose whitespace the agent reflowed', () => {
    const multiLine = 'line one\nline two';
    const outcome = {
      ...passing,
      toolResult: `${multiLine} the content`,
      answer: finalText(plan, `line one  line two the content`),
    };
    expect(judge(plan, outcome)).toEqual([]);
  });

  it('names each way a run can fail', () => {
    expect(judge(plan, { ...passing, exitCode: 1 })).toEqual(['exit code 1']);
    expect(judge(plan, { ...passing, timedOut: true, exitCode: null })).toEqual(['timed out']);
    expect(judge(plan, { ...passing, fileContent: undefined })).toEqual(['file /w/crosswire-n9.txt was not written']);
    expect(judge(plan, { ...passing, fileContent: 'the content\n' })[0]).toMatch(/^file holds/);
    expect(judge(plan, { ...passing, toolResult: undefined })).toEqual([
      'the server never received the tool result (no turn 2)',
    ]);
    expect(judge(plan, { ...passing, answer: 'Done.' })[0]).toMatch(/does not quote the tool result/);
    expect(judge(plan, { ...passing, checks: [{ name: 'sig', ok: false, detail: 'changed' }] })).toEqual([
      'sig: changed',
    ]);
  });

  it('fails a tool result that shows no sign of the file (e.g. a permission refusal)', () => {
    const refusal = 'Permission to use Write has been denied.';
    const outcome = { ...passing, toolResult: refusal, answer: finalText(plan, refusal) };
    expect(judge(plan, outcome)[0]).toMatch(/names neither the file nor its content/);
  });
});
