import type {
  ContentBlock,
  MessageStreamEvent,
  RawContentBlockDelta,
} from '../../generated/anthropic-messages/types.gen.js';
import type { ScriptBlock, StreamScript } from './stream-script.js';

/** An Anthropic stream event as parsed JSON (the SSE `event:` name equals `type`). */
export type AnthropicEvent = MessageStreamEvent;

function blockStart(b: ScriptBlock): ContentBlock {
  switch (b.kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool':
      return { type: 'tool_use', id: b.id, name: b.name, input: {} };
  }
}

function blockDeltas(b: ScriptBlock): RawContentBlockDelta[] {
  switch (b.kind) {
    case 'text':
      return b.pieces.map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [
        ...b.pieces.map((thinking): RawContentBlockDelta => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: b.signature },
      ];
    case 'tool':
      return b.fragments.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  }
}

/** Render a script as a valid Anthropic Messages event sequence (message_start … message_stop, pings interleaved). */
export function renderAnthropicEvents(s: StreamScript): AnthropicEvent[] {
  const events: AnthropicEvent[] = [
    {
      type: 'message_start',
      message: {
        id: `msg_${s.id}`,
        type: 'message',
        role: 'assistant',
        model: s.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: s.usage.input,
          cache_creation_input_tokens: s.usage.cacheWrite,
          cache_read_input_tokens: s.usage.cacheRead,
          output_tokens: Math.min(1, s.usage.output),
        },
      },
    },
  ];
  s.blocks.forEach((b, index) => {
    events.push({ type: 'content_block_start', index, content_block: blockStart(b) });
    for (const delta of blockDeltas(b)) events.push({ type: 'content_block_delta', index, delta });
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: s.stop, stop_sequence: s.stopSequence },
    usage: { output_tokens: s.usage.output },
  });
  events.push({ type: 'message_stop' });
  // pings may appear between any two events: here after message_start and before message_stop
  const pings = [...new Set(s.pings.map((p) => Math.min(p, events.length - 2)))].sort((a, b) => b - a);
  for (const p of pings) events.splice(p + 1, 0, { type: 'ping' });
  return events;
}
