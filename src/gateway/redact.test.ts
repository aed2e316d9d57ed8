import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact.js';

const KEY = 'sk-oai-SECRETabcdefghij0123';
const TOKEN = 'ya29.a0AfB_byC-token-value-9876';
const r = createRedactor([KEY, TOKEN, 'short']);

describe('createRedactor', () => {
  it('replaces every whole secret', () => {
    expect(r.text(`key ${KEY} and again "${KEY}", token=${TOKEN}.`)).toBe(
      `key ${REDACTED} and again "${REDACTED}", token=${REDACTED}.`,
    );
    expect(r.whole(`{"echo":"${KEY}"}`)).toBe(`{"echo":"${REDACTED}"}`);
  });

  it('redacts masked forms whose visible start or end belongs to a secret', () => {
    expect(r.text('Incorrect API key provided: sk-oai-S************0123. See docs.')).toBe(
      `Incorrect API key provided: ${REDACTED}. See docs.`,
    );
    expect(r.text('key sk-****0123 rejected')).toBe(`key ${REDACTED} rejected`);
    expect(r.text('key sk-oai…0123')).toBe(`key ${REDACTED}`);
    expect(r.text('key sk-oai-SECR...')).toBe(`key ${REDACTED}`);
    expect(r.text('token ya29.a0A•••••9876')).toBe(`token ${REDACTED}`);
  });

  it('keeps masked forms of other keys, and ordinary text', () => {
    const other = 'key sk-abc***wxyz and 2023-06-01, model gpt-4o*, a ... b';
    expect(r.text(other)).toBe(other);
    expect(r.text('the word short is not the secret "shorter"')).toBe(
      `the word ${REDACTED} is not the secret "shorter"`,
    );
  });

  it('redacts a run of 12+ characters of a secret that stands alone (a key cut short)', () => {
    expect(r.text('key sk-oai-SECRETab (truncated)')).toBe(`key ${REDACTED} (truncated)`);
    // 11 characters: too short to identify the key
    expect(r.text('key sk-oai-SECR')).toBe('key sk-oai-SECR');
  });

  it('finds a secret in bytes, raw or base64 at any alignment', () => {
    const enc = new TextEncoder();
    expect(r.inBytes(enc.encode(`data: {"x":"${KEY}"}\n\n`))).toBe(true);
    for (const pad of ['', 'a', 'ab']) {
      const b64 = btoa(`{"text":"${pad}${KEY}!"}`);
      expect(r.inBytes(enc.encode(`{"bytes":"${b64}"}`), true)).toBe(true);
      expect(r.inBytes(enc.encode(`{"bytes":"${b64}"}`))).toBe(false);
    }
    expect(r.inBytes(enc.encode('data: {"x":"sk-oai-SECRETabcdefghij012"}'), true)).toBe(false);
    // at the very start and end of a chunk
    expect(r.inBytes(enc.encode(KEY))).toBe(true);
    expect(r.inBytes(enc.encode(`x${KEY}`))).toBe(true);
    expect(r.inBytes(enc.encode(KEY.slice(1)))).toBe(false);
  });

  it('redacts every string of a log entry, keys included', () => {
    expect(r.value({ message: `bad ${KEY}`, list: [{ [TOKEN]: 'x' }], n: 1 })).toEqual({
      message: `bad ${REDACTED}`,
      list: [{ [REDACTED]: 'x' }],
      n: 1,
    });
  });

  it('does nothing without secrets', () => {
    const none = createRedactor([]);
    expect(none.empty).toBe(true);
    expect(none.text('sk-****0123')).toBe('sk-****0123');
    expect(none.inBytes(new TextEncoder().encode('x'))).toBe(false);
  });
});
