import { describe, expect, it } from 'vitest';
import { normalizeBodyIds, normalizeStreamIds } from './normalize-ids.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

describe('normalize ids', () => {
  it('takes id and created from the expected body, nothing else', () => {
    expect(
      normalizeBodyIds({ id: 'chatcmpl-e', created: 1, model: 'm' }, { id: 'chatcmpl-a', created: 2, model: 'other' }),
    ).toEqual({ id: 'chatcmpl-e', created: 1, model: 'other' });
    expect(normalizeBodyIds({ id: 'x' }, { type: 'error' })).toEqual({ type: 'error' });
  });
  it('swaps the stream id and created, leaving other bytes as they are', () => {
    const expected = enc.encode('data: {"id":"E","created":1,"x":"A"}\n\ndata: [DONE]\n\n');
    const actual = enc.encode('data: {"id":"A","created":9,"x":"A"}\n\ndata: {"id":"A","created":9}\n\n');
    expect(dec.decode(normalizeStreamIds(expected, actual))).toBe(
      'data: {"id":"E","created":1,"x":"A"}\n\ndata: {"id":"E","created":1}\n\n',
    );
  });
  it('finds the Anthropic message id in message_start', () => {
    const expected = enc.encode('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_E"}}\n\n');
    const actual = enc.encode('event: message_start\ndata: {"type":"message_start","message":{"id":"msg_A"}}\n\n');
    expect(dec.decode(normalizeStreamIds(expected, actual))).toBe(dec.decode(expected));
  });
});
