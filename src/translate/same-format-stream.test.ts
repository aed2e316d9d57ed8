import { describe, expect, it } from 'vitest';
import { readText, streamOfText } from '../../test/support/stream-test-utils.js';
import type { FormatId } from '../core/formats.js';
import { createSameFormatStream, endsStreamOf } from './same-format-stream.js';
import { getCodec } from './translate.js';
import { translateStream } from './translate-stream.js';

const complete: Record<FormatId, unknown[]> = {
  'anthropic-messages': [{ type: 'message_start', message: {} }, { type: 'message_stop' }],
  'vertex-anthropic': [
    { type: 'message_start', message: {} },
    { type: 'error', error: { type: 'overloaded_error', message: 'x' } },
  ],
  'bedrock-invoke': [{ type: 'message_start', message: {} }, { type: 'message_stop' }],
  'openai-chat': [
    { choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }] },
    { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  ],
  gemini: [
    { candidates: [{ content: { role: 'model', parts: [{ text: 'a' }] } }] },
    { candidates: [{ content: { role: 'model', parts: [] }, finishReason: 'STOP' }] },
  ],
  'openai-responses': [
    { type: 'response.created', sequence_number: 0, response: {} },
    { type: 'response.completed', sequence_number: 1, response: {} },
  ],
  'bedrock-converse': [
    { messageStart: { role: 'assistant' } },
    { messageStop: { stopReason: 'end_turn' } },
    { metadata: { usage: {} } },
  ],
};

describe('same-format streams', () => {
  for (const [format, events] of Object.entries(complete) as [FormatId, unknown[]][]) {
    it(`${format}: passes events through; only a stream cut before its end gets the format's error`, () => {
      const whole = createSameFormatStream(format, getCodec(format));
      expect(events.flatMap((e) => whole.push(e))).toEqual(events);
      expect(whole.end()).toEqual([]);
      const cut = createSameFormatStream(format, getCodec(format));
      cut.push(events[0]);
      expect(cut.end()).toEqual([getCodec(format).streamError(502, 'upstream stream ended before its end')]);
      expect(endsStreamOf(format, events[0])).toBe(false);
    });
  }

  it('recognises the other ends: OpenAI [DONE] and error chunks, Gemini block reasons and errors, Converse exceptions', () => {
    expect(endsStreamOf('openai-chat', '[DONE]')).toBe(true);
    expect(endsStreamOf('openai-chat', { error: { message: 'x' } })).toBe(true);
    expect(endsStreamOf('gemini', { promptFeedback: { blockReason: 'SAFETY' } })).toBe(true);
    expect(endsStreamOf('gemini', { error: { code: 429 } })).toBe(true);
    expect(endsStreamOf('bedrock-converse', { throttlingException: { message: 'x' } })).toBe(true);
    expect(endsStreamOf('bedrock-converse', { contentBlockStop: { contentBlockIndex: 0 } })).toBe(false);
  });

  it('translateStream between a format and itself ends a cut stream with the error event', async () => {
    const cut = 'event: message_start\ndata: {"type":"message_start","message":{"id":"m"}}\n\n';
    const text = await readText(translateStream('anthropic-messages', 'anthropic-messages', streamOfText(cut)));
    expect(text.startsWith(cut)).toBe(true);
    expect(text.slice(cut.length)).toMatch(/^event: error\ndata: \{"type":"error"/);
  });
});
