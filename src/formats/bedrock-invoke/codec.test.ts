import { describe, expect, it } from 'vitest';
import { concatBytes, drainUntilError, drainValues } from '../../../test/support/drain-stream.js';
import { streamOfChunks } from '../../../test/support/stream-test-utils.js';
import { TranslationError } from '../../core/errors.js';
import { bytesToBase64 } from '../../wire/base64.js';
import { encodeEventFrame, encodeExceptionFrame } from '../../wire/event-stream/frames.js';
import { decodeMessage } from '../../wire/event-stream/message.js';
import { bedrockInvokeCodec, createBedrockInvokeDecodeStream, encodeBedrockInvokeEvent } from './codec.js';

function decode(chunks: Uint8Array[]): Promise<unknown[]> {
  return drainValues(streamOfChunks(chunks).pipeThrough(createBedrockInvokeDecodeStream()));
}

const chunkFrame = (event: unknown, padding?: string) =>
  encodeEventFrame('chunk', {
    bytes: bytesToBase64(new TextEncoder().encode(JSON.stringify(event))),
    ...(padding ? { p: padding } : {}),
  });

describe('bedrock-invoke codec', () => {
  const events = [
    { type: 'message_start', message: { id: 'msg_1', content: [] } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'h\u00e9 \ud83d\ude00' } },
    { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 3 } },
  ];

  it('decodes chunk frames (base64 Anthropic events, padding ignored) split anywhere', async () => {
    const wire = concatBytes(events.map((e, i) => chunkFrame(e, 'x'.repeat(i * 3))));
    for (let cut = 1; cut < wire.length; cut += 13) {
      expect(await decode([wire.slice(0, cut), wire.slice(cut)])).toEqual(events);
    }
  });

  it('the frame layout is the AWS one: big-endian total length, headers, payload, two CRCs', () => {
    const frame = encodeBedrockInvokeEvent(events[0]);
    const view = new DataView(frame.buffer, frame.byteOffset);
    expect(view.getUint32(0)).toBe(frame.length);
    const msg = decodeMessage(frame);
    expect(msg.headers[':event-type']).toEqual({ type: 'string', value: 'chunk' });
    expect(msg.headers[':message-type']).toEqual({ type: 'string', value: 'event' });
    const payload = JSON.parse(new TextDecoder().decode(msg.body)) as { bytes: string };
    expect(JSON.parse(atob(payload.bytes))).toEqual(events[0]);
  });

  it('a corrupt frame is an error, never garbage', async () => {
    const frame = chunkFrame(events[0]);
    const bad = frame.slice();
    bad[20] = bad[20]! ^ 0xff;
    await expect(decode([bad])).rejects.toBeInstanceOf(TranslationError);
    const badPrelude = frame.slice();
    badPrelude[9] = badPrelude[9]! ^ 1;
    await expect(decode([badPrelude])).rejects.toBeInstanceOf(TranslationError);
    await expect(decode([frame.slice(0, frame.length - 3)])).rejects.toThrow(/inside a frame/);
  });

  it('hands out every whole frame before a cut or corrupt one, then errors (one chunk or many)', async () => {
    const whole = concatBytes(events.map((e) => chunkFrame(e)));
    const lastStart = whole.length - chunkFrame(events[2]).length;
    const cut = whole.slice(0, lastStart + 20);
    const corrupt = whole.slice();
    corrupt[whole.length - 6] = corrupt[whole.length - 6]! ^ 0xff;
    for (const [bytes, error] of [
      [cut, /inside a frame \(20 bytes left\)/],
      [corrupt, /corrupt event-stream frame/],
    ] as const) {
      for (const chunks of [[bytes], [bytes.slice(0, 30), bytes.slice(30)]]) {
        const { values, error: failure } = await drainUntilError(
          streamOfChunks(chunks).pipeThrough(createBedrockInvokeDecodeStream()),
        );
        expect(values).toEqual(events.slice(0, 2));
        expect(failure).toBeInstanceOf(TranslationError);
        expect(String((failure as Error).message)).toMatch(error);
      }
    }
  });

  it('exception frames decode to error events and back', async () => {
    expect(await decode([encodeExceptionFrame('throttlingException', 'Too many requests')])).toEqual([
      { type: 'error', error: { type: 'throttlingException', message: 'Too many requests' } },
    ]);
    const frame = encodeBedrockInvokeEvent({
      type: 'error',
      error: { type: 'modelStreamErrorException', message: 'boom' },
    });
    expect(decodeMessage(frame).headers[':exception-type']).toEqual({
      type: 'string',
      value: 'modelStreamErrorException',
    });
    expect(bedrockInvokeCodec.streamError(429, 'slow')).toEqual({
      type: 'error',
      error: { type: 'throttlingException', message: 'slow' },
    });
  });

  it('skips unknown event types', async () => {
    expect(await decode([encodeEventFrame('somethingNew', { a: 1 }), chunkFrame(events[0])])).toEqual([events[0]]);
  });
});
