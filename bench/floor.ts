/**
 * The floor: what any translator must at least do. For JSON bodies: parse + stringify the same
 * bytes. For streams: split SSE into messages, parse + stringify each payload and frame it again,
 * with no translation, in one TransformStream that writes once per input chunk (as `translateStream` does).
 * The framing is the bench's own (bench/wire.ts), not the library's: the floor must not move when the library does.
 */
import { concatBytes } from './wire.js';

export function floorJson(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/**
 * SSE text in, one output write per input chunk: each event block (the text between blank lines) goes through
 * `perBlock`, whose text outputs are joined and encoded once, and whose byte outputs are joined. The floors use it,
 * and so does a peer that translates one event at a time (bench/peers.ts).
 */
export function sseBlockTransform(
  perBlock: (block: string) => string | Uint8Array | undefined,
): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  const run = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    let start = 0;
    let text = '';
    const bytes: Uint8Array[] = [];
    const take = (out: string | Uint8Array | undefined) => {
      if (typeof out === 'string') text += out;
      else if (out !== undefined) bytes.push(out);
    };
    for (;;) {
      const end = buffer.indexOf('\n\n', start);
      if (end === -1) break;
      const block = buffer.slice(start, end);
      start = end + 2;
      if (block.length > 0) take(perBlock(block));
    }
    buffer = buffer.slice(start);
    if (final && buffer.trim() !== '') take(perBlock(buffer));
    if (text !== '') controller.enqueue(encoder.encode(text));
    if (bytes.length > 0) controller.enqueue(concatBytes(bytes));
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      run(controller, false);
    },
    flush(controller) {
      buffer += decoder.decode();
      run(controller, true);
    },
  });
}

/** The SSE floor's work on one block: parse + stringify the payload and frame it again. */
function reframe(block: string): string | undefined {
  const dataAt = block.indexOf('data: ');
  if (dataAt === -1) return undefined;
  const data = block.slice(dataAt + 6);
  const event = block.startsWith('event: ') ? block.slice(7, block.indexOf('\n')) : undefined;
  const json = data === '[DONE]' ? data : JSON.stringify(JSON.parse(data));
  return event === undefined ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`;
}

export function readableFrom(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]!);
      else controller.close();
    },
  });
}

/** Drain a byte stream; returns the number of bytes read. */
export async function drain(stream: ReadableStream<Uint8Array>): Promise<number> {
  const reader = stream.getReader();
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return n;
    n += value.byteLength;
  }
}

export function floorStream(chunks: Uint8Array[]): Promise<number> {
  return drain(readableFrom(chunks).pipeThrough(sseBlockTransform(reframe)));
}
