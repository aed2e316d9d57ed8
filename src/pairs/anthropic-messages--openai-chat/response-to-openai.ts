import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { ANTHROPIC_MESSAGE_KEYS } from '../../formats/anthropic-messages/message-keys.js';
import { isServerToolBlockType } from '../../formats/anthropic-messages/server-tools.js';
import { SERVER_BLOCK_LEFT_OUT, STOP_SEQUENCE_LEFT_OUT, THINKING_LEFT_OUT } from './extensions.js';
import { citationsToAnnotations } from './map-citations.js';
import { anthropicStopReasonLoss, anthropicStopReasonToOpenAI } from './map-stop-reason.js';
import { restoreToolName } from './map-tool-names.js';
import { anthropicUsageToOpenAI } from './map-usage.js';
import { reportUnknownKeys } from './report-unknown-keys.js';
import { reportAnthropicUsageLosses } from './report-usage-losses.js';
import type { ChatCompletionResponseOut } from './types.js';

/**
 * Anthropic `Message` -> OpenAI `chat.completion`.
 * Text blocks are joined into `message.content`; `tool_use` -> `tool_calls` (names restored from
 * `context.toolNames`); thinking / redacted_thinking, server tool calls and results, and text with citations ->
 * the `content_blocks` extension (every block but `tool_use`, in order, server blocks and citations exactly as
 * Anthropic sent them), and the thinking text also as `reasoning_content` (DeepSeek style, as the stream does);
 * web-search citations -> `annotations`; `stop_sequence` -> `choice.stop_sequence` extension; refusal
 * explanation -> `message.refusal`. With `strictOpenAI` the extensions are left out, each a loss.
 */

const KNOWN = ANTHROPIC_MESSAGE_KEYS;

export function anthropicResponseToOpenAI(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<ChatCompletionResponseOut> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  if (!Array.isArray(body.content))
    throw new TranslationError('invalid_input', 'content must be an array', { path: 'content' });
  const losses = new LossCollector(options.strict);
  const compliant = options.strictOpenAI === true;
  const toolNames = options.context?.toolNames;
  // a bound method, not a closure: no function is defined per call
  const report: (path: string, reason: string) => void = losses.add.bind(losses);
  reportUnknownKeys(body, KNOWN, '', report, 'field not supported by the target format');
  if (body.container !== undefined && body.container !== null)
    losses.add('container', 'containers have no Chat Completions equivalent');

  let text = '';
  let hasText = false;
  /** whether the blocks need the `content_blocks` extension (thinking, server tools, citations) */
  let extended = false;
  let reasoning = '';
  const blocks: JsonObject[] = [];
  const annotations: JsonObject[] = [];
  const calls: JsonObject[] = [];
  for (let i = 0; i < body.content.length; i++) {
    const b: unknown = body.content[i];
    const p = childPath('content', i);
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'content block must be an object', { path: p });
    switch (b.type) {
      case 'text': {
        if (typeof b.text !== 'string')
          throw new TranslationError('invalid_input', 'text must be a string', { path: childPath(p, 'text') });
        const start = text.length;
        text += b.text;
        hasText = true;
        const cited = Array.isArray(b.citations) && b.citations.length > 0;
        annotations.push(
          ...citationsToAnnotations(b.citations, start, text.length, childPath(p, 'citations'), losses, !compliant),
        );
        // the full citations (cited text, encrypted index) ride in the extension
        blocks.push(
          cited && !compliant ? { type: 'text', text: b.text, citations: b.citations } : { type: 'text', text: b.text },
        );
        if (cited) extended = true;
        break;
      }
      case 'thinking':
        extended = true;
        if (compliant) losses.add(p, THINKING_LEFT_OUT);
        if (typeof b.thinking === 'string') reasoning += b.thinking;
        blocks.push({
          type: 'thinking',
          thinking: typeof b.thinking === 'string' ? b.thinking : '',
          ...(typeof b.signature === 'string' ? { signature: b.signature } : {}),
        });
        break;
      case 'redacted_thinking':
        extended = true;
        if (compliant) losses.add(p, THINKING_LEFT_OUT);
        blocks.push({ type: 'redacted_thinking', data: typeof b.data === 'string' ? b.data : '' });
        break;
      case 'tool_use': {
        if (typeof b.id !== 'string' || typeof b.name !== 'string') {
          throw new TranslationError('invalid_input', 'tool_use needs a string id and name', { path: p });
        }
        calls.push({
          id: b.id,
          type: 'function',
          function: {
            name: restoreToolName(b.name, toolNames),
            arguments: JSON.stringify(isRecord(b.input) ? b.input : {}),
          },
        });
        break;
      }
      default:
        if (isServerToolBlockType(b.type)) {
          extended = true;
          if (compliant) losses.add(p, SERVER_BLOCK_LEFT_OUT);
          blocks.push({ ...b });
        } else losses.add(p, `content block type ${JSON.stringify(b.type)} has no Chat Completions equivalent`);
    }
  }

  const stopLoss = anthropicStopReasonLoss(body.stop_reason);
  if (stopLoss) losses.add('stop_reason', stopLoss);
  let refusal: string | null = null;
  if (isRecord(body.stop_details)) {
    if (body.stop_details.type === 'refusal' && typeof body.stop_details.explanation === 'string')
      refusal = body.stop_details.explanation;
    if (body.stop_details.category !== undefined && body.stop_details.category !== null) {
      losses.add('stop_details.category', 'refusal categories have no Chat Completions equivalent');
    }
  }

  const message: JsonObject = { role: 'assistant', content: hasText ? text : null, refusal };
  if (calls.length > 0) message.tool_calls = calls;
  if (annotations.length > 0) message.annotations = annotations;
  if (reasoning !== '' && !compliant) message.reasoning_content = reasoning;
  if (extended && !compliant) message.content_blocks = blocks;

  const choice: JsonObject = {
    index: 0,
    message,
    finish_reason: anthropicStopReasonToOpenAI(body.stop_reason) ?? (calls.length > 0 ? 'tool_calls' : 'stop'),
    logprobs: null,
  };
  if (body.stop_reason === 'stop_sequence' && typeof body.stop_sequence === 'string') {
    if (compliant) losses.add('stop_sequence', STOP_SEQUENCE_LEFT_OUT);
    else choice.stop_sequence = body.stop_sequence;
  }

  const id = options.id ?? (typeof body.id === 'string' ? `chatcmpl-${body.id}` : 'chatcmpl-0');
  const model = options.model ?? (typeof body.model === 'string' ? body.model : (options.context?.clientModel ?? ''));
  const out: JsonObject = {
    id,
    object: 'chat.completion',
    created: options.created ?? 0,
    model,
    choices: [choice],
    usage: anthropicUsageToOpenAI(body.usage, !compliant),
  };
  if (isRecord(body.usage)) reportAnthropicUsageLosses(body.usage, 'usage', report, !compliant);
  const tier = isRecord(body.usage) ? body.usage.service_tier : undefined;
  if (tier === 'standard') out.service_tier = 'default';
  else if (tier === 'priority') out.service_tier = 'priority';
  else if (tier !== undefined && tier !== null)
    losses.add('usage.service_tier', `service tier ${JSON.stringify(tier)} has no Chat Completions equivalent`);
  return { body: out as unknown as ChatCompletionResponseOut, losses: losses.list, context: options.context ?? {} };
}
