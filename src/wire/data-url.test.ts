import { describe, expect, it } from 'vitest';
import { base64ToUtf8, parseDataUrl, toDataUrl, utf8ToBase64 } from './data-url.js';

describe('data URLs', () => {
  it('parses base64 data URLs, lower-casing the media type and ignoring parameters', () => {
    expect(parseDataUrl('data:image/PNG;base64,AAAA')).toEqual({ mediaType: 'image/png', data: 'AAAA' });
    expect(parseDataUrl('data:text/plain;charset=utf-8;base64,aGk=')).toEqual({
      mediaType: 'text/plain',
      data: 'aGk=',
    });
  });
  it('rejects non-base64 and non-data URLs', () => {
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
    expect(parseDataUrl('https://x/y.png')).toBeUndefined();
    expect(parseDataUrl('data:image/png;base64')).toBeUndefined();
  });
  it('builds data URLs', () => expect(toDataUrl('application/pdf', 'JVBE')).toBe('data:application/pdf;base64,JVBE'));
  it('UTF-8 <-> base64 (RFC 4648 values)', () => {
    expect(utf8ToBase64('hi')).toBe('aGk=');
    expect(utf8ToBase64('héllo')).toBe('aMOpbGxv');
    expect(base64ToUtf8('aMOpbGxv')).toBe('héllo');
    expect(base64ToUtf8('not base64!')).toBeUndefined();
    expect(base64ToUtf8('/w==')).toBeUndefined(); // 0xFF is not UTF-8
  });
});
