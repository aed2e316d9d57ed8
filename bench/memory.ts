/**
 * Heap growth while translating a large stream: the events are produced lazily (never held),
 * translated and drained; heap is sampled after forced GCs every ~10 MB of input.
 */
import type { Library } from './target.js';
import { sseEvent } from './wire.js';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function measureStreamMemory(
  lib: Library,
  totalMb: number,
): Promise<{
  beforeMb: number;
  maxDuringMb: number;
  afterMb: number;
  growthMb: number;
  events: number;
  outMb: number;
  gcExposed: boolean;
}> {
  const encoder = new TextEncoder();
  const target = totalMb * 1024 * 1024;
  let produced = 0;
  let events = 0;
  // a sample every ~10 MB, and at least four per run
  const every = Math.min(10 * 1024 * 1024, Math.ceil(target / 4));
  let nextSample = every;
  let maxDuring = 0;
  const beforeMb = heapMb();
  const frame = (events: Record<string, unknown>[]) => events.map((e) => sseEvent(String(e.type), e)).join('');
  const head = frame([
    {
      type: 'message_start',
      message: {
        id: 'msg_mem',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  ]);
  const delta = frame([
    {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: 'lorem ipsum dolor sit amet, consectetur adipiscing elit '.repeat(4) },
    },
  ]);
  const tail = frame([
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_stop' },
  ]);
  const batch = encoder.encode(delta.repeat(32));
  let state: 'head' | 'body' | 'tail' | 'done' = 'head';
  const input = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state === 'head') {
        controller.enqueue(encoder.encode(head));
        state = 'body';
        return;
      }
      if (state === 'body') {
        controller.enqueue(batch);
        produced += batch.byteLength;
        events += 32;
        if (produced >= nextSample) {
          maxDuring = Math.max(maxDuring, heapMb());
          nextSample += every;
        }
        if (produced >= target) state = 'tail';
        return;
      }
      if (state === 'tail') {
        controller.enqueue(encoder.encode(tail));
        state = 'done';
        return;
      }
      controller.close();
    },
  });
  const reader = lib.translateStream('anthropic-messages', 'openai-chat', input).getReader();
  let out = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out += value.byteLength;
  }
  const afterMb = heapMb();
  return {
    beforeMb,
    maxDuringMb: maxDuring,
    afterMb,
    growthMb: Math.max(maxDuring, afterMb) - beforeMb,
    events,
    outMb: out / 1024 / 1024,
    gcExposed: gc !== undefined,
  };
}
