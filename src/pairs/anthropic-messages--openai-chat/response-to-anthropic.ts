import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { isServerToolBlockType } from '../../formats/anthropic-messages/server-tools.js';
import { readChatContentArray } from './convert-chat-content-array.js';
import { parseToolArguments } from './convert-tool-arguments.js';
import { annotationsToCitations } from './map-citations.js';
import { openaiFinishReasonToAnthropic } from './map-stop-reason.js';
import { restoreToolName } from './map-tool-names.js';
import { openaiUsageToAnthropic } from './map-usage.js';
import { reportUnknownKeys } from './report-unknown-keys.js';
import { reportOpenAIUsageLosses } from './report-usage-losses.js';
import type { MessageOut } from './types.js';

/**
 * OpenAI `chat.completion` -> Anthropic `Message`.
 * Block order: thinking (from `content_blocks`, or `reasoning_content`/`reasoning` as a thinking block
 * or Mistral-style `thinking` content parts, as a thinking block with an empty signature: none is ever invented), text (url_citation annotations -> citations), tool_use.
 * `refusal` -> `stop_reason: "refusal"` with `stop_details.explanation`. `service_tier` default/auto -> `usage.service_tier`
 * `standard`, priority -> `priority`.
 */

const KNOWN = new Set(['id', 'object', 'created', 'model', 'choices', 'usage', 'system_fingerprint', 'service_tier']);
const CHOICE_KNOWN = new Set(['index', 'message', 'finish_reason', 'logprobs', 'stop_sequence']);
const MESSAGE_KNOWN = new Set([
  'role',
  'content',
  'refusal',
  'tool_calls',
  'annotations',
  'content_blocks',
  'reasoning_content',
  'reasoning',
]);
/** `index` in a response tool call (Ollama) only restates its position */
const TOOL_CALL_KNOWN = new Set(['id', 'type', 'function', 'index']);
const FUNCTION_KNOWN = new Set(['name', 'arguments']);
/** finish reasons with an Anthropic stop reason; `eos` (Together) is a natural stop, `null` (vLLM) says nothing */
const FINISH_KNOWN = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'function_call',
  'eos',
  null,
  undefined,
]);
const UNKNOWN = 'field not supported by the target format';

function thinkingFromContentBlocks(
  cb: unknown,
  path: string,
  losses: LossCollector,
): { blocks: JsonObject[]; text: string; ordered: JsonObject[] | undefined } {
  const blocks: JsonObject[] = [];
  /** every block in order, text included: used when server tool blocks or citations make the order matter */
  const all: JsonObject[] = [];
  let full = false;
  let text = '';
  if (!Array.isArray(cb)) throw new TranslationError('invalid_input', 'content_blocks must be an array', { path });
  cb.forEach((b, i) => {
    const p = childPath(path, i);
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'content block must be an object', { path: p });
    if (b.type === 'thinking' && typeof b.thinking === 'string') {
      blocks.push({
        type: 'thinking',
        thinking: b.thinking,
        signature: typeof b.signature === 'string' ? b.signature : '',
      });
      all.push(blocks[blocks.length - 1]!);
    } else if (b.type === 'redacted_thinking' && typeof b.data === 'string') {
      blocks.push({ type: 'redacted_thinking', data: b.data });
      all.push(blocks[blocks.length - 1]!);
    } else if (b.type === 'text' && typeof b.text === 'string') {
      text += b.text;
      const cited = Array.isArray(b.citations) && b.citations.length > 0;
      if (cited) full = true;
      all.push(cited ? { type: 'text', text: b.text, citations: b.citations } : { type: 'text', text: b.text });
    } else if (isServerToolBlockType(b.type)) {
      full = true;
      all.push({ ...b });
    } else losses.add(p, 'content block not carried');
  });
  return { blocks, text, ordered: full ? all : undefined };
}

export function openaiResponseToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<MessageOut> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  if (!Array.isArray(body.choices))
    throw new TranslationError('invalid_input', 'choices must be an array', { path: 'choices' });
  const losses = new LossCollector(options.strict);
  // a bound method, not a closure: no function is defined per call
  const report: (path: string, reason: string) => void = losses.add.bind(losses);
  const toolNames = options.context?.toolNames;
  // null / {} / [] carry nothing (vLLM `prompt_logprobs: null`, Together `prompt: []`): only the rest is a loss
  reportUnknownKeys(body, KNOWN, '', report, UNKNOWN);
  if (body.system_fingerprint !== undefined && body.system_fingerprint !== null) {
    losses.add('system_fingerprint', 'system_fingerprint has no Anthropic equivalent');
  }
  const tier =
    body.service_tier === 'default' || body.service_tier === 'auto'
      ? 'standard'
      : body.service_tier === 'priority'
        ? 'priority'
        : undefined;
  if (tier === undefined && body.service_tier !== undefined && body.service_tier !== null) {
    losses.add('service_tier', `service_tier ${JSON.stringify(body.service_tier)} has no Anthropic equivalent`);
  }
  for (let i = 1; i < body.choices.length; i++)
    losses.add(childPath('choices', i), 'Anthropic returns one choice; extra choices dropped');

  const content: JsonObject[] = [];
  let finish: unknown = null;
  let stopSequence: unknown;
  let refusal: string | undefined;
  let hasCalls = false;
  const choice: unknown = body.choices[0];
  if (choice !== undefined) {
    const cp = childPath('choices', 0);
    if (!isRecord(choice)) throw new TranslationError('invalid_input', 'choice must be an object', { path: cp });
    reportUnknownKeys(choice, CHOICE_KNOWN, cp, report, UNKNOWN);
    if (choice.logprobs !== undefined && choice.logprobs !== null)
      losses.add(childPath(cp, 'logprobs'), 'Anthropic has no log probabilities');
    finish = choice.finish_reason;
    if (!FINISH_KNOWN.has(finish as string))
      losses.add(
        childPath(cp, 'finish_reason'),
        `unknown finish_reason ${JSON.stringify(finish)}; sent as end_turn / tool_use`,
      );
    stopSequence = choice.stop_sequence;
    const mp = childPath(cp, 'message');
    const msg = choice.message;
    if (!isRecord(msg)) throw new TranslationError('invalid_input', 'message must be an object', { path: mp });
    reportUnknownKeys(msg, MESSAGE_KNOWN, mp, report, UNKNOWN);

    let text = typeof msg.content === 'string' ? msg.content : '';
    let arrayThinking = '';
    if (Array.isArray(msg.content)) {
      const read = readChatContentArray(msg.content, childPath(mp, 'content'), losses);
      text = read.text;
      arrayThinking = read.thinking;
    } else if (msg.content !== undefined && msg.content !== null && typeof msg.content !== 'string') {
      throw new TranslationError('invalid_input', 'message content must be a string, an array or null', {
        path: childPath(mp, 'content'),
      });
    }
    if (msg.content_blocks !== undefined && msg.content_blocks !== null) {
      const cb = thinkingFromContentBlocks(msg.content_blocks, childPath(mp, 'content_blocks'), losses);
      if (cb.ordered !== undefined) {
        // server tool blocks and whole citations: the extension holds the whole answer in order (the
        // annotations only repeat its citations); text that says something else is kept after it
        content.push(...cb.ordered);
        if (text === cb.text) text = '';
        cb.text = '';
      } else content.push(...cb.blocks);
      if (text === '') text = cb.text;
    } else {
      const reasoning =
        typeof msg.reasoning_content === 'string' && msg.reasoning_content !== ''
          ? msg.reasoning_content
          : typeof msg.reasoning === 'string' && msg.reasoning !== ''
            ? msg.reasoning
            : arrayThinking;
      if (reasoning !== '') content.push({ type: 'thinking', thinking: reasoning, signature: '' });
    }
    if (text !== '') {
      const citations = annotationsToCitations(msg.annotations, text, childPath(mp, 'annotations'), losses);
      content.push(citations.length > 0 ? { type: 'text', text, citations } : { type: 'text', text });
    }
    if (typeof msg.refusal === 'string' && msg.refusal !== '') refusal = msg.refusal;
    if (Array.isArray(msg.tool_calls)) {
      const tp = childPath(mp, 'tool_calls');
      for (let i = 0; i < msg.tool_calls.length; i++) {
        const c: unknown = msg.tool_calls[i];
        const p = childPath(tp, i);
        if (!isRecord(c) || typeof c.id !== 'string' || !isRecord(c.function) || typeof c.function.name !== 'string') {
          if (isRecord(c) && c.type === 'custom') {
            losses.add(p, 'custom tool calls have no Anthropic equivalent');
            continue;
          }
          throw new TranslationError('invalid_input', 'tool call needs an id and a function name', { path: p });
        }
        hasCalls = true;
        // e.g. Gemini's `extra_content.google.thought_signature`
        reportUnknownKeys(c, TOOL_CALL_KNOWN, p, report, UNKNOWN);
        reportUnknownKeys(c.function, FUNCTION_KNOWN, childPath(p, 'function'), report, UNKNOWN);
        content.push({
          type: 'tool_use',
          id: c.id,
          name: restoreToolName(c.function.name, toolNames),
          input: parseToolArguments(c.function.arguments, childPath(childPath(p, 'function'), 'arguments'), losses),
        });
      }
    }
  }

  if (isRecord(body.usage)) reportOpenAIUsageLosses(body.usage, 'usage', report);
  let stopReason = openaiFinishReasonToAnthropic(finish, hasCalls, stopSequence);
  if (refusal !== undefined) stopReason = 'refusal';
  const id =
    options.id ?? (typeof body.id === 'string' ? (body.id.startsWith('msg_') ? body.id : `msg_${body.id}`) : 'msg_0');
  const model = options.model ?? (typeof body.model === 'string' ? body.model : (options.context?.clientModel ?? ''));
  const out: JsonObject = {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopReason === 'stop_sequence' ? stopSequence : null,
    usage:
      tier === undefined
        ? openaiUsageToAnthropic(body.usage)
        : { ...openaiUsageToAnthropic(body.usage), service_tier: tier },
  };
  if (refusal !== undefined) out.stop_details = { type: 'refusal', category: null, explanation: refusal };
  return { body: out as unknown as MessageOut, losses: losses.list, context: options.context ?? {} };
}
