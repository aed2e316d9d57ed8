import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import type { AnthropicStreamEvent } from '../../formats/anthropic-messages/codec.js';
import { anthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { messageEndEvents, messageStartEvent } from '../../formats/anthropic-messages/message-events.js';
import { isServerToolBlockType } from '../../formats/anthropic-messages/server-tools.js';
import { OPENAI_DONE } from '../../formats/openai-chat/codec.js';
import { readThinkingPart } from './convert-chat-content-array.js';
import { annotationsToCitations } from './map-citations.js';
import { openaiErrorTypeToAnthropic } from './map-errors.js';
import { openaiFinishReasonToAnthropic } from './map-stop-reason.js';
import { restoreToolName } from './map-tool-names.js';
import { openaiUsageToAnthropic } from './map-usage.js';
import { isEmptyValue } from './report-unknown-keys.js';
import { reportOpenAIUsageLosses } from './report-usage-losses.js';

/**
 * OpenAI chat completion chunks -> Anthropic stream events (docs/streaming.md).
 *
 * - `message_start` first (id/model from options, else from the first chunk; usage zeros).
 * - `content` -> a text block (a list of typed parts, as Mistral sends: text parts -> text, thinking parts ->
 *   thinking, other parts a reported loss); `reasoning_content` / `reasoning` -> a thinking block; the crosswire
 *   `content_blocks` extension -> thinking blocks with their signatures (it wins over `reasoning_content`
 *   in the same delta, which then only mirrors it) and redacted_thinking blocks. No empty blocks.
 * - `tool_calls` fragments -> tool_use blocks. Blocks stay sequential: the first call streams live;
 *   once a second call shows up, the calls after the live one are buffered and emitted, in index order,
 *   when the tool calls are over (finish_reason, or a text/thinking block that has to start).
 * - `refusal` text -> `stop_reason: refusal` with `stop_details.explanation` (as the non-stream translation);
 *   `annotations` (url_citation) -> `citations_delta` on the open text block.
 * - `finish_reason` closes the blocks, then waits for usage (the usage chunk follows it with
 *   `include_usage`); usage or `[DONE]` -> `message_delta` + `message_stop`. A bare end of input after the
 *   finish: when the request translation asked for `include_usage` (`context.stream`), the stream was cut
 *   -> an `error` event; otherwise (usage never asked for) `message_delta` + `message_stop`.
 * - `{error}` -> an Anthropic `error` event and nothing after it. No `finish_reason` before the
 *   end -> an `error` event, never a clean `message_stop`.
 * - Accepted without loss: `obfuscation`, `usage: null`, empty deltas, repeated `role`, fields that carry
 *   nothing (`null`, `{}`), Together's choice `text` when it mirrors `delta.content`. Every other unknown
 *   field is a loss, reported once per path (docs/streaming.md, "Loss policy").
 * - OpenAI-compatible servers: a leading chunk with `choices: []` and no usage (Azure
 *   `prompt_filter_results`) does not start the message; empty `id` / `model` are not taken; tool-call
 *   fragments without `index` are matched by `id`, else a named fragment starts a new call and an unnamed one
 *   continues the last; an empty `id` is not an id; `finish_reason: "eos"` (Together) is `stop`.
 */

type Event = AnthropicStreamEvent;

interface ToolCall {
  openaiIndex: number;
  id: string | undefined;
  name: string | undefined;
  args: string[];
  /** anthropic block index once started */
  block: number;
  closed: boolean;
}

type Open =
  /** `cited`: the `content_blocks` index whose citations this block carries (-1: none) */
  | { kind: 'text'; cited: number }
  | { kind: 'server' }
  | { kind: 'thinking'; key: string; signed: boolean }
  | { kind: 'tool'; call: ToolCall }
  | null;

/** chunk keys that are carried or deliberately dropped as meaningless */
const CHUNK_KEYS = new Set([
  'id',
  'object',
  'created',
  'model',
  'choices',
  'usage',
  'obfuscation',
  'system_fingerprint',
  'service_tier',
  'x_groq',
]);
const CHOICE_KEYS = new Set(['index', 'delta', 'finish_reason', 'logprobs', 'stop_sequence', 'text']);
const DELTA_KEYS = new Set([
  'role',
  'content',
  'refusal',
  'tool_calls',
  'reasoning_content',
  'reasoning',
  'content_blocks',
  'annotations',
]);
const TOOL_CALL_KEYS = new Set(['index', 'id', 'type', 'function', 'custom']);
const FUNCTION_KEYS = new Set(['name', 'arguments']);
const FINISH_REASONS = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/** a chunk that precedes the answer and carries no choice or usage (Azure's `prompt_filter_results` chunk) */
function isPreamble(chunk: JsonObject): boolean {
  return Array.isArray(chunk.choices) && chunk.choices.length === 0 && !isRecord(chunk.usage);
}

const nonEmptyString = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** a delta that carries something besides `role` */
function hasContent(delta: unknown): boolean {
  if (!isRecord(delta)) return false;
  for (const [k, v] of Object.entries(delta)) {
    if (k === 'role' || v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    return true;
  }
  return false;
}

/**
 * A mid-stream error has no HTTP status; infer the one the same error would have had as a response, so
 * the shared type mapping picks the right Anthropic type (rate limits arrive as code `rate_limit_exceeded`
 * with types like `tokens` or `requests`).
 */
function streamErrorStatus(e: JsonObject): number {
  if (typeof e.status === 'number') return e.status;
  if (e.code === 'rate_limit_exceeded' || e.type === 'rate_limit_error' || e.type === 'tokens' || e.type === 'requests')
    return 429;
  if (e.code === 'insufficient_quota' || e.type === 'insufficient_quota') return 402;
  if (e.type === 'invalid_request_error') return 400;
  if (e.type === 'authentication_error') return 401;
  if (e.type === 'permission_error') return 403;
  if (e.type === 'not_found_error') return 404;
  return 500;
}

export function createOpenAIToAnthropicStream(options: TranslateOptions = {}): StreamTranslator<unknown, Event> {
  const losses = new OnceLossCollector(options.strict ?? false);
  const toolNames = options.context?.toolNames;
  let state: 'before' | 'open' | 'finished' | 'done' = 'before';
  let nextBlock = 0;
  let open: Open = null;
  const calls = new Map<number, ToolCall>();
  /** the OpenAI index of the last tool-call fragment seen, and the highest index so far (fragments without `index`) */
  let lastCallIndex = -1;
  let maxCallIndex = -1;
  /** OpenAI indexes of tool calls that cannot be carried (custom tools) */
  const ignoredCalls = new Set<number>();
  /** calls waiting for the live call's block to close, by OpenAI index */
  const pending: ToolCall[] = [];
  let anyToolCall = false;
  let refusal = '';
  /** all text sent so far, for annotation offsets (joined only when annotations come) */
  const textParts: string[] = [];
  let finishReason: unknown = null;
  let stopSequence: unknown;
  let usage: unknown = null;
  /** the citations came whole in `content_blocks`: the annotations only repeat them */
  let citationsCarried = false;

  const lossOnce = (path: string, reason: string): void => losses.add(path, reason);
  const bad = (message: string): never => {
    throw new TranslationError('upstream', `OpenAI stream: ${message}`);
  };

  function start(chunk: JsonObject, out: Event[]): void {
    state = 'open';
    // the same defaults as the non-stream translation (response-to-anthropic.ts)
    const chunkId = nonEmptyString(chunk.id);
    const id =
      options.id ?? (chunkId !== undefined ? (chunkId.startsWith('msg_') ? chunkId : `msg_${chunkId}`) : 'msg_0');
    const model = options.model ?? nonEmptyString(chunk.model) ?? options.context?.clientModel ?? '';
    out.push(messageStartEvent(id, model, { input_tokens: 0, output_tokens: 0 }));
  }

  function closeOpen(out: Event[]): void {
    if (open === null) return;
    const index = nextBlock - 1;
    if (open.kind === 'tool') open.call.closed = true;
    out.push({ type: 'content_block_stop', index });
    open = null;
  }

  /** close the live tool call and emit every buffered one */
  function settleTools(out: Event[]): void {
    if (open?.kind === 'tool') closeOpen(out);
    pending.sort((a, b) => a.openaiIndex - b.openaiIndex);
    for (const call of pending.splice(0)) {
      startTool(call, out);
      const args = call.args.join('');
      call.args = [];
      if (args !== '')
        out.push({
          type: 'content_block_delta',
          index: call.block,
          delta: { type: 'input_json_delta', partial_json: args },
        });
      closeOpen(out);
    }
  }

  function startTool(call: ToolCall, out: Event[]): void {
    closeOpen(out);
    call.block = nextBlock++;
    const name = call.name === undefined ? '' : restoreToolName(call.name, toolNames);
    if (call.name === undefined) bad(`tool call ${call.openaiIndex} has no function name`);
    out.push({
      type: 'content_block_start',
      index: call.block,
      content_block: { type: 'tool_use', id: call.id ?? `toolu_${call.openaiIndex}`, name, input: {} },
    });
    open = { kind: 'tool', call };
  }

  function text(value: string, out: Event[]): void {
    if (value === '') return;
    if (open?.kind !== 'text') {
      settleTools(out);
      closeOpen(out);
      out.push({ type: 'content_block_start', index: nextBlock++, content_block: { type: 'text', text: '' } });
      open = { kind: 'text', cited: -1 };
    }
    textParts.push(value);
    out.push({ type: 'content_block_delta', index: nextBlock - 1, delta: { type: 'text_delta', text: value } });
  }

  /** url_citation annotations -> citations_delta on the open text block (offsets into all text so far) */
  function annotations(list: unknown, path: string, out: Event[]): void {
    if (citationsCarried) return;
    const collector = new LossCollector(false);
    const citations = annotationsToCitations(list, textParts.join(''), path, collector);
    for (const l of collector.list) lossOnce(l.path, l.reason);
    if (citations.length === 0) return;
    if (open?.kind !== 'text') {
      lossOnce(path, 'annotations that arrive outside a text block cannot be attached to it');
      return;
    }
    for (const citation of citations)
      out.push({ type: 'content_block_delta', index: nextBlock - 1, delta: { type: 'citations_delta', citation } });
  }

  function thinking(key: string, value: string | undefined, signature: string | undefined, out: Event[]): void {
    if (!(open?.kind === 'thinking' && open.key === key)) {
      if ((value === undefined || value === '') && signature === undefined) return;
      settleTools(out);
      closeOpen(out);
      out.push({
        type: 'content_block_start',
        index: nextBlock++,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      open = { kind: 'thinking', key, signed: false };
    }
    const index = nextBlock - 1;
    if (value !== undefined && value !== '')
      out.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: value } });
    if (signature !== undefined) {
      out.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature } });
      open.signed = true;
    }
  }

  function redacted(data: string, out: Event[]): void {
    settleTools(out);
    closeOpen(out);
    const index = nextBlock++;
    out.push({ type: 'content_block_start', index, content_block: { type: 'redacted_thinking', data } });
    out.push({ type: 'content_block_stop', index });
  }

  /** a server tool block of `content_blocks`, as it started: a call stays open for its input, a result is whole */
  function serverBlock(block: JsonObject, out: Event[]): void {
    settleTools(out);
    closeOpen(out);
    const index = nextBlock++;
    out.push({ type: 'content_block_start', index, content_block: block });
    if (block.type === 'server_tool_use') open = { kind: 'server' };
    else out.push({ type: 'content_block_stop', index });
  }

  /** a whole citation of `content_blocks` entry `at`: on the text block of that entry (opened for it if need be) */
  function citation(at: number, value: unknown, out: Event[]): void {
    citationsCarried = true;
    if (!(open?.kind === 'text' && (open.cited === at || open.cited === -1))) {
      settleTools(out);
      closeOpen(out);
      const index = nextBlock++;
      out.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
    }
    open = { kind: 'text', cited: at };
    out.push({
      type: 'content_block_delta',
      index: nextBlock - 1,
      delta: { type: 'citations_delta', citation: value },
    });
  }

  function contentBlocks(list: unknown, path: string, out: Event[]): void {
    if (!Array.isArray(list)) {
      lossOnce(path, 'content_blocks is not an array');
      return;
    }
    for (let i = 0; i < list.length; i++) {
      const item: unknown = list[i];
      if (isRecord(item) && isRecord(item.content_block)) {
        const block = item.content_block;
        // a text block sent whole repeats text `delta.content` carried
        if (isServerToolBlockType(block.type)) serverBlock({ ...block }, out);
        else if (block.type !== 'text') lossOnce(`${path}[${i}]`, 'content_blocks entry of an unknown kind');
        continue;
      }
      const d = isRecord(item) && isRecord(item.delta) ? item.delta : undefined;
      const key = isRecord(item) ? `cb:${String(item.index)}` : '';
      if (d !== undefined && typeof d.partial_json === 'string') {
        if (open?.kind === 'server')
          out.push({
            type: 'content_block_delta',
            index: nextBlock - 1,
            delta: { type: 'input_json_delta', partial_json: d.partial_json },
          });
        else lossOnce(`${path}[${i}]`, 'partial_json outside a server tool call');
        continue;
      }
      if (d !== undefined && d.citation !== undefined) {
        citation(isRecord(item) && typeof item.index === 'number' ? item.index : -1, d.citation, out);
        continue;
      }
      if (d === undefined) {
        lossOnce(`${path}[${i}]`, 'content_blocks entry without a delta');
        continue;
      }
      if (typeof d.data === 'string') {
        redacted(d.data, out);
        continue;
      }
      // text increments mirror `delta.content`, which carries them
      if (typeof d.text === 'string' && d.thinking === undefined && d.signature === undefined) continue;
      const t = typeof d.thinking === 'string' ? d.thinking : undefined;
      const s = typeof d.signature === 'string' ? d.signature : undefined;
      if (t === undefined && s === undefined) lossOnce(`${path}[${i}]`, 'content_blocks entry of an unknown kind');
      else thinking(key, t, s, out);
    }
  }

  /**
   * `delta.content` as a list of typed parts (Mistral's reasoning models, docs/stream-shapes.md#openai-chat):
   * `text` parts -> text, `thinking` parts (their `text` items, or a string) -> thinking with no signature, as for
   * `reasoning_content`; anything else is a reported loss with its path, never dropped in silence.
   */
  function contentParts(parts: readonly unknown[], path: string, out: Event[]): void {
    for (let i = 0; i < parts.length; i++) {
      const part: unknown = parts[i];
      const at = `${path}[${i}]`;
      if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') text(part.text, out);
      else if (isRecord(part) && part.type === 'thinking') {
        const read = readThinkingPart(part.thinking, `${at}.thinking`, lossOnce);
        if (read !== '') thinking('reasoning', read, undefined, out);
      } else
        lossOnce(
          at,
          `content part type ${JSON.stringify(isRecord(part) ? part.type : part)} has no Anthropic equivalent`,
        );
    }
  }

  /**
   * The OpenAI index of a fragment sent without `index` (Gemini, some vLLM / Ollama versions): the call with
   * the same `id`; else a new call when the fragment names a function or brings a new id; else the last call.
   */
  function indexOf(id: string | undefined, named: boolean): number {
    if (id !== undefined) {
      for (const call of calls.values()) if (call.id === id) return call.openaiIndex;
    }
    if (lastCallIndex < 0 || id !== undefined || named) return maxCallIndex + 1;
    return lastCallIndex;
  }

  function toolFragment(tc: unknown, path: string, out: Event[]): void {
    const frag = isRecord(tc) ? tc : bad('tool call fragment is not an object');
    const fn = isRecord(frag.function) ? frag.function : {};
    lossUnknown(frag, TOOL_CALL_KEYS, path);
    lossUnknown(fn, FUNCTION_KEYS, `${path}.function`);
    const fragId = nonEmptyString(frag.id);
    const i = typeof frag.index === 'number' ? frag.index : indexOf(fragId, nonEmptyString(fn.name) !== undefined);
    lastCallIndex = i;
    if (i > maxCallIndex) maxCallIndex = i;
    if (ignoredCalls.has(i)) return;
    if ((frag.type !== undefined && frag.type !== 'function') || frag.custom !== undefined) {
      // as in the non-stream translation: custom tool calls have no Anthropic equivalent
      ignoredCalls.add(i);
      lossOnce(path, `tool call type ${JSON.stringify(frag.type ?? 'custom')} has no Anthropic equivalent`);
      return;
    }
    const argPart = typeof fn.arguments === 'string' ? fn.arguments : '';
    anyToolCall = true;
    let call = calls.get(i);
    if (call === undefined) {
      call = { openaiIndex: i, id: undefined, name: undefined, args: [], block: -1, closed: false };
      calls.set(i, call);
      call.id = fragId;
      if (typeof fn.name === 'string' && fn.name !== '') call.name = fn.name;
      const first = pending.length === 0 && !(open?.kind === 'tool');
      if (first && call.name !== undefined) {
        startTool(call, out);
      } else {
        pending.push(call);
      }
    } else {
      if (call.id === undefined && fragId !== undefined) call.id = fragId;
      if (call.name === undefined && typeof fn.name === 'string' && fn.name !== '') call.name = fn.name;
    }
    if (argPart === '') return;
    if (call.closed) bad(`arguments for tool call ${i} after its block was closed`);
    if (call.block >= 0)
      out.push({
        type: 'content_block_delta',
        index: call.block,
        delta: { type: 'input_json_delta', partial_json: argPart },
      });
    else call.args.push(argPart);
  }

  function choice(c: JsonObject, path: string, out: Event[]): void {
    lossUnknown(c, CHOICE_KEYS, path);
    if (c.logprobs !== undefined && c.logprobs !== null)
      lossOnce(`${path}.logprobs`, 'logprobs have no Anthropic equivalent');
    const delta = isRecord(c.delta) ? c.delta : {};
    const dpath = `${path}.delta`;
    lossUnknown(delta, DELTA_KEYS, dpath);
    // Together repeats each content piece as the choice's `text`; anything else in it is not carried
    if (typeof c.text === 'string' && c.text !== '' && c.text !== delta.content)
      lossOnce(`${path}.text`, 'choice text that differs from delta.content is not carried');
    if (delta.content_blocks !== undefined && delta.content_blocks !== null) {
      contentBlocks(delta.content_blocks, `${dpath}.content_blocks`, out);
    } else {
      const r =
        typeof delta.reasoning_content === 'string'
          ? delta.reasoning_content
          : typeof delta.reasoning === 'string'
            ? delta.reasoning
            : undefined;
      if (r !== undefined) thinking('reasoning', r, undefined, out);
    }
    if (typeof delta.content === 'string') text(delta.content, out);
    else if (Array.isArray(delta.content)) contentParts(delta.content, `${dpath}.content`, out);
    else if (delta.content !== undefined && delta.content !== null)
      lossOnce(`${dpath}.content`, 'delta.content that is neither text nor a list of parts is not carried');
    // as in the non-stream translation: refusal text -> stop_reason refusal + stop_details.explanation
    if (typeof delta.refusal === 'string') refusal += delta.refusal;
    if (delta.annotations !== undefined && delta.annotations !== null)
      annotations(delta.annotations, `${dpath}.annotations`, out);
    if (Array.isArray(delta.tool_calls)) {
      for (let i = 0; i < delta.tool_calls.length; i++)
        toolFragment(delta.tool_calls[i], `${dpath}.tool_calls[${i}]`, out);
    }
    if (c.finish_reason !== null && c.finish_reason !== undefined) {
      const reason =
        typeof c.finish_reason === 'string' ? c.finish_reason : bad(`${path}.finish_reason is not a string`);
      // Together / some open-model servers say `eos` for a natural stop
      const normal = reason === 'eos' ? 'stop' : reason;
      finishReason = normal;
      if (!FINISH_REASONS.has(normal))
        lossOnce(
          `${path}.finish_reason`,
          `unknown finish_reason ${JSON.stringify(c.finish_reason)}; sent as end_turn / tool_use`,
        );
      stopSequence = c.stop_sequence;
      settleTools(out);
      closeOpen(out);
      state = 'finished';
    }
  }

  function lossUnknown(obj: JsonObject, known: ReadonlySet<string>, path: string): void {
    // for-in over own JSON keys: no key array per chunk on the hot path
    for (const key in obj) {
      if (!known.has(key) && !isEmptyValue(obj[key]))
        lossOnce(path === '' ? key : `${path}.${key}`, 'field has no Anthropic equivalent');
    }
  }

  function finish(out: Event[]): void {
    const stop = refusal !== '' ? 'refusal' : openaiFinishReasonToAnthropic(finishReason, anyToolCall, stopSequence);
    const u = openaiUsageToAnthropic(usage);
    const delta: JsonObject = { stop_reason: stop, stop_sequence: stop === 'stop_sequence' ? stopSequence : null };
    if (refusal !== '') delta.stop_details = { type: 'refusal', category: null, explanation: refusal };
    out.push(...messageEndEvents(delta, u));
    state = 'done';
  }

  function errorEvent(error: unknown): Event {
    const e = isRecord(error) ? error : {};
    const message = typeof e.message === 'string' ? e.message : 'upstream error';
    const status = streamErrorStatus(e);
    const type = openaiErrorTypeToAnthropic(e.type, e.code, status);
    return { type: 'error', error: anthropicErrorBody(status, message, type).error };
  }

  function push(input: unknown): Event[] {
    if (state === 'done') return [];
    if (input === OPENAI_DONE) {
      if (state === 'finished') {
        const out: Event[] = [];
        finish(out);
        return out;
      }
      state = 'done';
      return [errorEvent({ message: 'upstream stream ended without a finish_reason', type: 'server_error' })];
    }
    const chunk = isRecord(input) ? input : bad('chunk is not an object');
    if (chunk.error !== undefined && chunk.error !== null) {
      state = 'done';
      return [errorEvent(chunk.error)];
    }
    const out: Event[] = [];
    lossUnknown(chunk, CHUNK_KEYS, '');
    if (state === 'before') {
      if (isPreamble(chunk)) return out;
      start(chunk, out);
    }
    if (typeof chunk.system_fingerprint === 'string')
      lossOnce('system_fingerprint', 'system_fingerprint has no Anthropic equivalent');
    if (typeof chunk.service_tier === 'string')
      lossOnce('service_tier', 'OpenAI service_tier has no Anthropic stream equivalent');
    if (Array.isArray(chunk.choices)) {
      for (const c of chunk.choices) {
        if (!isRecord(c)) bad('choice is not an object');
        const idx = typeof c.index === 'number' ? c.index : 0;
        if (idx !== 0) {
          lossOnce(`choices[${idx}]`, 'Anthropic messages carry one choice; only choice 0 is translated');
          continue;
        }
        if (state === 'finished') {
          // a trailing choice still holds metadata (Azure's final content_filter_results)
          lossUnknown(c, CHOICE_KEYS, 'choices[0]');
          if (hasContent(c.delta))
            lossOnce('choices[0].delta', 'content after finish_reason has no place in the Anthropic stream');
          continue;
        }
        choice(c, 'choices[0]', out);
      }
    }
    const u = isRecord(chunk.usage)
      ? chunk.usage
      : isRecord(chunk.x_groq) && isRecord(chunk.x_groq.usage)
        ? chunk.x_groq.usage
        : undefined;
    if (u !== undefined) {
      if (u === chunk.usage) reportOpenAIUsageLosses(u, 'usage', lossOnce);
      usage = u;
      if (state === 'finished') finish(out);
    }
    return out;
  }

  return {
    push,
    end() {
      if (state === 'done') return [];
      if (state === 'finished') {
        if (usage === null && options.context?.stream === true) {
          // the request translation asked this upstream for `include_usage`: a stream that ends after its
          // finish_reason without the usage chunk and without `[DONE]` was cut short, and its usage is lost
          state = 'done';
          return [
            errorEvent({
              message: 'upstream stream ended after finish_reason without its usage chunk or [DONE]',
              type: 'server_error',
            }),
          ];
        }
        const out: Event[] = [];
        finish(out);
        return out;
      }
      state = 'done';
      return [errorEvent({ message: 'upstream stream ended without a finish_reason', type: 'server_error' })];
    },
    get losses() {
      return losses.list;
    },
  };
}
