import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { reportMessageDeltaExtras } from '../../formats/anthropic-messages/stream-extras.js';
import { converseStreamException } from '../../formats/bedrock-converse/stream-exceptions.js';
import { bedrockExceptionForAnthropicType } from '../../formats/bedrock-invoke/anthropic-errors.js';
import { anthropicStopToConverse, anthropicUsageToConverse, NO_METRICS } from './map-stop-reason-and-usage.js';

type ConverseEvent = Record<string, Record<string, unknown>>;

/**
 * Anthropic stream events -> ConverseStream events: `messageStart`; `contentBlockStart` only for tool
 * use (text and reasoning start with their first delta, as Bedrock sends them); deltas; `contentBlockStop`;
 * then `messageStop` and `metadata` (usage after the stop). Blocks Converse cannot carry (server tools and
 * their results) are dropped whole, reported, with their deltas and stop; the blocks that remain are numbered
 * 0, 1, 2, … as a Converse stream numbers them. An `error` event becomes a ConverseStream exception event.
 */
export function createAnthropicToConverseStream(
  options: TranslateOptions = {},
): StreamTranslator<unknown, ConverseEvent> {
  const losses = new LossCollector(options.strict);
  let done = false;
  let usage: Record<string, unknown> = {};
  let stopReason: unknown;
  /** Anthropic block index -> Converse contentBlockIndex */
  const indexes = new Map<number, number>();
  /** Anthropic block indexes dropped at their start */
  const dropped = new Set<number>();
  let next = 0;
  const merge = (u: unknown) => {
    if (!isRecord(u)) return;
    const n = { ...usage };
    for (const [k, v] of Object.entries(u)) if (v !== null && v !== undefined) n[k] = v;
    usage = n;
  };
  const open = (index: number): number => {
    const c = next++;
    indexes.set(index, c);
    return c;
  };
  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event) || typeof event.type !== 'string')
        throw new TranslationError('upstream', 'a stream event needs a string "type"');
      const index = typeof event.index === 'number' ? event.index : 0;
      switch (event.type) {
        case 'message_start':
          merge(isRecord(event.message) ? event.message.usage : undefined);
          return [{ messageStart: { role: 'assistant' } }];
        case 'content_block_start': {
          const b = isRecord(event.content_block) ? event.content_block : {};
          if (b.type === 'tool_use')
            return [
              {
                contentBlockStart: {
                  contentBlockIndex: open(index),
                  start: { toolUse: { toolUseId: b.id, name: b.name } },
                },
              },
            ];
          if (b.type === 'redacted_thinking')
            return [
              {
                contentBlockDelta: {
                  contentBlockIndex: open(index),
                  delta: { reasoningContent: { redactedContent: b.data } },
                },
              },
            ];
          if (b.type === 'text') {
            const c = open(index);
            return typeof b.text === 'string' && b.text !== ''
              ? [{ contentBlockDelta: { contentBlockIndex: c, delta: { text: b.text } } }]
              : [];
          }
          if (b.type === 'thinking') {
            const c = open(index);
            return typeof b.thinking === 'string' && b.thinking !== ''
              ? [{ contentBlockDelta: { contentBlockIndex: c, delta: { reasoningContent: { text: b.thinking } } } }]
              : [];
          }
          dropped.add(index);
          losses.add(`content[${index}]`, `${JSON.stringify(b.type)} blocks have no Converse equivalent`);
          return [];
        }
        case 'content_block_delta': {
          if (dropped.has(index)) return [];
          const d = isRecord(event.delta) ? event.delta : {};
          if (d.type === 'citations_delta') {
            losses.add(`content[${index}].citations`, 'citations are not carried to Converse streams');
            return [];
          }
          let c = indexes.get(index);
          if (c === undefined) {
            // text and reasoning need no start in Converse; a tool call does (its id and name)
            if (d.type === 'input_json_delta')
              throw new TranslationError('upstream', `input_json_delta for block ${index}, which was never started`);
            c = open(index);
          }
          const wrap = (delta: Record<string, unknown>): ConverseEvent[] => [
            { contentBlockDelta: { contentBlockIndex: c, delta } },
          ];
          if (d.type === 'text_delta') return wrap({ text: d.text });
          if (d.type === 'input_json_delta') return wrap({ toolUse: { input: d.partial_json } });
          if (d.type === 'thinking_delta') return wrap({ reasoningContent: { text: d.thinking } });
          if (d.type === 'signature_delta') return wrap({ reasoningContent: { signature: d.signature } });
          losses.add(`content[${index}].delta`, `${JSON.stringify(d.type)} deltas have no Converse equivalent`);
          return [];
        }
        case 'content_block_stop': {
          const c = indexes.get(index);
          return c === undefined ? [] : [{ contentBlockStop: { contentBlockIndex: c } }];
        }
        case 'message_delta':
          if (isRecord(event.delta) && event.delta.stop_reason !== null && event.delta.stop_reason !== undefined)
            stopReason = event.delta.stop_reason;
          merge(event.usage);
          reportMessageDeltaExtras(event, 'Converse', (path, reason) => {
            if (!losses.list.some((l) => l.path === path)) losses.add(path, reason);
          });
          return [];
        case 'message_stop': {
          done = true;
          const stop = anthropicStopToConverse(stopReason);
          if (stop.loss) losses.add('message_delta.delta.stop_reason', stop.loss);
          return [
            { messageStop: { stopReason: stop.stopReason } },
            { metadata: { usage: anthropicUsageToConverse(usage), metrics: NO_METRICS } },
          ];
        }
        case 'error': {
          done = true;
          const e = isRecord(event.error) ? event.error : {};
          const name = converseStreamException(
            bedrockExceptionForAnthropicType(typeof e.type === 'string' ? e.type : 'api_error'),
          );
          return [{ [name]: { message: typeof e.message === 'string' ? e.message : 'error' } }];
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
