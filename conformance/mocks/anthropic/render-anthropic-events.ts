import { chunkText } from '../../scripted-model/chunk-text.js';
import type { Script } from '../../scripted-model/script.js';
import { anthropicContent } from './render-anthropic-message.js';

type Event = Record<string, unknown>;

/** The deltas that stream one block whose start carried an empty shell. */
function blockDeltas(block: Record<string, unknown>, chunkSize: number): { shell: Event; deltas: Event[] } {
  switch (block.type) {
    case 'thinking': {
      const deltas: Event[] = chunkText(String(block.thinking), chunkSize).map((thinking) => ({
        type: 'thinking_delta',
        thinking,
      }));
      deltas.push({ type: 'signature_delta', signature: String(block.signature) });
      return { shell: { type: 'thinking', thinking: '', signature: '' }, deltas };
    }
    case 'text': {
      // citations come as citations_delta before the cited text
      const citations: Event[] = Array.isArray(block.citations)
        ? block.citations.map((citation: unknown) => ({ type: 'citations_delta', citation }))
        : [];
      return {
        shell: { type: 'text', text: '' },
        deltas: [
          ...citations,
          ...chunkText(String(block.text), chunkSize).map((text) => ({ type: 'text_delta', text })),
        ],
      };
    }
    default: {
      // server tool results arrive whole in content_block_start
      if (block.input === undefined) return { shell: block, deltas: [] };
      const json = JSON.stringify(block.input);
      const deltas = chunkText(json, chunkSize).map((partial_json) => ({ type: 'input_json_delta', partial_json }));
      return { shell: { ...block, input: {} }, deltas };
    }
  }
}

/**
 * A script as Anthropic stream events (docs/wire-formats.md#anthropic-stream-grammar): message_start, a ping (when `pings`), each block as
 * start / deltas of `chunkSize` code points / stop, one message_delta with the stop reason and cumulative usage,
 * message_stop.
 */
export function renderAnthropicEvents(
  script: Script,
  model: string,
  chunkSize: number,
  pings: boolean,
  /** the blocks to send (default: the script's); `usage`: fields added to the final usage */
  content: Event[] = anthropicContent(script),
  usageExtra: Event = {},
): Event[] {
  const usage = { input_tokens: script.usage.inputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const events: Event[] = [
    {
      type: 'message_start',
      message: {
        id: `msg_${script.id}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: Math.min(1, script.usage.outputTokens) },
      },
    },
  ];
  if (pings) events.push({ type: 'ping' });
  content.forEach((block, index) => {
    const { shell, deltas } = blockDeltas(block, chunkSize);
    events.push({ type: 'content_block_start', index, content_block: shell });
    for (const delta of deltas) events.push({ type: 'content_block_delta', index, delta });
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: script.stop, stop_sequence: script.stopSequence },
    usage: { output_tokens: script.usage.outputTokens, ...usageExtra },
  });
  events.push({ type: 'message_stop' });
  return events;
}
