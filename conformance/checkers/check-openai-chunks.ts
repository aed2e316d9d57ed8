import { isRecord, NOT_JSON, tryParseJson, type Violation } from './violation.js';

/**
 * Checks a parsed OpenAI Chat Completions stream (chunk objects, `{error}` objects and the string `'[DONE]'`)
 * against docs/wire-formats.md#openai-chat-stream, more strictly than the official SDK. Returns every violation found.
 *
 * stream := chunk+ usage-chunk? '[DONE]'      or   chunk* {error}
 * (usage may also ride on the chunk that finishes every choice, as vLLM and Groq send it: a warning, not an error)
 */
export function checkOpenAIChunks(chunks: readonly unknown[]): Violation[] {
  const state = new OpenAIChunkState();
  for (let i = 0; i < chunks.length; i++) state.push(chunks[i], i);
  state.end(chunks.length);
  return state.violations;
}

const KNOWN_FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

interface ToolCallState {
  id: unknown;
  name: unknown;
  args: string;
  firstAt: number;
}

interface ChoiceState {
  finished: boolean;
  nextToolIndex: number;
  toolCalls: Map<number, ToolCallState>;
}

class OpenAIChunkState {
  readonly violations: Violation[] = [];
  private id: string | undefined;
  private doneAt = -1;
  private errorAt = -1;
  private usageAt = -1;
  private trailingReported = false;
  private readonly choices = new Map<number, ChoiceState>();

  private add(rule: string, index: number, message: string): void {
    this.violations.push({ rule, index, message });
  }

  push(chunk: unknown, i: number): void {
    if (this.doneAt >= 0 || this.errorAt >= 0) {
      // reported once, at the first chunk after the terminal one
      if (this.trailingReported) return;
      this.trailingReported = true;
      if (this.errorAt >= 0) this.add('after-error', i, 'data after an `{error}` chunk');
      else this.add(chunk === '[DONE]' ? 'done-once' : 'after-done', i, 'data after `[DONE]`');
      return;
    }
    if (chunk === '[DONE]') {
      this.doneAt = i;
      return;
    }
    if (!isRecord(chunk)) {
      this.add('chunk-shape', i, 'chunk is neither an object nor `[DONE]`');
      return;
    }
    if (chunk.error !== undefined) {
      const error = chunk.error;
      if (!isRecord(error) || typeof error.message !== 'string')
        this.add('error-shape', i, '`error.message` is not a string');
      this.errorAt = i;
      return;
    }
    if (this.usageAt >= 0) this.add('after-usage', i, 'a chunk after the usage chunk');
    if (chunk.object !== 'chat.completion.chunk') {
      this.add('object', i, `object is ${JSON.stringify(chunk.object)}, not "chat.completion.chunk"`);
    }
    this.checkId(chunk.id, i);
    if (!Array.isArray(chunk.choices)) {
      this.add('chunk-shape', i, '`choices` is not an array');
      return;
    }
    if (chunk.usage !== undefined && chunk.usage !== null) this.checkUsage(chunk.usage, chunk.choices, i);
    for (const choice of chunk.choices) this.checkChoice(choice, i);
  }

  end(length: number): void {
    if (this.errorAt >= 0) return;
    if (this.doneAt < 0) this.add('done-missing', length, 'stream ended without `[DONE]`');
    if (this.choices.size === 0) this.add('choice-missing', length, 'no choice in any chunk');
    for (const [index, choice] of this.choices) {
      if (!choice.finished) this.add('finish-reason-missing', length, `choice ${index} has no finish_reason`);
      for (const [callIndex, call] of choice.toolCalls) {
        if (tryParseJson(call.args) === NOT_JSON) {
          this.add('tool-call-arguments-json', call.firstAt, `arguments of tool call ${callIndex} are not valid JSON`);
        }
      }
    }
  }

  private checkId(id: unknown, i: number): void {
    if (typeof id !== 'string' || id === '') {
      this.add('id', i, 'chunk has no `id`');
    } else if (this.id === undefined) {
      this.id = id;
    } else if (id !== this.id) {
      this.add('id', i, `id ${id} differs from the stream's id ${this.id}`);
    }
  }

  private checkUsage(usage: unknown, choices: readonly unknown[], i: number): void {
    this.usageAt = i;
    // usage on the chunk that finishes every choice (vLLM, Groq, Portkey): the SDKs read it; OpenAI sends its own chunk
    const finishes = choices.length > 0 && choices.every((c) => isRecord(c) && typeof c.finish_reason === 'string');
    if (finishes)
      this.add(
        'warn:usage-on-finish-chunk',
        i,
        'usage on the finish chunk (OpenAI sends it in a chunk with `choices: []`)',
      );
    else if (choices.length !== 0)
      this.add('usage-chunk-shape', i, 'a chunk with `usage` must have `choices: []` or finish every choice');
    if (!isRecord(usage)) {
      this.add('usage-shape', i, '`usage` is not an object');
      return;
    }
    const { prompt_tokens: p, completion_tokens: c, total_tokens: t } = usage;
    if (!isCount(p) || !isCount(c) || !isCount(t)) {
      this.add('usage-shape', i, 'usage needs integer prompt_tokens, completion_tokens and total_tokens');
    } else if (t !== p + c) {
      this.add('usage-total', i, `total_tokens ${t} is not prompt_tokens + completion_tokens (${p + c})`);
    }
  }

  private checkChoice(choice: unknown, i: number): void {
    if (!isRecord(choice) || !isCount(choice.index) || !isRecord(choice.delta)) {
      this.add('chunk-shape', i, 'choice needs an integer `index` and a `delta` object');
      return;
    }
    const delta = choice.delta;
    let state = this.choices.get(choice.index);
    if (!state) {
      state = { finished: false, nextToolIndex: 0, toolCalls: new Map() };
      this.choices.set(choice.index, state);
      if (typeof delta.role !== 'string')
        this.add('role-first', i, `first delta of choice ${choice.index} has no role`);
    }
    if (state.finished && hasContent(delta)) {
      this.add('delta-after-finish', i, `choice ${choice.index} has content after its finish_reason`);
    }
    if (delta.tool_calls !== undefined && delta.tool_calls !== null) this.checkToolCalls(state, delta.tool_calls, i);
    const finish = choice.finish_reason;
    if (finish === null || finish === undefined) return;
    if (state.finished) this.add('finish-reason-once', i, `choice ${choice.index} has a second finish_reason`);
    state.finished = true;
    if (typeof finish !== 'string') this.add('chunk-shape', i, 'finish_reason is not a string');
    else if (!KNOWN_FINISH_REASONS.has(finish))
      this.add('warn:unknown-finish-reason', i, `unknown finish_reason ${finish}`);
  }

  private checkToolCalls(state: ChoiceState, toolCalls: unknown, i: number): void {
    if (!Array.isArray(toolCalls)) {
      this.add('chunk-shape', i, '`tool_calls` is not an array');
      return;
    }
    for (const call of toolCalls) {
      if (!isRecord(call) || !isCount(call.index)) {
        this.add('tool-call-index', i, 'tool call fragment without an integer `index`');
        continue;
      }
      const fn = isRecord(call.function) ? call.function : {};
      const args = typeof fn.arguments === 'string' ? fn.arguments : '';
      const known = state.toolCalls.get(call.index);
      if (known) {
        if ((call.id !== undefined && call.id !== known.id) || (fn.name !== undefined && fn.name !== known.name)) {
          this.add('tool-call-identity', i, `tool call ${call.index} changed its id or name`);
        }
        if (call.type !== undefined && call.type !== 'function')
          this.add('tool-call-identity', i, 'tool call changed its type');
        known.args += args;
        continue;
      }
      if (call.index !== state.nextToolIndex) {
        this.add('tool-call-index', i, `tool call index ${call.index}, expected ${state.nextToolIndex}`);
      }
      state.nextToolIndex = Math.max(state.nextToolIndex, call.index + 1);
      const complete = isNonEmptyString(call.id) && call.type === 'function' && isNonEmptyString(fn.name);
      if (!complete)
        this.add(
          'tool-call-first-fragment',
          i,
          `first fragment of tool call ${call.index} needs id, type and function.name`,
        );
      state.toolCalls.set(call.index, { id: call.id, name: fn.name, args, firstAt: i });
    }
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function hasContent(delta: Record<string, unknown>): boolean {
  return (
    (typeof delta.content === 'string' && delta.content !== '') ||
    (typeof delta.refusal === 'string' && delta.refusal !== '') ||
    (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0)
  );
}
