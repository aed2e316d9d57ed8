import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { type AnthropicStreamEvent, anthropicCodec, createAnthropicDecodeStream } from './codec.js';

const enc = new TextEncoder();

async function decode(text: string, onWarning?: (m: string) => void): Promise<AnthropicStreamEvent[]> {
  const src = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(enc.encode(text));
      c.close();
    },
  });
  const reader = src.pipeThrough(createAnthropicDecodeStream({ onWarning })).getReader();
  const out: AnthropicStreamEvent[] = [];
  for (;;) {
    const r = await reader.read();
    if (r.done) return out;
    out.push(r.value);
  }
}

async function encode(events: unknown[]): Promise<string> {
  const ts = anthropicCodec.encodeStream();
  const w = ts.writable.getWriter();
  const reading = new Response(ts.readable).text();
  for (const e of events) await w.write(e as AnthropicStreamEvent);
  await w.close();
  return reading;
}

describe('anthropic codec', () => {
  it('decodes named events into their JSON, pings included, comments skipped', async () => {
    const events = await decode(
      ': hi\nevent: message_start\ndata: {"type":"message_start","message":{}}\n\nevent: ping\ndata: {"type": "ping"}\n\n',
    );
    expect(events).toEqual([{ type: 'message_start', message: {} }, { type: 'ping' }]);
  });

  it('uses the JSON type when the event name differs, and reports it', async () => {
    const warnings: string[] = [];
    const events = await decode('event: content_block_delta\ndata: {"type":"ping"}\n\n', (m) => warnings.push(m));
    expect(events).toEqual([{ type: 'ping' }]);
    expect(warnings).toEqual([expect.stringContaining('"content_block_delta" differs from the event type "ping"')]);
  });

  it('errors with a TranslationError on data that is not JSON, or has no type', async () => {
    await expect(decode('event: ping\ndata: {oops\n\n')).rejects.toBeInstanceOf(TranslationError);
    await expect(decode('event: ping\ndata: [1]\n\n')).rejects.toThrow(/not a JSON object/);
    await expect(decode('data: {"a":1}\n\n')).rejects.toThrow(/no string "type"/);
  });

  it('accepts an `event: error` whose data is a bare error body', async () => {
    expect(await decode('event: error\ndata: {"error":{"type":"overloaded_error","message":"x"}}\n\n')).toEqual([
      { type: 'error', error: { type: 'overloaded_error', message: 'x' } },
    ]);
  });

  it('encodes every event with an event: line equal to its type', async () => {
    const text = await encode([
      { type: 'message_stop' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'a\nb' } },
    ]);
    expect(text).toBe(
      'event: message_stop\ndata: {"type":"message_stop"}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\nb"}}\n\n',
    );
  });

  it('builds stream error events and error bodies in the Anthropic shape', () => {
    expect(anthropicCodec.streamError(529, 'Overloaded')).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(anthropicCodec.streamError(502, 'cut', 'api_error')).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'cut' },
    });
    expect(anthropicCodec.errorBody(429, 'slow down')).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down' },
    });
    expect(anthropicCodec.streamEnd?.track().see({ type: 'message_stop' })).toBe('done');
    expect(anthropicCodec.streamEnd?.track().see({ type: 'message_delta' })).toBe('open');
  });
});
