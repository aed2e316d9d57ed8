/**
 * The floor: what any translator must at least do. For JSON bodies: parse + stringify the same
 * bytes. For streams: split SSE into messages, parse + stringify each payload and frame it again,
 * with no translation, in one TransformStream that writes once per input chunk (as `translateStream` does).
 * The framing is the bench's own (bench/wire.ts), not the library's: the floor must not move when the library does.
 */
export function floorJson(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

function floorTransform(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let buffer = '';
  const flushBlocks = (controller: TransformStreamDefaultController<Uint8Array>, final: boolean) => {
    let start = 0;
    // one output write per input chunk, as translateStream does: the floor must not pay per-event enqueues
    let out = '';
    for (;;) {
      const end = buffer.indexOf('\n\n', start);
      if (end === -1) break;
      const block = buffer.slice(start, end);
      start = end + 2;
      const dataAt = block.indexOf('data: ');
      if (dataAt === -1) continue;
      const data = block.slice(dataAt + 6);
      const event = block.startsWith('event: ') ? block.slice(7, block.indexOf('\n')) : undefined;
      const json = data === '[DONE]' ? data : JSON.stringify(JSON.parse(data));
      out += event === undefined ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`;
    }
    if (out !== '') controller.enqueue(encoder.encode(out));
    buffer = final ? '' : buffer.slice(start);
  };
  return new TransformStream({
    transform(chunk, controller) {
      buffer += decoder.decode(chunk, { stream: true });
      flushBlocks(controller, false);
    },
    flush(controller) {
      buffer += decoder.decode();
      flushBlocks(controller, true);
    },
  });
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
  return drain(readableFrom(chunks).pipeThrough(floorTransform()));
}
