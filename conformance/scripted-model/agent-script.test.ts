import { describe, expect, it } from 'vitest';
import {
  type AgentView,
  agentPrompt,
  agentReplayViolations,
  agentThinking,
  agentToolResult,
  findAgentTask,
  pickTool,
  playAgentScript,
} from './agent-script.js';
import type { ScriptPrompt } from './script.js';

const task = { nonce: 'abc123', filePath: '/tmp/agent-cwd/crosswire-abc123.txt', content: 'hello from the script' };
const writeTool = {
  name: 'Write',
  schema: {
    type: 'object',
    properties: { file_path: { type: 'string' }, content: { type: 'string' } },
    required: ['file_path', 'content'],
  },
};
const shellTool = {
  name: 'shell',
  schema: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } } } },
};
const args = { file_path: task.filePath, content: task.content };
const thinking = agentThinking(task);

function view(over: Partial<AgentView> = {}): AgentView {
  return {
    userTexts: ['some context', agentPrompt(task)],
    tools: [writeTool],
    calls: [],
    results: [],
    thinking: [],
    signed: true,
    callIdPrefix: 'toolu_',
    ...over,
  };
}

function prompt(agent: AgentView, thinkingAsked = true): ScriptPrompt {
  return {
    lastUserText: '',
    inputTexts: agent.userTexts,
    maxTokens: undefined,
    stopSequences: [],
    thinking: thinkingAsked,
    forcedTool: undefined,
    agent,
  };
}

/** The history of turn 2 as a faithful client replays it. */
const turn2 = (over: Partial<AgentView> = {}): AgentView =>
  view({
    calls: [{ id: 'toolu_agentabc123', name: 'Write', input: args }],
    results: [{ id: 'toolu_agentabc123', name: undefined, text: 'File created successfully' }],
    thinking: [{ text: thinking.text, signature: thinking.signature }],
    ...over,
  });

describe('the scripted agent model', () => {
  it('finds the task in the prompt it wrote', () => {
    expect(findAgentTask(['x', agentPrompt(task)])).toEqual(task);
    expect(findAgentTask(['no task here'])).toBeUndefined();
  });

  it('prefers a file-writing tool, else a shell tool (an argv command as bash -lc)', () => {
    expect(pickTool([shellTool, writeTool], task)).toEqual({ name: 'Write', args, kind: 'write-file' });
    const shell = pickTool([shellTool], task);
    expect(shell?.kind).toBe('shell');
    expect(shell?.args.command).toEqual(['bash', '-lc', expect.stringContaining(task.filePath)]);
    expect(pickTool([{ name: 'Read', schema: { properties: { file_path: {} } } }], task)).toBeUndefined();
  });

  it('turn 1: signed thinking and one call to the chosen tool', () => {
    const script = playAgentScript(prompt(view()), view());
    expect(script).toMatchObject({
      thinking,
      text: '',
      stop: 'tool_use',
      toolCalls: [{ id: 'agentabc123', name: 'Write', input: args }],
    });
  });

  it('turn 1 without thinking asked nor a signature to carry: no thinking', () => {
    const unsigned = view({ signed: false });
    expect(playAgentScript(prompt(unsigned, false), unsigned)?.thinking).toBeNull();
  });

  it('turn 2: the final text quotes the result, and a faithful replay breaks no rule', () => {
    const script = playAgentScript(prompt(turn2()), turn2());
    expect(script?.text).toBe('Done (abc123). <<tool-result>>File created successfully<</tool-result>>');
    expect(script?.stop).toBe('end_turn');
    expect(agentReplayViolations(prompt(turn2()), turn2())).toEqual([]);
    expect(agentToolResult(turn2())).toBe('File created successfully');
  });

  it('turn 2 pairs the result with the replayed call even when a gateway renamed the id', () => {
    const renamed = turn2({
      calls: [{ id: 'toolu_gid_x', name: 'Write', input: args }],
      results: [{ id: 'toolu_gid_x', name: undefined, text: 'ok' }],
    });
    expect(agentReplayViolations(prompt(renamed), renamed)).toEqual([]);
  });

  it('turn 2 refuses a signature changed by one byte, or its thinking text changed', () => {
    const sig = turn2({ thinking: [{ text: thinking.text, signature: `${thinking.signature.slice(0, -1)}A` }] });
    expect(agentReplayViolations(prompt(sig), sig).map((v) => v.message)).toEqual([
      expect.stringContaining('is not replayed byte for byte'),
    ]);
    const text = turn2({ thinking: [{ text: '', signature: thinking.signature }] });
    expect(agentReplayViolations(prompt(text), text).map((v) => v.message)).toEqual([
      expect.stringContaining('the thinking of turn 1 replayed as ""'),
    ]);
    // formats that replay no reasoning text (Gemini, Responses) are checked on the signature alone
    const noText = turn2({ thinking: [{ text: undefined, signature: thinking.signature }] });
    expect(agentReplayViolations(prompt(noText), noText)).toEqual([]);
  });

  it('turn 2 refuses changed arguments and a result that answers another call', () => {
    const changed = turn2({
      calls: [{ id: 'toolu_agentabc123', name: 'Write', input: { ...args, content: 'other' } }],
    });
    expect(agentReplayViolations(prompt(changed), changed).map((v) => v.message)).toEqual([
      expect.stringContaining('is not replayed as sent'),
    ]);
    const unpaired = turn2({
      calls: [
        { id: 'toolu_agentabc123', name: 'Write', input: args },
        { id: 'toolu_other', name: 'Write', input: { ...args, content: 'other' } },
      ],
      results: [{ id: 'toolu_other', name: undefined, text: 'ok' }],
    });
    // the result answers a call that is not ours: no turn 2 for our call, so the script plays turn 1 again
    expect(playAgentScript(prompt(unpaired), unpaired)?.stop).toBe('tool_use');
  });

  it('Gemini (no call ids) pairs by name', () => {
    const gemini = turn2({
      callIdPrefix: undefined,
      calls: [{ id: undefined, name: 'Write', input: args }],
      results: [{ id: undefined, name: 'Write', text: 'ok' }],
      thinking: [{ text: undefined, signature: thinking.signature }],
    });
    expect(agentReplayViolations(prompt(gemini), gemini)).toEqual([]);
    expect(playAgentScript(prompt(gemini), gemini)?.text).toContain('<<tool-result>>ok<</tool-result>>');
  });

  it('outside an agent conversation it does nothing', () => {
    const plain = view({ userTexts: ['hello'] });
    expect(playAgentScript(prompt(plain), plain)).toBeUndefined();
    expect(agentReplayViolations(prompt(plain), plain)).toEqual([]);
  });
});
