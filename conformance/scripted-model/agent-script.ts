import { isRecord } from '../../src/core/narrow.js';
import { countAllTokens, countTokens } from './count-tokens.js';
import type { AgentView, OfferedTool, ReplayedCall, ReplayedResult, Script, ScriptPrompt } from './script.js';

export type { AgentView, OfferedTool, ReplayedCall, ReplayedResult, ReplayedThinking } from './script.js';

import { signatureFor, stableHash } from './stable-hash.js';

/**
 * The scripted **agent** model: the two-turn tool loop a coding agent plays through a provider mock.
 *
 * A conversation whose user text holds an agent task (`agentPrompt`) and whose request offers a tool that can
 * carry it out (a file-writing tool, else a shell tool) is answered by the script instead of the echo:
 *
 * - turn 1 (no result of our tool call yet): thinking, signed (the provider's signature, thought signature or
 *   encrypted reasoning: `AgentView.signed`), and one call to the chosen tool, arguments from the task;
 * - turn 2 (the call's result is back): the final text `Done (<nonce>). <<tool-result>>RESULT<</tool-result>>`.
 *
 * On turn 2 `agentReplayViolations` checks what the client replayed: the call (id, name, arguments), the thinking
 * and its signature byte for byte, the result paired with the call's id. Each format's mock reads the neutral
 * `AgentView` from its own body and renders the `Script` in its own wire format.
 */

export const QUOTE_OPEN = '<<tool-result>>';
export const QUOTE_CLOSE = '<</tool-result>>';

/** What the agent is asked to do. */
export interface AgentTask {
  /** unique per run: ids, thinking and signature are derived from it */
  readonly nonce: string;
  /** absolute path of the file to write */
  readonly filePath: string;
  /** the file's content (no double quote) */
  readonly content: string;
}

/** The prompt an agent is started with: the mock finds the task in it (`findAgentTask`). */
export function agentPrompt(task: AgentTask): string {
  return (
    `[crosswire-e2e ${task.nonce}] Create the file ${task.filePath} containing exactly the text ` +
    `"${task.content}", then tell me what the tool answered.`
  );
}

const TASK = /\[crosswire-e2e ([0-9A-Za-z]+)\] Create the file (\S+) containing exactly the text "([^"]*)"/;

/** The task of the first text that holds one. */
export function findAgentTask(texts: readonly string[]): AgentTask | undefined {
  for (const text of texts) {
    const m = TASK.exec(text);
    if (m) return { nonce: m[1]!, filePath: m[2]!, content: m[3]! };
  }
  return undefined;
}

/** The final text of turn 2. */
export function agentFinalText(task: AgentTask, toolResult: string): string {
  return `Done (${task.nonce}). ${QUOTE_OPEN}${toolResult}${QUOTE_CLOSE}`;
}

/** The reasoning of turn 1 and its signature (deterministic from the task). */
export function agentThinking(task: AgentTask): { text: string; signature: string } {
  const text = `The user wants a file. I will write it with the tool, then report what the tool said (${task.nonce}).`;
  return { text, signature: signatureFor(text) };
}

/** The id of turn 1's call, without the format's prefix (`toolu_`, `call_`, `tooluse_`). */
export function agentCallSuffix(task: AgentTask): string {
  return `agent${task.nonce}`;
}

export interface ToolCallChoice {
  readonly name: string;
  /** JSON arguments; for a freeform (custom) tool, `{ input: <the raw input text> }` */
  readonly args: Record<string, unknown>;
  /** a file-writing tool, a shell tool, or (Codex "code mode") a freeform `exec` tool that calls the shell */
  readonly kind: 'write-file' | 'shell' | 'code-mode';
}

const PATH_KEYS = ['file_path', 'absolute_path', 'path', 'filename', 'file'];
const CONTENT_KEYS = ['content', 'contents', 'text'];
const COMMAND_KEYS = ['command', 'cmd'];

function propertiesOf(schema: unknown): Record<string, unknown> {
  return isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
}

function requiredOf(schema: unknown): string[] {
  return isRecord(schema) && Array.isArray(schema.required)
    ? schema.required.filter((r): r is string => typeof r === 'string')
    : [];
}

/** POSIX single-quoting: the argument comes through the shell unchanged. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The shell command that writes the file and prints it back (so the tool result shows the side effect). */
export function writeCommand(task: AgentTask): string {
  const file = shellQuote(task.filePath);
  return `printf '%s' ${shellQuote(task.content)} > ${file} && cat ${file}`;
}

/** A property whose type is an array (of strings): a command given as argv. */
function isArrayProperty(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const type = typeof schema.type === 'string' ? schema.type.toLowerCase() : undefined;
  return type === 'array';
}

/**
 * Picks the tool for turn 1 from the tools the client offered: a file-writing tool (a path and a content
 * property) if there is one, else a shell tool (a command property). Other required properties it knows nothing
 * about make a tool unusable. Undefined when no offered tool fits.
 */
export function pickTool(tools: readonly OfferedTool[], task: AgentTask): ToolCallChoice | undefined {
  const fits = (schema: unknown, filled: string[]): boolean => requiredOf(schema).every((r) => filled.includes(r));
  for (const tool of tools) {
    const props = Object.keys(propertiesOf(tool.schema));
    const pathKey = PATH_KEYS.find((k) => props.includes(k));
    const contentKey = CONTENT_KEYS.find((k) => props.includes(k));
    if (pathKey && contentKey && fits(tool.schema, [pathKey, contentKey])) {
      return { name: tool.name, args: { [pathKey]: task.filePath, [contentKey]: task.content }, kind: 'write-file' };
    }
  }
  for (const tool of tools) {
    const properties = propertiesOf(tool.schema);
    const commandKey = COMMAND_KEYS.find((k) => k in properties);
    if (!commandKey) continue;
    const command = writeCommand(task);
    const args: Record<string, unknown> = {
      [commandKey]: isArrayProperty(properties[commandKey]) ? ['bash', '-lc', command] : command,
    };
    if ('description' in properties) args.description = 'Write the requested file and print it';
    if (fits(tool.schema, Object.keys(args))) return { name: tool.name, args, kind: 'shell' };
  }
  return undefined;
}

/** Structural equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Where the conversation stands: no task, turn 1 (the call to make), or turn 2 (the call made, its result). */
type AgentTurn =
  | { turn: 1; task: AgentTask; tool: ToolCallChoice }
  | { turn: 2; task: AgentTask; tool: ToolCallChoice; call: ReplayedCall | undefined; result: ReplayedResult };

/**
 * Turn 2 once a result answers the call: found by its name and arguments (a gateway may rename the id on the way,
 * e.g. a Gemini client's call id; providers only require that a result pairs with a call of the history), the
 * result by that call's id (by name in formats without ids).
 */
function agentTurn(view: AgentView): AgentTurn | undefined {
  const task = findAgentTask(view.userTexts);
  if (!task) return undefined;
  const tool = pickTool(view.tools, task);
  if (!tool) return undefined;
  const call = view.calls.find((c) => c.name === tool.name && jsonEqual(c.input, tool.args));
  // a call of that tool replayed with other arguments still reaches turn 2, where it is a violation
  const named = call ?? view.calls.find((c) => c.name === tool.name);
  const result =
    view.callIdPrefix === undefined || named?.id === undefined
      ? view.results.find((r) => r.name === tool.name || (named?.id !== undefined && r.id === named.id))
      : view.results.find((r) => r.id === named.id);
  if (!result) return { turn: 1, task, tool };
  return { turn: 2, task, tool, call, result };
}

/** The script's answer for an agent conversation; undefined when the conversation holds no agent task. */
export function playAgentScript(prompt: ScriptPrompt, view: AgentView): Script | undefined {
  const at = agentTurn(view);
  if (!at) return undefined;
  const inputTokens = countAllTokens(prompt.inputTexts);
  const id = stableHash(JSON.stringify([at.task.nonce, at.turn, prompt.inputTexts.length]));
  if (at.turn === 2) {
    const text = agentFinalText(at.task, at.result.text);
    return {
      id,
      thinking: null,
      text,
      toolCalls: [],
      stop: 'end_turn',
      stopSequence: null,
      usage: { inputTokens, outputTokens: countTokens(text), thinkingTokens: 0 },
    };
  }
  const thinking = prompt.thinking || view.signed ? agentThinking(at.task) : null;
  const thinkingTokens = thinking ? countTokens(thinking.text) : 0;
  return {
    id,
    thinking,
    text: '',
    toolCalls: [{ id: agentCallSuffix(at.task), name: at.tool.name, input: at.tool.args }],
    stop: 'tool_use',
    stopSequence: null,
    usage: {
      inputTokens,
      outputTokens: thinkingTokens + countTokens(JSON.stringify(at.tool.args)),
      thinkingTokens,
    },
  };
}

/** A replay the provider would refuse (its mock answers 400 with the message). */
export interface AgentReplayViolation {
  readonly path: string;
  readonly message: string;
}

/**
 * Turn 2's checks of what the client replayed: the call it was given (same id, name and arguments), the result
 * paired with that call, and — when turn 1 was signed — the signature byte for byte (and the reasoning text, where
 * the format replays it). Empty on turn 1 and outside agent conversations.
 */
export function agentReplayViolations(prompt: ScriptPrompt, view: AgentView): AgentReplayViolation[] {
  const at = agentTurn(view);
  if (at?.turn !== 2) return [];
  const out: AgentReplayViolation[] = [];
  const { call } = at;
  const label = call?.id ?? at.tool.name;
  if (!call) {
    out.push({
      path: 'history',
      message: `agent script: the tool call ${at.tool.name} ${JSON.stringify(at.tool.args)} is not replayed as sent`,
    });
  } else if (view.callIdPrefix !== undefined && call.id !== at.result.id) {
    out.push({ path: 'history', message: `agent script: the tool result answers ${at.result.id}, not ${label}` });
  }
  if (prompt.thinking || view.signed) {
    const sent = agentThinking(at.task);
    if (view.signed) {
      const replayed = view.thinking.find((t) => t.signature === sent.signature);
      if (!replayed) {
        const got = view.thinking.map((t) => JSON.stringify(t.signature)).join(', ') || 'none';
        out.push({
          path: 'history',
          message: `agent script: the signature ${JSON.stringify(sent.signature)} of turn 1 is not replayed byte for byte (replayed: ${got})`,
        });
      } else if (replayed.text !== undefined && replayed.text !== sent.text) {
        out.push({
          path: 'history',
          message: `agent script: the thinking of turn 1 replayed as ${JSON.stringify(replayed.text)}`,
        });
      }
    }
  }
  return out;
}

/** The text of turn 2's tool result, as the provider saw it (undefined outside turn 2). */
export function agentToolResult(view: AgentView): string | undefined {
  const at = agentTurn(view);
  return at?.turn === 2 ? at.result.text : undefined;
}
