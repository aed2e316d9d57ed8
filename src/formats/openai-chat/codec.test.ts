import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { createOpenAIDecodeStream, type OpenAIStreamEvent, openaiCodec } from './codec.js';

const enc = new TextEncoder();

async function decode(text: string): Promise<OpenAIStreamEvent[]> {
  const src = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode(text));
      c.close();
    },
  });
  const reader = src.pipeThrough(createOpenAIDecodeStream()).getReader();
  const out: OpenAIStreamEvent[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

async function encode(events: OpenAIStreamEvent[]): Promise<string> {
  const ts = openaiCodec.encodeStream();
  const w = ts.writable.getWriter();
  const reading = new Response(ts.readable).text();
  for (const e of events) await w.write(e);
  await w.close();
  return reading;
}

describe('openai codec', () => {
  it('decodes data-only chunks and [DONE]', async () => {
    expect(await decode('data: {"id":"a","choices":[]}\n\ndata: [DONE]\n\n')).toEqual([
      { id: 'a', choices: [] },
      '[DONE]',
    ]);
  });

  it('passes a data JSON with an error key on as the error event', async () => {
    expect(await decode('data: {"error":{"message":"m","type":"server_error","param":null,"code":null}}\n\n')).toEqual([
      { error: { message: 'm', type: 'server_error', param: null, code: null } },
    ]);
  });

  it('turns an `event: error` message into an error event whatever its data', async () => {
    expect(await decode('event: error\ndata: {"message":"bad","type":"invalid_request_error"}\n\n')).toEqual([
      { error: { message: 'bad', type: 'invalid_request_error' } },
    ]);
    expect(await decode('event: error\ndata: plain text\n\n')).toEqual([
      { error: { message: 'plain text', type: 'server_error', param: null, code: null } },
    ]);
  });

  it('errors with a TranslationError on data that is not JSON', async () => {
    await expect(decode('data: {nope\n\n')).rejects.toBeInstanceOf(TranslationError);
    await expect(decode('data: "str"\n\n')).rejects.toThrow(/not a JSON object/);
  });

  it('encodes data-only messages and the [DONE] terminator', async () => {
    expect(await encode([{ id: 'x', choices: [] }, '[DONE]'])).toBe(
      'data: {"id":"x","choices":[]}\n\ndata: [DONE]\n\n',
    );
  });

  it('builds stream error events and error bodies in the OpenAI shape', () => {
    expect(openaiCodec.streamError(429, 'slow')).toEqual({
      error: { message: 'slow', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
    });
    expect(openaiCodec.streamError(502, 'cut', 'server_error')).toEqual({
      error: { message: 'cut', type: 'server_error', param: null, code: null },
    });
    expect(openaiCodec.errorBody(401, 'who')).toEqual({
      error: { message: 'who', type: 'authentication_error', param: null, code: 'invalid_api_key' },
    });
    expect(openaiCodec.streamEnd?.track().see('[DONE]')).toBe('done');
    expect(openaiCodec.streamEnd?.track().see({})).toBe('open');
  });
});

describe('encoding delta chunks (the cached-envelope path)', () => {
  const chunk = (over: Record<string, unknown> = {}, choice: Record<string, unknown> = {}) => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1700000000,
    model: 'gpt-x',
    choices: [{ index: 0, delta: { content: 'hi "there"\n' }, logprobs: null, finish_reason: null, ...choice }],
    ...over,
  });
  const generic = (e: unknown) => `data: ${JSON.stringify(e)}\n\n`;

  it('writes exactly what JSON.stringify writes, for every shape (cached, changed envelopes, other shapes)', () => {
    class Delta {
      content = 'x';
      toJSON() {
        return { content: 'from toJSON' };
      }
    }
    const events: unknown[] = [
      chunk(),
      chunk({}, { delta: { role: 'assistant', content: '' } }),
      chunk({}, { finish_reason: 'tool_calls', delta: {} }),
      chunk({ id: 'chatcmpl-2' }),
      chunk({ model: 'gpt-ü"' }),
      chunk({ created: 1.5 }),
      chunk({ created: Number.NaN }),
      chunk({ usage: { prompt_tokens: 1 } }),
      chunk({ system_fingerprint: 'fp' }),
      chunk({}, { delta: new Delta() }),
      chunk({}, { index: 1 }),
      chunk({}, { logprobs: { content: [] } }),
      { object: 'chat.completion.chunk', id: 'chatcmpl-1', created: 1, model: 'm', choices: [] },
      { ...chunk(), choices: [] },
      { ...chunk(), choices: [chunk().choices[0], chunk().choices[0]] },
      { ...chunk(), id: 7 },
      chunk(),
    ];
    for (const e of events) expect(openaiCodec.encodeEvents([e])).toBe(generic(e));
    expect(openaiCodec.encodeEvents(events)).toBe(events.map(generic).join(''));
    // every envelope after every other (the cache holds the last one)
    for (const a of events)
      for (const b of events) expect(openaiCodec.encodeEvents([a, b])).toBe(generic(a) + generic(b));
  });
});
