import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  comparable,
  concat,
  frameOf,
  fromSmithy,
  hex,
  hexBytes,
  messageArb,
  refit,
  smithy,
  toSmithy,
  utf8Length,
} from '../../../test/support/event-stream-oracle.js';
import {
  createMessageDecoder,
  decodeMessage,
  EventStreamError,
  type EventStreamErrorCode,
  type EventStreamHeaders,
  type EventStreamMessage,
  encodeMessage,
  encodeStringHeaders,
  headerString,
  MAX_HEADER_VALUE_BYTES,
  MAX_HEADERS_BYTES,
  MAX_PAYLOAD_BYTES,
} from './message.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

function codeOf(run: () => unknown): EventStreamErrorCode | 'no error' {
  try {
    run();
  } catch (e) {
    if (e instanceof EventStreamError) return e.code;
    throw e;
  }
  return 'no error';
}

/**
 * Frames written byte by byte from the layout in docs/event-stream.md#frame-layout; the CRCs were computed
 * outside this project (Python `zlib.crc32`).
 */
const KNOWN = {
  /** headers `:message-type` = string "event", payload `{"a":1}` */
  event: hexBytes(`
    0000002d                          # total length 45 = 16 + 22 + 7
    00000016                          # headers length 22
    a8a7818d                          # prelude CRC of the 8 bytes above
    0d 3a6d6573736167652d74797065     # name length 13, ":message-type"
    07 0005 6576656e74                # type 7 (string), value length 5, "event"
    7b2261223a317d                    # payload {"a":1}
    eaf55e15                          # message CRC of every byte above
  `),
  /** one header of every type, empty payload */
  allTypes: hexBytes(`
    0000005f 0000004f 3902db72
    01 74 00
    01 66 01
    01 62 02 fe
    01 73 03 fed4
    01 69 04 01020304
    01 6c 05 fffffffffffffffe
    01 79 06 0004 deadbeef
    01 53 07 0002 c3a9
    01 54 08 0000018bcfe56800
    01 75 09 00112233445566778899aabbccddeeff
    a919bf73
  `),
  /** no headers, no payload: the smallest frame */
  empty: hexBytes('00000010 00000000 05c248eb 7d98c8ff'),
};

const ALL_TYPES: EventStreamHeaders = {
  t: { type: 'boolean', value: true },
  f: { type: 'boolean', value: false },
  b: { type: 'byte', value: -2 },
  s: { type: 'short', value: -300 },
  i: { type: 'integer', value: 0x01020304 },
  l: { type: 'long', value: -2n },
  y: { type: 'binary', value: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) },
  S: { type: 'string', value: '\u00e9' },
  T: { type: 'timestamp', value: new Date(1_700_000_000_000) },
  u: { type: 'uuid', value: '00112233-4455-6677-8899-aabbccddeeff' },
};

describe('event-stream message: known answers', () => {
  it('the hand-built frames have the lengths their preludes state', () => {
    expect(KNOWN.event.length).toBe(45);
    expect(KNOWN.allTypes.length).toBe(95);
    expect(KNOWN.empty.length).toBe(16);
  });

  it('encodes to the bytes of the documented layout', () => {
    expect(
      encodeMessage({ headers: { ':message-type': { type: 'string', value: 'event' } }, body: utf8('{"a":1}') }),
    ).toEqual(KNOWN.event);
    expect(encodeMessage({ headers: ALL_TYPES, body: new Uint8Array(0) })).toEqual(KNOWN.allTypes);
    expect(encodeMessage({ headers: {}, body: new Uint8Array(0) })).toEqual(KNOWN.empty);
  });

  it('decodes the hand-built frames, as smithy does', () => {
    const event = decodeMessage(KNOWN.event);
    expect(comparable(event)).toEqual(
      comparable({ headers: { ':message-type': { type: 'string', value: 'event' } }, body: utf8('{"a":1}') }),
    );
    expect(comparable(decodeMessage(KNOWN.allTypes))).toEqual(
      comparable({ headers: ALL_TYPES, body: new Uint8Array(0) }),
    );
    expect(comparable(fromSmithy(smithy.decode(KNOWN.allTypes)))).toEqual(
      comparable({ headers: ALL_TYPES, body: new Uint8Array(0) }),
    );
    expect(comparable(decodeMessage(KNOWN.empty))).toEqual({ headers: {}, body: '' });
  });

  it('reads a frame at a non-zero offset of its buffer, and the body is a view of the frame', () => {
    const backing = concat([utf8('junk'), KNOWN.event, utf8('more')]);
    const frame = backing.subarray(4, 4 + KNOWN.event.length);
    const m = decodeMessage(frame);
    expect(new TextDecoder().decode(m.body)).toBe('{"a":1}');
    expect(m.body.buffer).toBe(backing.buffer);
    expect(m.body.byteOffset).toBe(4 + 45 - 4 - 7);
  });
});

describe('event-stream message: smithy as the oracle', () => {
  test.prop([messageArb], { numRuns: 150 })(
    'ours encodes the bytes smithy encodes, and each decodes the other',
    (m) => {
      const ours = encodeMessage(m);
      const theirs = smithy.encode(toSmithy(m));
      expect(hex(ours)).toBe(hex(theirs));
      expect(comparable(fromSmithy(smithy.decode(ours)))).toEqual(comparable(m));
      expect(comparable(decodeMessage(theirs))).toEqual(comparable(m));
    },
  );

  test.prop([messageArb], { numRuns: 100 })('decode(encode(m)) is m, and re-encoding gives the same bytes', (m) => {
    const bytes = encodeMessage(m);
    const back = decodeMessage(bytes);
    expect(comparable(back)).toEqual(comparable(m));
    expect(hex(encodeMessage(back))).toBe(hex(bytes));
  });

  it('a 1 MiB payload and the largest header values round-trip through both codecs', () => {
    const body = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) & 0xff);
    const long = 'é'.repeat(16383) + 'x'; // 32,767 bytes
    expect(utf8Length(long)).toBe(MAX_HEADER_VALUE_BYTES);
    const headers: EventStreamHeaders = {
      ['n'.repeat(255)]: { type: 'string', value: long },
      bin: { type: 'binary', value: new Uint8Array(MAX_HEADER_VALUE_BYTES).fill(9) },
      lmin: { type: 'long', value: -(2n ** 63n) },
      lmax: { type: 'long', value: 2n ** 63n - 1n },
      imin: { type: 'integer', value: -(2 ** 31) },
      tmax: { type: 'timestamp', value: new Date(8.64e15) },
      tmin: { type: 'timestamp', value: new Date(-8.64e15) },
    };
    const bytes = encodeMessage({ headers, body });
    expect(hex(bytes)).toBe(hex(smithy.encode(toSmithy({ headers, body }))));
    expect(comparable(decodeMessage(bytes))).toEqual(comparable({ headers, body }));
    expect(comparable(fromSmithy(smithy.decode(bytes)))).toEqual(comparable({ headers, body }));
  });
});

describe('event-stream message: the string-only header block', () => {
  const stringHeaders = (h: Record<string, string>): EventStreamHeaders =>
    Object.fromEntries(Object.entries(h).map(([k, value]) => [k, { type: 'string', value }]));
  const outcome = (f: () => Uint8Array) => {
    try {
      return hex(f());
    } catch (e) {
      return e instanceof EventStreamError ? `${e.code}: ${e.message}` : String(e);
    }
  };
  const block = (h: Record<string, string>) => {
    const bytes = encodeMessage({ headers: stringHeaders(h), body: new Uint8Array(0) });
    return bytes.slice(12, bytes.length - 4);
  };
  test.prop([fc.dictionary(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }), { maxKeys: 4 })], {
    numRuns: 150,
  })('encodeStringHeaders writes what encodeMessage writes between prelude and payload, or refuses alike', (h) => {
    expect(outcome(() => encodeStringHeaders(h))).toBe(outcome(() => block(h)));
  });

  it('the same refusals, in the same words', () => {
    const cases: Record<string, string>[] = [
      { '': 'v' },
      { ['é'.repeat(128)]: 'v' },
      { k: 'a\ud800b' },
      { k: 'x'.repeat(32768) },
      { a: 'x'.repeat(32767), b: 'x'.repeat(32767), c: 'x'.repeat(32767), d: 'x'.repeat(32767), e: 'x' },
    ];
    for (const h of cases) {
      const ours = outcome(() => encodeStringHeaders(h));
      expect(ours).toMatch(/^invalid-message: cannot encode/);
      expect(ours).toBe(outcome(() => block(h)));
    }
    expect(outcome(() => encodeStringHeaders({ k: 'x'.repeat(32767) }))).toBe(
      outcome(() => block({ k: 'x'.repeat(32767) })),
    );
  });
});

describe('event-stream message: a decoder that remembers header text', () => {
  const strings = (names: readonly string[], values: readonly string[]): EventStreamMessage => ({
    headers: Object.fromEntries(names.map((n, i) => [n, { type: 'string', value: values[i % values.length]! }])),
    body: new Uint8Array(0),
  });

  it('gives what decodeMessage gives when a thousand texts compete for 256 slots, twice over', () => {
    const frames = Array.from({ length: 1000 }, (_, i) =>
      encodeMessage(strings([`h${i}`, `${i}h`], [`v${i % 300}`, 'é'.repeat(i % 17)])),
    );
    const decode = createMessageDecoder();
    for (const round of [1, 2]) {
      for (const f of frames) expect(comparable(decode(f)), `round ${round}`).toEqual(comparable(decodeMessage(f)));
    }
  });

  test.prop(
    [
      fc.array(
        fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '\u{1F600}'), minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 4,
        }),
        { minLength: 1, maxLength: 30 },
      ),
      fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é'), maxLength: 40 }), { minLength: 1, maxLength: 5 }),
    ],
    { numRuns: 100 },
  )('random repeated and near-identical texts: the same messages as decodeMessage', (nameSets, values) => {
    const decode = createMessageDecoder();
    for (const names of nameSets) {
      const f = encodeMessage(strings(names, values));
      expect(comparable(decode(f))).toEqual(comparable(decodeMessage(f)));
    }
  });

  it('does not remember text that is not UTF-8', () => {
    const decode = createMessageDecoder();
    const bad = frameOf(concat([Uint8Array.of(1, 0x61, 7, 0, 2, 0xc3, 0x28)]), new Uint8Array(0));
    expect(codeOf(() => decode(bad))).toBe('invalid-utf8');
    expect(codeOf(() => decode(bad))).toBe('invalid-utf8');
  });
});

describe('event-stream message: corruption is detected', () => {
  test.prop([messageArb.filter((m) => m.body.length < 2000), fc.nat(), fc.integer({ min: 1, max: 255 })], {
    numRuns: 200,
  })('changing any one byte of a frame is an EventStreamError, never a different message', (m, at, mask) => {
    const bytes = encodeMessage(m);
    const bad = bytes.slice();
    const i = at % bad.length;
    bad[i] = bad[i]! ^ mask;
    const code = codeOf(() => decodeMessage(bad));
    expect(code).not.toBe('no error');
    if (i < 12) expect(code).toBe('prelude-crc');
    else expect(code).toBe('message-crc');
  });

  it('every byte of the hand-built frames, every bit', () => {
    for (const frame of Object.values(KNOWN)) {
      for (let i = 0; i < frame.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const bad = frame.slice();
          bad[i] = bad[i]! ^ (1 << bit);
          expect(codeOf(() => decodeMessage(bad))).toBe(i < 12 ? 'prelude-crc' : 'message-crc');
        }
      }
    }
  });

  test.prop([messageArb.filter((m) => m.body.length < 2000), fc.nat()], { numRuns: 100 })(
    'a truncated or extended frame is bad-length',
    (m, n) => {
      const bytes = encodeMessage(m);
      const cut = bytes.subarray(0, n % bytes.length);
      expect(codeOf(() => decodeMessage(cut))).toBe('bad-length');
      expect(codeOf(() => decodeMessage(concat([bytes, Uint8Array.of(0)])))).toBe('bad-length');
    },
  );
});

describe('event-stream message: malformed frames with valid CRCs', () => {
  const header = (name: string, type: number, value: Uint8Array) =>
    concat([Uint8Array.of(utf8(name).length), utf8(name), Uint8Array.of(type), value]);
  const stringHeader = (name: string, value: string) =>
    header(name, 7, concat([Uint8Array.of(0, utf8(value).length), utf8(value)]));

  it('a total length below 16, above the frame, or a headers length past the payload is bad-length', () => {
    const short = refit(KNOWN.empty, 0, 15);
    expect(codeOf(() => decodeMessage(short))).toBe('bad-length');
    const over = refit(KNOWN.event, 22, 46);
    expect(codeOf(() => decodeMessage(over))).toBe('bad-length');
    // headers length 30 in a frame of 45: 45 - 16 = 29 bytes for headers and payload together
    expect(codeOf(() => decodeMessage(refit(KNOWN.event, 30)))).toBe('bad-length');
    // 29 is the most that fits: the headers then swallow the payload and the last header is cut short
    expect(codeOf(() => decodeMessage(refit(KNOWN.event, 29)))).toBe('header-overrun');
  });

  it('a header type outside 0..9 is unknown-header-type', () => {
    for (const type of [10, 11, 0x7f, 0xff]) {
      const frame = frameOf(
        concat([stringHeader(':event-type', 'x'), header('k', type, new Uint8Array(4))]),
        new Uint8Array(0),
      );
      expect(codeOf(() => decodeMessage(frame))).toBe('unknown-header-type');
      expect(() => decodeMessage(frame)).toThrow(/"k" has unknown type/);
    }
  });

  it('a header cut by the end of the headers section is header-overrun, for every type', () => {
    for (const name of Object.keys(ALL_TYPES)) {
      const one = encodeMessage({ headers: { [name]: ALL_TYPES[name]! }, body: utf8('payload') });
      const headersLength = new DataView(one.buffer).getUint32(4);
      for (let less = 1; less <= headersLength; less++) {
        expect(
          codeOf(() => decodeMessage(refit(one, headersLength - less))),
          `${name} less ${less}`,
        ).toBe(less === headersLength ? 'no error' : 'header-overrun');
      }
    }
    // a string length that points past the headers
    const long = frameOf(header('s', 7, Uint8Array.of(0, 9, 0x61)), utf8('0123456789'));
    expect(codeOf(() => decodeMessage(long))).toBe('header-overrun');
  });

  it('a name or string value that is not UTF-8 is invalid-utf8', () => {
    expect(
      codeOf(() => decodeMessage(frameOf(header('a', 7, Uint8Array.of(0, 2, 0xc3, 0x28)), new Uint8Array(0)))),
    ).toBe('invalid-utf8');
    expect(codeOf(() => decodeMessage(frameOf(concat([Uint8Array.of(1, 0xff, 0)]), new Uint8Array(0))))).toBe(
      'invalid-utf8',
    );
    // a binary value is bytes, not text: any bytes are fine
    expect(
      codeOf(() => decodeMessage(frameOf(header('a', 6, Uint8Array.of(0, 2, 0xc3, 0x28)), new Uint8Array(0)))),
    ).toBe('no error');
  });

  it('the same name twice is duplicate-header (the format allows one)', () => {
    const frame = frameOf(
      concat([stringHeader(':event-type', 'a'), stringHeader(':event-type', 'b')]),
      new Uint8Array(0),
    );
    expect(codeOf(() => decodeMessage(frame))).toBe('duplicate-header');
  });

  it('a timestamp outside the range of Date is bad-header-value', () => {
    const ms = (hex: string) => frameOf(header('t', 8, hexBytes(hex)), new Uint8Array(0));
    expect(codeOf(() => decodeMessage(ms('001eb208c2dc0001')))).toBe('bad-header-value'); // 8.64e15 + 1
    expect(codeOf(() => decodeMessage(ms('7fffffffffffffff')))).toBe('bad-header-value');
    expect(codeOf(() => decodeMessage(ms('8000000000000000')))).toBe('bad-header-value');
    expect(decodeMessage(ms('001eb208c2dc0000')).headers.t).toEqual({ type: 'timestamp', value: new Date(8.64e15) });
    expect(decodeMessage(ms('ffe14df73d240000')).headers.t).toEqual({ type: 'timestamp', value: new Date(-8.64e15) });
  });

  it('reads an empty header name and empty values (writers differ on the lower bounds)', () => {
    const frame = frameOf(
      concat([header('', 7, Uint8Array.of(0, 0)), header('b', 6, Uint8Array.of(0, 0))]),
      new Uint8Array(0),
    );
    expect(comparable(decodeMessage(frame)).headers).toEqual({
      '': { type: 'string', value: '' },
      b: { type: 'binary', hex: '' },
    });
  });

  it('a leading byte-order mark in a name or value is text, kept', () => {
    const headers: EventStreamHeaders = { '\ufeffname': { type: 'string', value: '\ufeffvalue' } };
    const frame = encodeMessage({ headers, body: new Uint8Array(0) });
    expect(comparable(decodeMessage(frame)).headers).toEqual(comparable({ headers, body: frame }).headers);
    expect(comparable(createMessageDecoder()(frame)).headers).toEqual(comparable({ headers, body: frame }).headers);
  });

  it('header names are data: __proto__ and toString are headers, not prototype lookups', () => {
    const m = decodeMessage(
      frameOf(concat([stringHeader('__proto__', 'p'), stringHeader('toString', 't')]), new Uint8Array(0)),
    );
    expect(Object.keys(m.headers)).toEqual(['__proto__', 'toString']);
    expect(headerString(m, '__proto__')).toBe('p');
    expect(headerString(m, 'toString')).toBe('t');
    expect(headerString(decodeMessage(KNOWN.event), 'toString')).toBeUndefined();
    expect(headerString(decodeMessage(KNOWN.event), 'constructor')).toBeUndefined();
    const again = encodeMessage(m);
    expect(comparable(decodeMessage(again)).headers).toEqual(comparable(m).headers);
  });
});

describe('event-stream message: what cannot be encoded is refused', () => {
  const refused = (headers: Record<string, unknown>, body = new Uint8Array(0)) =>
    codeOf(() => encodeMessage({ headers, body } as EventStreamMessage));

  it('header names of 0 or more than 255 bytes', () => {
    expect(refused({ '': { type: 'boolean', value: true } })).toBe('invalid-message');
    expect(refused({ ['é'.repeat(128)]: { type: 'boolean', value: true } })).toBe('invalid-message');
    expect(refused({ ['n'.repeat(255)]: { type: 'boolean', value: true } })).toBe('no error');
  });

  it('numbers outside their type, or not integers', () => {
    for (const [type, lo, hi] of [
      ['byte', -128, 127],
      ['short', -32768, 32767],
      ['integer', -(2 ** 31), 2 ** 31 - 1],
    ] as const) {
      expect(refused({ k: { type, value: lo } })).toBe('no error');
      expect(refused({ k: { type, value: hi } })).toBe('no error');
      expect(refused({ k: { type, value: lo - 1 } })).toBe('invalid-message');
      expect(refused({ k: { type, value: hi + 1 } })).toBe('invalid-message');
      expect(refused({ k: { type, value: 1.5 } })).toBe('invalid-message');
      expect(refused({ k: { type, value: '1' } })).toBe('invalid-message');
    }
    expect(refused({ k: { type: 'long', value: 2n ** 63n } })).toBe('invalid-message');
    expect(refused({ k: { type: 'long', value: -(2n ** 63n) - 1n } })).toBe('invalid-message');
    expect(refused({ k: { type: 'long', value: 5 } })).toBe('invalid-message');
  });

  it('values over 32,767 bytes, lone surrogates, invalid dates and UUIDs, unknown types', () => {
    expect(refused({ k: { type: 'string', value: 'x'.repeat(32768) } })).toBe('invalid-message');
    expect(refused({ k: { type: 'binary', value: new Uint8Array(32768) } })).toBe('invalid-message');
    expect(refused({ k: { type: 'string', value: 'a\ud800b' } })).toBe('invalid-message');
    expect(refused({ 'a\udc00': { type: 'boolean', value: true } })).toBe('invalid-message');
    expect(refused({ k: { type: 'string', value: 'a\ud83d\ude00b' } })).toBe('no error');
    expect(refused({ k: { type: 'timestamp', value: new Date(Number.NaN) } })).toBe('invalid-message');
    expect(refused({ k: { type: 'uuid', value: '00112233-4455-6677-8899-aabbccddeef' } })).toBe('invalid-message');
    expect(refused({ k: { type: 'uuid', value: '0011223344556677-8899-aabbccddeeff' } })).toBe('invalid-message');
    expect(refused({ k: { type: 'float', value: 1 } })).toBe('invalid-message');
    expect(refused({ k: { type: 'boolean', value: 1 } })).toBe('invalid-message');
  });

  it('a UUID in capitals is written, and read back in lowercase', () => {
    const bytes = encodeMessage({
      headers: { u: { type: 'uuid', value: '00112233-4455-6677-8899-AABBCCDDEEFF' } },
      body: new Uint8Array(0),
    });
    expect(decodeMessage(bytes).headers.u).toEqual({ type: 'uuid', value: '00112233-4455-6677-8899-aabbccddeeff' });
  });

  it('headers over 128 KiB, a payload over 24 MiB', () => {
    // a one-letter name and a byte array of n bytes take 1 + 1 + 1 + 2 + n bytes
    const big = { type: 'binary', value: new Uint8Array(MAX_HEADER_VALUE_BYTES) };
    const rest = MAX_HEADERS_BYTES - 3 * (5 + MAX_HEADER_VALUE_BYTES) - 5;
    expect(refused({ a: big, b: big, c: big, d: { type: 'binary', value: new Uint8Array(rest) } })).toBe('no error');
    expect(refused({ a: big, b: big, c: big, d: { type: 'binary', value: new Uint8Array(rest + 1) } })).toBe(
      'invalid-message',
    );
    expect(refused({}, new Uint8Array(MAX_PAYLOAD_BYTES))).toBe('no error');
    expect(refused({}, new Uint8Array(MAX_PAYLOAD_BYTES + 1))).toBe('invalid-message');
  });
});
