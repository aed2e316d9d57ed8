import { describe, expect, it } from 'vitest';
import { decodeSSEEvents, expectErrorEnd } from './client-stream-events.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('decodeSSEEvents', () => {
  it('decodes Anthropic events and checks event names against payload types', () => {
    const r = decodeSSEEvents('anthropic-messages', enc('event: ping\ndata: {"type":"ping"}\n\nevent: ping\ndata: {"type":"message_stop"}\n\n'));
    expect(r.events).toEqual([{ type: 'ping' }, { type: 'message_stop' }]);
    expect(r.problems).toEqual(['event 1: SSE event name "ping" differs from payload type "message_stop"']);
  });
  it('keeps [DONE] as a string for OpenAI and flags event names, bad JSON, a cut tail and bad UTF-8', () => {
    expect(decodeSSEEvents('openai-chat', enc('data: {"a":1}\n\ndata: [DONE]\n\n'))).toEqual({ events: [{ a: 1 }, '[DONE]'], problems: [] });
    expect(decodeSSEEvents('openai-chat', enc('event: x\ndata: {}\n\n')).problems).toEqual(['event 0: OpenAI streams carry no event names, got "x"']);
    expect(decodeSSEEvents('openai-chat', enc('data: {nope\n\n')).problems[0]).toMatch(/not JSON/);
    expect(decodeSSEEvents('openai-chat', enc('data: {}\n\ndata: {')).problems).toEqual(['the stream ends in the middle of an SSE event']);
    expect(decodeSSEEvents('openai-chat', new Uint8Array([0x64, 0x61, 0x74, 0x61, 0x3a, 0xff, 0x0a, 0x0a])).problems[0]).toBe('the stream is not valid UTF-8');
  });
});

describe('expectErrorEnd', () => {
  it('wants the client error event last and no clean end', () => {
    expect(expectErrorEnd('openai-chat', [{ choices: [] }, { error: { message: 'x' } }])).toEqual([]);
    expect(expectErrorEnd('openai-chat', [{ choices: [] }, '[DONE]'])).toHaveLength(2);
    expect(expectErrorEnd('anthropic-messages', [{ type: 'message_start' }, { type: 'error', error: {} }])).toEqual([]);
    expect(expectErrorEnd('anthropic-messages', [{ type: 'message_stop' }, { type: 'error', error: {} }])).toEqual(['the stream ends cleanly although the upstream failed']);
  });
});
