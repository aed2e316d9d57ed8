import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import type { StreamTranslator, TranslateOptions, TranslationResult } from '../../core/options.js';
import { isRecord } from '../../formats/gemini/narrow.js';
import { bedrockExceptionForAnthropicType } from '../anthropic-messages--bedrock-invoke/map-errors.js';
import { anthropicStopToConverse, anthropicUsageToConverse } from './map-converse.js';

type ConverseEvent = Record<string, Record<string, unknown>>;

/** Converse requires `metrics`; a translated response has no upstream latency to report. */
const NO_METRICS = { latencyMs: 0 };

function blockToConverse(block: Record<string, unknown>, path: string, losses: LossCollector): Record<string, unknown> | undefined {
  switch (block.type) {
    case 'text':
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
export function anthropicResponseToConverse(body: unknown, options: TranslateOptions = {}): TranslationResult<Record<string, unknown>> {
  if (!isRecord(body) || !Array.isArray(body.content)) throw new TranslationError('invalid_input', 'a Message with content is required', { path: 'content' });
  const losses = new LossCollector(options.strict);
  const content: Record<string, unknown>[] = [];
  body.content.forEach((b, i) => {
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'a content block must be an object', { path: `content[${i}]` });
    const c = blockToConverse(b, `content[${i}]`, losses);
    if (c) content.push(c);
  });
  const stop = anthropicStopToConverse(body.stop_reason);
  if (stop.loss) losses.add('stop_reason', stop.loss);
  return {
    body: { output: { message: { role: 'assistant', content } }, stopReason: stop.stopReason, usage: anthropicUsageToConverse(body.usage), metrics: NO_METRICS },
    losses: losses.list,
    context: options.context ?? {},
  };
}

/**
 * Anthropic stream events -> ConverseStream events: `messageStart`; `contentBlockStart` only for tool
 * use (text and reasoning start with their first delta, as Bedrock sends them); deltas; `contentBlockStop`;
 * then `messageStop` and `metadata` (usage after the stop). An `error` event becomes an exception event.
 */
export function createAnthropicToConverseStream(options: TranslateOptions = {}): StreamTranslator<unknown, ConverseEvent> {
  const losses = new LossCollector(options.strict);
  let done = false;
  let usage: Record<string, unknown> = {};
  let stopReason: unknown;
  const merge = (u: unknown) => {
    if (!isRecord(u)) return;
    const n = { ...usage };
    for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) n[k] = v;
    usage = n;
  };
  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event) || typeof event.type !== 'string') throw new TranslationError('upstream', 'a stream event needs a string "type"');
      const index = typeof event.index === 'number' ? event.index : 0;
      switch (event.type) {
        case 'message_start':
          merge(isRecord(event.message) ? event.message.usage : undefined);
          return [{ messageStart: { role: 'assistant' } }];
        case 'content_block_start': {
          const b = isRecord(event.content_block) ? event.content_block : {};
          if (b.type === 'tool_use') return [{ contentBlockStart: { contentBlockIndex: index, start: { toolUse: { toolUseId: b.id, name: b.name } } } }];
          if (b.type === 'redacted_thinking') return [{ contentBlockDelta: { contentBlockIndex: index, delta: { reasoningContent: { redactedContent: b.data } } } }];
          if (b.type === 'text' && typeof b.text === 'string' && b.text !== '') return [{ contentBlockDelta: { contentBlockIndex: index, delta: { text: b.text } } }];
          if (b.type !== 'text' && b.type !== 'thinking') losses.add(`content[${index}]`, `${JSON.stringify(b.type)} blocks have no Converse equivalent`);
          return [];
        }
        case 'content_block_delta': {
          const d = isRecord(event.delta) ? event.delta : {};
          const wrap = (delta: Record<string, unknown>): ConverseEvent[] => [{ contentBlockDelta: { contentBlockIndex: index, delta } }];
          if (d.type === 'text_delta') return wrap({ text: d.text });
          if (d.type === 'input_json_delta') return wrap({ toolUse: { input: d.partial_json } });
          if (d.type === 'thinking_delta') return wrap({ reasoningContent: { text: d.thinking } });
          if (d.type === 'signature_delta') return wrap({ reasoningContent: { signature: d.signature } });
          if (d.type === 'citations_delta') losses.add(`content[${index}].citations`, 'citations are not carried to Converse streams');
          return [];
        }
        case 'content_block_stop':
          return [{ contentBlockStop: { contentBlockIndex: index } }];
        case 'message_delta':
          if (isRecord(event.delta) && event.delta.stop_reason !== null && event.delta.stop_reason !== undefined) stopReason = event.delta.stop_reason;
          merge(event.usage);
          return [];
        case 'message_stop': {
          done = true;
          const stop = anthropicStopToConverse(stopReason);
          if (stop.loss) losses.add('message_delta.delta.stop_reason', stop.loss);
          return [{ messageStop: { stopReason: stop.stopReason } }, { metadata: { usage: anthropicUsageToConverse(usage), metrics: NO_METRICS } }];
        }
        case 'error': {
          done = true;
          const e = isRecord(event.error) ? event.error : {};
          return [{ [bedrockExceptionForAnthropicType(typeof e.type === 'string' ? e.type : 'api_error')]: { message: typeof e.message === 'string' ? e.message : 'error' } }];
        }
        default:
          return [];
      }
    },
    end() {
      if (done) return [];
      done = true;
      return [{ internalServerException: { message: 'the upstream stream ended before message_stop' } }];
    },
    get losses() {
      return losses.list;
    },
  };
}
