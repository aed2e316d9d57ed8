import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { converseStopToAnthropic, converseUsageToAnthropic } from './map-stop-reason-and-usage.js';

const RESPONSE_KEYS = new Set(['output', 'stopReason', 'usage', 'metrics']);

/** Converse blocks -> Anthropic response blocks. */
export function converseBlockToAnthropic(
  block: unknown,
  path: string,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  if (!isRecord(block)) throw new TranslationError('invalid_input', 'a content block must be an object', { path });
  if (typeof block.text === 'string') return { type: 'text', text: block.text };
  if (isRecord(block.toolUse)) {
    const t = block.toolUse;
    if (typeof t.toolUseId !== 'string' || typeof t.name !== 'string')
      throw new TranslationError('invalid_input', 'toolUse needs toolUseId and name', { path });
    return { type: 'tool_use', id: t.toolUseId, name: t.name, input: isRecord(t.input) ? t.input : {} };
  }
  if (isRecord(block.reasoningContent)) {
    const r = block.reasoningContent;
    if (isRecord(r.reasoningText)) {
      return {
        type: 'thinking',
        thinking: typeof r.reasoningText.text === 'string' ? r.reasoningText.text : '',
        signature: typeof r.reasoningText.signature === 'string' ? r.reasoningText.signature : '',
      };
    }
    if (typeof r.redactedContent === 'string') return { type: 'redacted_thinking', data: r.redactedContent };
  }
  losses.add(path, 'this Converse block has no Anthropic response block');
  return undefined;
}

/** Converse response -> Anthropic `Message`. */
export function converseResponseToAnthropic(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body)) throw new TranslationError('invalid_input', 'response body must be a JSON object', { path: '' });
  const losses = new LossCollector(options.strict);
  losses.unknownKeys(body, RESPONSE_KEYS, '');
  if (body.metrics !== undefined)
    losses.add('metrics', 'Converse latency metrics have no place in an Anthropic message');
  const message = isRecord(body.output) && isRecord(body.output.message) ? body.output.message : undefined;
  if (!message || !Array.isArray(message.content))
    throw new TranslationError('invalid_input', 'output.message.content is required', {
      path: 'output.message.content',
    });
  const content: Record<string, unknown>[] = [];
  for (let i = 0; i < message.content.length; i++) {
    const b: unknown = message.content[i];
    // a text block needs no path (the common case); any other block gets its path for a loss or an error
    if (isRecord(b) && typeof b.text === 'string') content.push({ type: 'text', text: b.text });
    else {
      const block = converseBlockToAnthropic(b, `output.message.content[${i}]`, losses);
      if (block) content.push(block);
    }
  }
  const stop = converseStopToAnthropic(body.stopReason);
  if (stop.loss) losses.add('stopReason', stop.loss);
  return {
    body: {
      id: options.id ?? 'msg_bedrock',
      type: 'message',
      role: 'assistant',
      model: options.model ?? options.context?.clientModel ?? 'bedrock',
      content,
      stop_reason: stop.stopReason,
      stop_sequence: null,
      stop_details: stop.stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null,
      usage: converseUsageToAnthropic(body.usage),
    },
    losses: losses.list,
    context: options.context ?? {},
  };
}
