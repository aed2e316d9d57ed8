import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { parseSSE, type SSEMessage, SSEParser } from './parse-sse.js';

function feedAll(chunks: string[], options?: ConstructorParameters<typeof SSEParser>[1]) {
  const messages: SSEMessage[] = [];
  const p = new SSEParser((m) => messages.push(m), options);
  for (const c of chunks) p.feed(c);
  return { messages, end: p.end() };
}

/** every way of cutting `text` into two pieces must give the same messages */
function allSplits(text: string): SSEMessage[][] {
  const out: SSEMessage[][] = [];
  for (let i = 0; i <= text.length; i++) out.push(feedAll([text.slice(0, i), text.slice(i)]).messages);
  return out;
}

describe('parseSSE', () => {
  it('reads event and data fields and dispatches on a blank line', () => {
    const r = parseSSE('event: message_start\ndata: {"a":1}\n\n');
    expect(r.messages).toEqual([{ event: 'message_start', data: '{"a":1}', id: undefined }]);
    expect(r.end).toEqual({ incompleteEvent: false, partialLine: false });
  });

  it('accepts LF, CR and CRLF line ends, also mixed', () => {
    const want = [
      { event: 'a', data: '1', id: undefined },
      { event: undefined, data: '2', id: undefined },
    ];
    expect(parseSSE('event: a\ndata: 1\n\ndata: 2\n\n').messages).toEqual(want);
    expect(parseSSE('event: a\rdata: 1\r\rdata: 2\r\r').messages).toEqual(want);
    expect(parseSSE('event: a\r\ndata: 1\r\n\r\ndata: 2\r\n\r\n').messages).toEqual(want);
    expect(parseSSE('event: a\r\ndata: 1\n\rdata: 2\r\n\n').messages).toEqual(want);
  });

  it('treats a CR at the end of one chunk and a LF at the start of the next as one line end', () => {
    const r = feedAll(['data: x\r', '\ndata: y\r', '\n\r', '\n']);
    expect(r.messages).toEqual([{ event: undefined, data: 'x\ny', id: undefined }]);
  });

  it('gives the same result for every split point, including inside CRLF', () => {
    const text = '\ufeffevent: e\r\ndata: one\r\ndata: two\r\n\r\n: comment\r\ndata:three\r\r';
    const want = parseSSE(text).messages;
    expect(want).toEqual([
      { event: 'e', data: 'one\ntwo', id: undefined },
      { event: undefined, data: 'three', id: undefined },
    ]);
    for (const got of allSplits(text)) expect(got).toEqual(want);
  });

  it('joins multi-line data with \\n and keeps empty data lines', () => {
    expect(parseSSE('data: a\ndata:\ndata: b\n\n').messages[0]?.data).toBe('a\n\nb');
    expect(parseSSE('data\n\n').messages).toEqual([{ event: undefined, data: '', id: undefined }]);
  });

  it('ignores comments, strips exactly one space after the colon', () => {
    const r = parseSSE(': keep-alive\ndata:  two spaces\n\n:\n\ndata:none\n\n');
    expect(r.messages.map((m) => m.data)).toEqual([' two spaces', 'none']);
  });

  it('a field line without a colon is a field with an empty value', () => {
    const r = parseSSE('event\ndata\n\n');
    expect(r.messages).toEqual([{ event: '', data: '', id: undefined }]);
  });

  it('does not dispatch a block without data; unknown fields are ignored', () => {
    const r = parseSSE('event: ping\n\nfoo: bar\ndata: x\n\n');
    expect(r.messages).toEqual([{ event: undefined, data: 'x', id: undefined }]);
  });

  it('reads id (not with NUL) and retry (digits only)', () => {
    const retries: number[] = [];
    const r = parseSSE('id: 7\nretry: 1500\ndata: a\n\nid: x\u0000y\nretry: 1.5\ndata: b\n\n', {
      onRetry: (n) => retries.push(n),
    });
    expect(r.messages).toEqual([
      { event: undefined, data: 'a', id: '7' },
      { event: undefined, data: 'b', id: undefined },
    ]);
    expect(retries).toEqual([1500]);
  });

  it('skips a BOM only at the very start', () => {
    expect(parseSSE('\ufeffdata: a\n\n').messages[0]?.data).toBe('a');
    expect(feedAll(['\ufeff', 'data: a\n\n']).messages[0]?.data).toBe('a');
    // a BOM later is data
    expect(parseSSE('data: \ufeffa\n\n').messages[0]?.data).toBe('\ufeffa');
  });

  it('discards an event that has no closing blank line at the end, and reports it', () => {
    const r = parseSSE('data: complete\n\ndata: cut');
    expect(r.messages.map((m) => m.data)).toEqual(['complete']);
    expect(r.end).toEqual({ incompleteEvent: true, partialLine: true });
    const r2 = parseSSE('data: complete\n\nevent: x\ndata: y\n');
    expect(r2.messages).toHaveLength(1);
    expect(r2.end).toEqual({ incompleteEvent: true, partialLine: false });
    expect(parseSSE('data: a\n\n: trailing comment\n').end).toEqual({ incompleteEvent: false, partialLine: false });
  });

  it('errors with a typed error on a line longer than the limit, also when it spans chunks', () => {
    expect(() => parseSSE(`data: ${'x'.repeat(100)}\n\n`, { maxLineLength: 50 })).toThrow(TranslationError);
    const p = new SSEParser(() => {}, { maxLineLength: 50 });
    p.feed('data: ' + 'x'.repeat(30));
    expect(() => p.feed('x'.repeat(30))).toThrow(/longer than 50/);
    // exactly at the limit is fine
    expect(parseSSE(`data: ${'x'.repeat(44)}\n\n`, { maxLineLength: 50 }).messages).toHaveLength(1);
  });

  it('errors on an event larger than the event limit', () => {
    const text = 'data: 0123456789\n'.repeat(10) + '\n';
    expect(() => parseSSE(text, { maxEventLength: 50 })).toThrow(/larger than 50/);
  });

  it('handles one character per chunk', () => {
    const text = 'event: a\r\ndata: {"x":"é"}\r\n\r\n';
    expect(feedAll([...text]).messages).toEqual([{ event: 'a', data: '{"x":"é"}', id: undefined }]);
  });
});

describe('parseSSE properties', () => {
  const line = fc.oneof(
    fc.constantFrom(
      'data: x',
      'data:y',
      'data',
      'event: e',
      ': c',
      'id: 1',
      'retry: 5',
      '',
      'data: {"a":"é😀"}',
      'foo: bar',
    ),
    fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
  );
  const eol = fc.constantFrom('\n', '\r', '\r\n');
  const doc = fc.array(fc.tuple(line, eol), { maxLength: 30 }).map((ls) => ls.map(([l, e]) => l + e).join(''));

  test.prop([doc, fc.array(fc.nat(), { maxLength: 8 })])(
    'any chunking gives the same messages and end state',
    (text, cuts) => {
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const chunks: string[] = [];
      let at = 0;
      for (const p of points) {
        chunks.push(text.slice(at, p));
        at = p;
      }
      chunks.push(text.slice(at));
      const whole = parseSSE(text);
      const split = feedAll(chunks);
      expect(split.messages).toEqual(whole.messages);
      // a CR as the very last character may still be waiting for its LF: the same either way
      expect(split.end).toEqual(whole.end);
    },
  );
});
