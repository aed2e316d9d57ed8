import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrames, hasBinaryFrames } from './stream-frames.js';

const converse = [
  { messageStart: { role: 'assistant' } },
  { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
  { contentBlockStop: { contentBlockIndex: 0 } },
  { messageStop: { stopReason: 'end_turn' } },
];
const invoke = [
  {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [],
      model: 'm',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 0 },
    },
  },
  { type: 'message_stop' },
];

describe('stream frames', () => {
  it('only binary formats have frames', () => {
    expect(hasBinaryFrames('bedrock-converse')).toBe(true);
    expect(hasBinaryFrames('bedrock-invoke')).toBe(true);
    expect(hasBinaryFrames('gemini')).toBe(false);
    expect(() => encodeFrames('anthropic-messages', invoke)).toThrow(/SSE text/);
  });

  it('encode then decode gives the events back, for Converse and InvokeModel', async () => {
    expect(await decodeFrames('bedrock-converse', encodeFrames('bedrock-converse', converse))).toEqual(converse);
    expect(await decodeFrames('bedrock-invoke', encodeFrames('bedrock-invoke', invoke))).toEqual(invoke);
  });

  it('exception events become exception frames', async () => {
    const events = [...converse.slice(0, 2), { throttlingException: { message: 'slow down' } }];
    expect(await decodeFrames('bedrock-converse', encodeFrames('bedrock-converse', events))).toEqual(events);
  });

  it('$truncated cuts the last frame in half: the decoder reports a stream ending inside a frame', async () => {
    const whole = encodeFrames('bedrock-converse', converse.slice(0, 2));
    const cut = encodeFrames('bedrock-converse', [converse[0], { $truncated: converse[1] }]);
    const first = encodeFrames('bedrock-converse', [converse[0]]);
    expect(cut.length).toBe(first.length + Math.floor((whole.length - first.length) / 2));
    const events = await decodeFrames('bedrock-converse', cut);
    expect(events[0]).toEqual(converse[0]);
    expect(events.at(-1)).toEqual({ $error: expect.stringMatching(/inside a frame/) });
    expect(() => encodeFrames('bedrock-converse', [{ $truncated: converse[0] }, converse[1]])).toThrow(/only the last/);
  });

  it('$corrupt flips a payload byte: the CRC check rejects the frame', async () => {
    const events = await decodeFrames(
      'bedrock-converse',
      encodeFrames('bedrock-converse', [converse[0], { $corrupt: converse[1] }]),
    );
    expect(events).toHaveLength(2);
    expect(events[1]).toEqual({ $error: expect.stringMatching(/corrupt|checksum|crc/i) });
  });
});
