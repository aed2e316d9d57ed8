import { describe, expect, it } from 'vitest';
import { encodeSSE, encodeSSEComment, encodeSSEData, encodeSSEEvent } from './encode-sse.js';
import { parseSSE } from './parse-sse.js';

describe('encodeSSE', () => {
  it('builds named events the way Anthropic frames them', () => {
    expect(encodeSSEEvent('ping', { type: 'ping' })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  it('builds data-only messages the way OpenAI frames them', () => {
    expect(encodeSSEData({ a: 1 })).toBe('data: {"a":1}\n\n');
    expect(encodeSSEData('[DONE]')).toBe('data: [DONE]\n\n');
  });

  it('splits multi-line data into several data lines, and the parser joins them back', () => {
    const text = encodeSSE({ data: 'a\nb\r\nc\rd' });
    expect(text).toBe('data: a\ndata: b\ndata: c\ndata: d\n\n');
    expect(parseSSE(text).messages[0]?.data).toBe('a\nb\nc\nd');
  });

  it('writes id and retry, and refuses a line end in the event name', () => {
    expect(encodeSSE({ event: 'x', id: '1', retry: 10, data: '' })).toBe('event: x\nid: 1\nretry: 10\ndata: \n\n');
    expect(() => encodeSSE({ event: 'a\nb', data: '' })).toThrow(RangeError);
  });

  it('writes comments', () => {
    expect(encodeSSEComment('keep-alive')).toBe(': keep-alive\n\n');
    expect(parseSSE(encodeSSEComment('x')).messages).toEqual([]);
  });

  it('JSON events and data are the text the generic encoder writes (one line, however the strings look)', () => {
    const values = [{ a: 'x\ny\r\nz\u2028' }, [1, 'two'], 'text\nwith a line end', 3, null, { t: 'Grüße 😀' }];
    for (const v of values) {
      const data = JSON.stringify(v);
      expect(encodeSSEEvent('e', v)).toBe(encodeSSE({ event: 'e', data }));
      expect(encodeSSEData(v)).toBe(encodeSSE({ data: typeof v === 'string' ? v : data }));
    }
    expect(encodeSSEData('a\nb')).toBe('data: a\ndata: b\n\n');
    expect(() => encodeSSEEvent('a\rb', {})).toThrow(RangeError);
    expect(() => encodeSSEData(undefined)).toThrow(TypeError);
  });
});
