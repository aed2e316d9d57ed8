/** Small helpers for stream tests (not part of the public API). */

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

/** A pull-based byte stream that hands out `chunks` one by one, then closes (or errors with `fail`). */
export function streamOfChunks(chunks: readonly Uint8Array[], fail?: unknown): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]!);
        else if (fail !== undefined) controller.error(fail);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** `text` as UTF-8 bytes cut into pieces of `size` bytes (also inside multi-byte characters). */
export function streamOfText(
  text: string,
  size = Number.POSITIVE_INFINITY,
  fail?: unknown,
): ReadableStream<Uint8Array> {
  const bytes = bytesOf(text);
  const chunks: Uint8Array[] = [];
  const step = Math.max(1, Math.min(size, bytes.length || 1));
  for (let at = 0; at < bytes.length; at += step) chunks.push(bytes.subarray(at, at + step));
  return streamOfChunks(chunks, fail);
}

export async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  let out = '';
  for (;;) {
    const r = await reader.read();
    if (r.done) return out + decoder.decode();
    out += decoder.decode(r.value, { stream: true });
  }
}
