import { describe, expect, it } from 'vitest';
import { bytesOf } from '../../../test/support/stream-test-utils.js';
import { SSEParser } from './parse-sse.js';
import { createSSEBlockDecoder } from './sse-decoder-stream.js';

/** Every block end the byte decoder reports, as offsets in the whole input, for the input cut into `chunks`. */
function boundaries(chunks: Uint8Array[]): number[] {
  const d = createSSEBlockDecoder<string>((m, emit) => emit(m.data));
  const out: number[] = [];
  let base = 0;
  for (const c of chunks) {
    const r = d.pushBlocks(c);
    expect(r.error).toBeUndefined();
    for (const b of r.ends) out.push(base + b);
    base += c.length;
  }
  return out;
}

/** Where the parser has dispatched (or dropped) a message: feeding byte by byte, the offsets after which its event count grew. */
function dispatchOffsets(text: string): number[] {
  const out: number[] = [];
  let at = 0;
  const p = new SSEParser(() => out.push(at));
  for (const ch of text) {
    at += Buffer.byteLength(ch);
    p.feed(ch);
  }
  return out;
}

describe('createSSEBlockDecoder: event block ends in bytes (pushBlocks)', () => {
  it.each([
    ['LF', 'data: a\n\ndata: b\n\n', [9, 18]],
    ['CRLF', 'data: a\r\n\r\ndata: b\r\n\r\n', [11, 22]],
    ['CR', 'data: a\r\rdata: b\r\r', [9, 18]],
    ['mixed', 'data: a\r\n\ndata: b\n\r', [10, 19]],
    ['multi-line message, comment', 'event: x\ndata: 1\ndata: 2\n\n: ping\n\n', [26, 34]],
    ['no end yet', 'data: a\ndata: b\n', []],
  ])('finds message ends (%s), whatever the chunking', (_name, text, expected) => {
    const bytes = bytesOf(text);
    expect(boundaries([bytes])).toEqual(expected);
    // a chunk end between the CR and LF of a blank line: the block ends at the CR, the LF is an end of its own
    const merged = (found: number[]) =>
      found.filter((b) => !(bytes[b - 1] === 13 && bytes[b] === 10 && found.includes(b + 1)));
    for (let cut = 1; cut < bytes.length; cut++)
      expect(merged(boundaries([bytes.subarray(0, cut), bytes.subarray(cut)]))).toEqual(expected);
    const ones = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
    expect(merged(boundaries(ones))).toEqual(expected);
  });

  it('agrees with SSEParser on where each message is dispatched', () => {
    const text = 'event: a\r\ndata: é\r\n\r\ndata: 🌍\r\rdata: x\n\r\n: c\ndata: y\n\n';
    const bytes = bytesOf(text);
    const found = boundaries([bytes]);
    // the parser dispatches at the CR of a CRLF; the block end is there or just after its LF
    const dispatched = dispatchOffsets(text);
    expect(dispatched.length).toBe(4);
    for (const d of dispatched) expect(found.includes(d) || (bytes[d] === 10 && found.includes(d + 1))).toBe(true);
  });

  it('counts bytes, not characters: multi-byte text and characters cut across chunks; values per block', () => {
    const text = 'data: é\n\ndata: 🌍x\n\n: c\n\ndata: 東\n\n';
    const bytes = bytesOf(text);
    // é is 2 bytes, 🌍 4, 東 3
    const expected = [10, 23, 28, 39];
    expect(bytes.length).toBe(39);
    for (let cut = 1; cut < bytes.length; cut++)
      expect(boundaries([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(expected);
    expect(boundaries(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(expected);
    const r = createSSEBlockDecoder<string>((m, emit) => emit(m.data)).pushBlocks(bytes);
    expect(r.values).toEqual(['é', '🌍x', '東']);
    expect(r.counts).toEqual([1, 2, 2, 3]);
  });

  it('a byte-order mark at the start counts as bytes of the first block', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf('data: a\n\n')]);
    expect(boundaries([bytes])).toEqual([12]);
    expect(boundaries([bytes.subarray(0, 2), bytes.subarray(2)])).toEqual([12]);
  });

  it('a fault stops the chunk: the values and block ends before it are kept', () => {
    const d = createSSEBlockDecoder<unknown>((m, emit) => emit(JSON.parse(m.data)));
    const r = d.pushBlocks(bytesOf('data: 1\n\ndata: {bad\n\ndata: 3\n\n'));
    expect(r.values).toEqual([1]);
    expect(r.ends).toEqual([9]);
    expect(r.error).toBeInstanceOf(SyntaxError);
  });
});
