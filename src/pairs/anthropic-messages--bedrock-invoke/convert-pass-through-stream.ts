import { TranslationError } from '../../core/errors.js';
import { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import {
  anthropicTypeForBedrockException,
  bedrockExceptionForAnthropicType,
} from '../../formats/bedrock-invoke/anthropic-errors.js';

type Event = Record<string, unknown> & { type: string };

const METRICS = 'amazon-bedrock-invocationMetrics';

/**
 * The decoded InvokeModel stream is Anthropic's event grammar; translating only touches the edges:
 * error names (camelCase Bedrock exceptions <-> Anthropic error types), Bedrock's
 * `amazon-bedrock-invocationMetrics` on `message_stop` (a loss on the way to Anthropic), and a stream
 * that ends without `message_stop` or an error, which ends with an error event.
 */
export function createPassThrough(
  direction: 'to-anthropic' | 'to-bedrock',
  options: TranslateOptions,
): StreamTranslator<unknown, Event> {
  const losses = new LossCollector(options.strict);
  let done = false;
  let reportedMetrics = false;
  const errorEvent = (anthropicType: string, message: string): Event => ({
    type: 'error',
    error: {
      type: direction === 'to-anthropic' ? anthropicType : bedrockExceptionForAnthropicType(anthropicType),
      message,
    },
  });
  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event) || typeof event.type !== 'string')
        throw new TranslationError('upstream', 'a stream event needs a string "type"');
      if (event.type === 'error') {
        done = true;
        const e = isRecord(event.error) ? event.error : {};
        const type = typeof e.type === 'string' ? e.type : 'api_error';
        const message = typeof e.message === 'string' ? e.message : 'upstream error';
        return [errorEvent(direction === 'to-anthropic' ? anthropicTypeForBedrockException(type) : type, message)];
      }
      if (event.type === 'message_stop') {
        done = true;
        if (direction === 'to-anthropic' && event[METRICS] !== undefined) {
          if (!reportedMetrics) losses.add(METRICS, 'Bedrock invocation metrics have no place in an Anthropic stream');
          reportedMetrics = true;
          const { [METRICS]: _metrics, ...rest } = event;
          return [rest as Event];
        }
      }
      return [event as Event];
    },
    end() {
      if (done) return [];
      done = true;
      return [errorEvent('api_error', 'the upstream stream ended before message_stop')];
    },
    get losses() {
      return losses.list;
    },
  };
}
