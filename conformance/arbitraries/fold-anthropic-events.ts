import { isRecord } from '../../src/core/narrow.js';

/** What folding a stream found besides the message: an error event, or a stream that never reached its end. */
export interface Folded<T> {
  message: T;
  /** the stream's error event, if it had one */
  error?: unknown;
  /** the terminal event (`message_stop` / `[DONE]`) was seen */
  complete: boolean;
}

/** Tool input JSON as the fold reads it: `{}` when empty, a marker when it does not parse (the SDK would throw). */
function parseInput(json: string): unknown {
  if (json === '') return {};
  try {
    return JSON.parse(json);
  } catch {
    return { $unparsable: json };
  }
}

/**
 * Fold an Anthropic event sequence into the `Message` it describes, the way the official SDK accumulates it:
 * message_start gives the shell, block starts/deltas build content (tool input JSON parsed at the block's stop,
 * `{}` when empty, `{$unparsable: text}` when it is not JSON), message_delta overwrites stop_reason/stop_sequence and usage fields (usage is cumulative).
 */
export function foldAnthropicEvents(events: readonly unknown[]): Folded<Record<string, unknown>> {
  let message: Record<string, unknown> = {};
  const content: Record<string, unknown>[] = [];
  const partialJson = new Map<number, string>();
  let error: unknown;
  let complete = false;
  for (const e of events) {
    if (!isRecord(e)) continue;
    switch (e.type) {
      case 'message_start':
        if (isRecord(e.message))
          message = { ...e.message, usage: { ...(isRecord(e.message.usage) ? e.message.usage : {}) } };
        break;
      case 'content_block_start':
        if (typeof e.index === 'number' && isRecord(e.content_block)) content[e.index] = { ...e.content_block };
        break;
      case 'content_block_delta': {
        const i = typeof e.index === 'number' ? e.index : -1;
        const block = content[i];
        const d = isRecord(e.delta) ? e.delta : {};
        if (!block) break;
        if (d.type === 'text_delta') block.text = `${String(block.text ?? '')}${String(d.text ?? '')}`;
        else if (d.type === 'thinking_delta')
          block.thinking = `${String(block.thinking ?? '')}${String(d.thinking ?? '')}`;
        else if (d.type === 'signature_delta') block.signature = String(d.signature ?? '');
        else if (d.type === 'citations_delta')
          block.citations = [...(Array.isArray(block.citations) ? block.citations : []), d.citation];
        else if (d.type === 'input_json_delta')
          partialJson.set(i, `${partialJson.get(i) ?? ''}${String(d.partial_json ?? '')}`);
        break;
      }
      case 'content_block_stop': {
        const i = typeof e.index === 'number' ? e.index : -1;
        const block = content[i];
        const json = partialJson.get(i);
        if (block && json !== undefined) block.input = parseInput(json);
        break;
      }
      case 'message_delta': {
        const d = isRecord(e.delta) ? e.delta : {};
        if ('stop_reason' in d) message.stop_reason = d.stop_reason;
        if ('stop_sequence' in d) message.stop_sequence = d.stop_sequence;
        if ('stop_details' in d) message.stop_details = d.stop_details;
        if (isRecord(e.usage)) {
          const usage = isRecord(message.usage) ? message.usage : {};
          for (const [k, v] of Object.entries(e.usage)) if (v !== null && v !== undefined) usage[k] = v;
          message.usage = usage;
        }
        break;
      }
      case 'message_stop':
        complete = true;
        break;
      case 'error':
        error = e.error;
        break;
    }
  }
  message.content = content.filter((b) => b !== undefined);
  return { message, error, complete };
}
