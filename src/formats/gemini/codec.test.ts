import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { createGeminiDecodeStream, encodeGeminiEvent, encodeGeminiEventCRLF, geminiCodec } from './codec.js';

async function decode(chunks: Uint8Array[]): Promise<unknown[]> {
  const rs = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  }).pipeThrough(createGeminiDecodeStream());
  const out: unknown[] = [];
  const reader = rs.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('gemini codec', () => {
  it('decodes CRLF-framed data-only SSE, split anywhere (also inside a UTF-8 character)', async () => {
    const wire = bytes(
      'data: {"candidates":[{"content":{"parts":[{"text":"h\u00e9"}]}}]}\r\n\r\ndata: {"candidates":[],"usageMetadata":{"promptTokenCount":1}}\r\n\r\n',
    );
    const expected = [
      { candidates: [{ content: { parts: [{ text: 'h\u00e9' }] } }] },
      { candidates: [], usageMetadata: { promptTokenCount: 1 } },
    ];
    for (let cut = 1; cut < wire.length; cut += 7) {
      expect(await decode([wire.slice(0, cut), wire.slice(cut)])).toEqual(expected);
    }
  });

  it('decodes an error chunk as an object and rejects invalid JSON', async () => {
    expect(await decode([bytes('data: {"error":{"code":503,"message":"x","status":"UNAVAILABLE"}}\n\n')])).toEqual([
      { error: { code: 503, message: 'x', status: 'UNAVAILABLE' } },
    ]);
    await expect(decode([bytes('data: {nope\n\n')])).rejects.toBeInstanceOf(TranslationError);
  });

  it('drops an unterminated last message (the translator then reports the cut)', async () => {
    expect(await decode([bytes('data: {"a":1}\n\ndata: {"b":2}')])).toEqual([{ a: 1 }]);
  });

  it('encodes data-only messages and google.rpc errors', () => {
    expect(encodeGeminiEvent({ candidates: [] })).toBe('data: {"candidates":[]}\n\n');
    expect(encodeGeminiEventCRLF({ t: 'a\nb' })).toBe('data: {"t":"a\\nb"}\r\n\r\n');
    expect(geminiCodec.streamError(429, 'slow down')).toEqual({
      error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' },
    });
    expect(geminiCodec.errorBody(529, 'busy')).toEqual({
      error: { code: 503, message: 'busy', status: 'UNAVAILABLE' },
    });
  });
});
