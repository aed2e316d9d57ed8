import { type AnthropicEvent, renderAnthropicEvents } from './render-anthropic-events.js';
import type { StreamScript } from './stream-script.js';

/** The event Bedrock's `message_stop` carries in InvokeModelWithResponseStream (docs/wire-formats.md#bedrock-invoke). */
export type BedrockInvokeEvent =
  | AnthropicEvent
  | { type: 'message_stop'; 'amazon-bedrock-invocationMetrics': Record<string, number> };

/**
 * Render a script as the Anthropic events InvokeModelWithResponseStream carries (one per `chunk` frame; the
 * codec does the framing): Anthropic's grammar without pings, and Bedrock's `amazon-bedrock-invocationMetrics`
 * on `message_stop`. The input token count there is the prompt as Bedrock bills it (cache reads and writes
 * included).
 */
export function renderBedrockInvokeEvents(s: StreamScript): BedrockInvokeEvent[] {
  const u = s.usage;
  return renderAnthropicEvents({ ...s, pings: [] }).map((e) =>
    e.type === 'message_stop'
      ? {
          type: 'message_stop',
          'amazon-bedrock-invocationMetrics': {
            inputTokenCount: u.input + u.cacheRead + u.cacheWrite,
            outputTokenCount: u.output,
            invocationLatency: 200 + u.output,
            firstByteLatency: 100,
          },
        }
      : e,
  );
}
