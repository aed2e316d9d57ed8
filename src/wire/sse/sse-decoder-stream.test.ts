import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import type { SSEEndState, SSEMessage } from './parse-sse.js';
import { createSSEDecoderStream } from './sse-decoder-stream.js';

function bytesStream(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const p of parts) c.enqueue(p);
      c.close();
    },
  });
}

async function collect<T>(s: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  const reader = s.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

describe('createSSEDecoderStream', () => {
  it('decodes a multi-byte UTF-8 character split across chunks, at every byte', async () => {
    const bytes = new TextEncoder().encode('data: {"t":"héllo 😀 世界"}\n\n');
    for (let i = 1; i < bytes.length; i++) {
      const msgs = await collect(
        bytesStream([bytes.slice(0, i), bytes.slice(i)]).pipeThrough(createSSEDecoderStream()),
      );
      expect(msgs).toEqual([{ event: undefined, data: '{"t":"héllo 😀 世界"}', id: undefined }]);
    }
  });

  it('decodes a stream cut into single bytes', async () => {
    const bytes = new TextEncoder().encode('\ufeffevent: x\r\ndata: 1\r\n\r\nevent: y\rdata: ü\r\r');
    const parts = [...bytes].map((b) => Uint8Array.of(b));
    const msgs = await collect(bytesStream(parts).pipeThrough(createSSEDecoderStream()));
    expect(msgs).toEqual<SSEMessage[]>([
      { event: 'x', data: '1', id: undefined },
      { event: 'y', data: 'ü', id: undefined },
    ]);
  });

  it('reports an unfinished last event through onEnd', async () => {
    let state: SSEEndState | undefined;
    const msgs = await collect(
      bytesStream([new TextEncoder().encode('data: a\n\ndata: b')]).pipeThrough(
        createSSEDecoderStream({ onEnd: (s) => (state = s) }),
      ),
    );
    expect(msgs.map((m) => m.data)).toEqual(['a']);
    expect(state).toEqual({ incompleteEvent: true, partialLine: true });
  });

  it('errors the stream with a TranslationError on invalid UTF-8', async () => {
    const s = bytesStream([Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a)]).pipeThrough(
      createSSEDecoderStream(),
    );
    await expect(collect(s)).rejects.toBeInstanceOf(TranslationError);
  });

  it('errors on a truncated multi-byte character at the end', async () => {
    const s = bytesStream([Uint8Array.of(0x64, 0x61, 0x74, 0x61, 0x3a, 0x0a, 0x0a, 0xe4, 0xb8)]).pipeThrough(
      createSSEDecoderStream(),
    );
    await expect(collect(s)).rejects.toThrow(/UTF-8/);
  });

  it('errors on a line over the limit', async () => {
    const s = bytesStream([new TextEncoder().encode('data: ' + 'x'.repeat(200))]).pipeThrough(
      createSSEDecoderStream({ maxLineLength: 100 }),
    );
    await expect(collect(s)).rejects.toThrow(/longer than 100/);
  });
});
