import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { TranslateOptions, TranslationResult } from '../../core/options.js';
import { anthropicStopToConverse, anthropicUsageToConverse, NO_METRICS } from './map-stop-reason-and-usage.js';

function blockToConverse(
  block: Record<string, unknown>,
  path: string,
  losses: LossCollector,
): Record<string, unknown> | undefined {
  switch (block.type) {
    case 'text':
      if (Array.isArray(block.citations) && block.citations.length > 0)
        losses.add(`${path}.citations`, 'citations are not carried to Converse');
      return { text: typeof block.text === 'string' ? block.text : '' };
    case 'tool_use':
      return { toolUse: { toolUseId: block.id, name: block.name, input: isRecord(block.input) ? block.input : {} } };
    case 'thinking': {
      const rt: Record<string, unknown> = { text: typeof block.thinking === 'string' ? block.thinking : '' };
      if (typeof block.signature === 'string' && block.signature !== '') rt.signature = block.signature;
      return { reasoningContent: { reasoningText: rt } };
    }
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: block.data } };
    default:
      losses.add(path, `${JSON.stringify(block.type)} blocks have no Converse equivalent`);
      return undefined;
  }
}

/** Anthropic `Message` -> Converse response. */
export function anthropicResponseToConverse(
  body: unknown,
  options: TranslateOptions = {},
): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body) || !Array.isArray(body.content))
    throw new TranslationError('invalid_input', 'a Message with content is required', { path: 'content' });
  const losses = new LossCollector(options.strict);
  const content: Record<string, unknown>[] = [];
  body.content.forEach((b, i) => {
    if (!isRecord(b))
      throw new TranslationError('invalid_input', 'a content block must be an object', { path: `content[${i}]` });
    const c = blockToConverse(b, `content[${i}]`, losses);
    if (c) content.push(c);
  });
  const stop = anthropicStopToConverse(body.stop_reason);
  if (stop.loss) losses.add('stop_reason', stop.loss);
  return {
    body: {
      output: { message: { role: 'assistant', content } },
      stopReason: stop.stopReason,
      usage: anthropicUsageToConverse(body.usage),
      metrics: NO_METRICS,
    },
    losses: losses.list,
    context: options.context ?? {},
  };
}
