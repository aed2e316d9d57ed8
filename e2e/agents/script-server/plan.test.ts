import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pickTool, type ScriptPlan, shellQuote, splitInto, writeCommand } from './plan.js';

const plan: ScriptPlan = {
  nonce: 'n1',
  filePath: "/tmp/it's here/f.txt",
  content: `it's "quoted" $HOME \`x\` \\ done`,
  thinking: 'thinking',
  signature: 'c2ln',
  callId: 'call_n1',
};

const object = (properties: Record<string, unknown>, required: string[]) => ({ type: 'object', properties, required });

describe('pickTool', () => {
  it('prefers a file-writing tool over a shell tool, whatever the order', () => {
    const tools = [
      { name: 'Bash', schema: object({ command: { type: 'string' } }, ['command']) },
      {
        name: 'Edit',
        schema: object({ file_path: {}, old_string: {}, new_string: {} }, ['file_path', 'old_string', 'new_string']),
      },
      { name: 'Write', schema: object({ file_path: {}, content: {} }, ['file_path', 'content']) },
    ];
    expect(pickTool(tools, plan)).toEqual({
      name: 'Write',
      args: { file_path: plan.filePath, content: plan.content },
      kind: 'write-file',
    });
  });

  it('falls back to a shell tool, filling `description` when the schema has one', () => {
    const tools = [
      { name: 'read_file', schema: object({ file_path: {} }, ['file_path']) },
      { name: 'run_shell_command', schema: object({ command: {}, description: {}, dir_path: {} }, ['command']) },
    ];
    const choice = pickTool(tools, plan);
    expect(choice?.name).toBe('run_shell_command');
    expect(choice?.kind).toBe('shell');
    expect(choice?.args.command).toBe(writeCommand(plan));
    expect(typeof choice?.args.description).toBe('string');
  });

  it('skips a tool with a required property it cannot fill, and gives up when nothing fits', () => {
    const tools = [
      { name: 'write_to', schema: object({ path: {}, content: {}, mode: {} }, ['path', 'content', 'mode']) },
      { name: 'shell', schema: object({ cmd: {}, cwd: {} }, ['cmd', 'cwd']) },
    ];
    expect(pickTool(tools, plan)).toBeUndefined();
    expect(pickTool([], plan)).toBeUndefined();
  });
});

describe('writeCommand', () => {
  it('writes exactly the content and prints it back, whatever quotes the path and content hold', () => {
    const dir = execFileSync('mktemp', ['-d']).toString().trim();
    const local = { ...plan, filePath: `${dir}/it's here.txt` };
    const printed = execFileSync('sh', ['-c', writeCommand(local)]).toString();
    expect(printed).toBe(local.content);
    expect(execFileSync('cat', [local.filePath]).toString()).toBe(local.content);
  });

  it('shellQuote passes a value through sh unchanged', () => {
    for (const value of ["a'b", "''", 'x\ny', '$(echo no)']) {
      expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`]).toString()).toBe(value);
    }
  });
});

describe('splitInto', () => {
  it('splits into the asked number of non-empty pieces that join back to the text', () => {
    const parts = splitInto('abcdefghij', 4);
    expect(parts.length).toBe(4);
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect(parts.join('')).toBe('abcdefghij');
  });

  it('never makes more pieces than characters', () => {
    expect(splitInto('ab', 5)).toEqual(['a', 'b']);
    expect(splitInto('', 3)).toEqual(['']);
  });
});
