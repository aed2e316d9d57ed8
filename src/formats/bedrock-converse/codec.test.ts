import { describe, expect, it } from 'vitest';
import { concatBytes, drainUntilError, drainValues } from '../../../test/support/drain-stream.js';
import { streamOfChunks } from '../../../test/support/stream-test-utils.js';
import { TranslationError } from '../../core/errors.js';
import { encodeEventFrame } from '../../wire/event-stream/frames.js';
import { bedrockConverseCodec, createConverseDecodeStream, encodeConverseEvent } from './codec.js';
import { bedrockConverseTarget, parseBedrockConversePath } from './target.js';

/** `bytes` in pieces of `size` bytes. */
function piecesOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.slice(i, i + size));
  return pieces;
}

function decode(bytes: Uint8Array): Promise<unknown[]> {
  return drainValues(streamOfChunks(piecesOf(bytes, 5)).pipeThrough(createConverseDecodeStream()));
}

describe('bedrock-converse codec', () => {
  it('decodes events keyed by :event-type, drops the padding field, in 5-byte pieces', async () => {
    const frame = encodeEventFrame('contentBlockDelta', {
      contentBlockIndex: 0,
      delta: { text: 'h\u00e9' },
      p: 'abcdefgh',
    });
    expect(await decode(frame)).toEqual([{ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'h\u00e9' } } }]);
  });

  it('round-trips exception events as exception frames', async () => {
    expect(await decode(encodeConverseEvent({ validationException: { message: 'bad' } }))).toEqual([
      { validationException: { message: 'bad' } },
    ]);
    expect(bedrockConverseCodec.streamError(529, 'busy')).toEqual({ serviceUnavailableException: { message: 'busy' } });
  });

  it('stream errors are ConverseStream exceptions: statuses without one (timeouts, 403, 404) give modelStreamErrorException', () => {
    expect(bedrockConverseCodec.streamError(429, 'slow down')).toEqual({
      throttlingException: { message: 'slow down' },
    });
    expect(bedrockConverseCodec.streamError(400, 'bad')).toEqual({ validationException: { message: 'bad' } });
    expect(bedrockConverseCodec.streamError(502, 'cut')).toEqual({ internalServerException: { message: 'cut' } });
    expect(bedrockConverseCodec.streamError(504, 'idle')).toEqual({ modelStreamErrorException: { message: 'idle' } });
    expect(bedrockConverseCodec.streamError(403, 'denied')).toEqual({
      modelStreamErrorException: { message: 'denied' },
    });
    expect(bedrockConverseCodec.streamError(500, 'x', 'modelTimeoutException')).toEqual({
      modelStreamErrorException: { message: 'x' },
    });
  });

  it('a corrupt frame is an error', async () => {
    const frame = encodeConverseEvent({ messageStart: { role: 'assistant' } });
    frame[frame.length - 6] = frame[frame.length - 6]! ^ 0x55;
    await expect(decode(frame)).rejects.toBeInstanceOf(TranslationError);
  });

  it('paths', () => {
    expect(bedrockConverseTarget('us.anthropic.claude-x:0', true).path).toBe(
      '/model/us.anthropic.claude-x%3A0/converse-stream',
    );
    expect(parseBedrockConversePath('/model/m/converse')).toEqual({ model: 'm', stream: false });
  });

  it('hands out every whole frame before a cut or corrupt one, then errors, at any chunking', async () => {
    const events = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
    ];
    const whole = concatBytes(events.map((e) => encodeConverseEvent(e)));
    const corrupt = whole.slice();
    corrupt[whole.length - 6] = corrupt[whole.length - 6]! ^ 0xff;
    const cut = whole.slice(0, whole.length - 7);
    for (const bytes of [corrupt, cut]) {
      for (const size of [bytes.length, 7]) {
        const { values, error } = await drainUntilError(
          streamOfChunks(piecesOf(bytes, size)).pipeThrough(createConverseDecodeStream()),
        );
        expect(values).toEqual(events.slice(0, 2));
        expect(error).toBeInstanceOf(TranslationError);
      }
    }
  });
});
