import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../test/support/media-server.js';
import { contentTypeEssence, sniffBinary, sniffMedia } from './sniff.js';

describe('sniffBinary', () => {
  it.each(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const)(
    'knows %s by its magic number',
    (type) => {
      expect(sniffBinary(SAMPLES[type])).toBe(type);
    },
  );
  it('needs the whole pattern: GIF87a/GIF89a only, RIFF….WEBP only, truncated signatures are nothing', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffBinary(enc('GIF87a...'))).toBe('image/gif');
    expect(sniffBinary(enc('GIF88a...'))).toBeUndefined();
    expect(sniffBinary(enc('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(sniffBinary(SAMPLES['image/png'].subarray(0, 7))).toBeUndefined();
    expect(sniffBinary(enc('RIFF\0\0\0\0WEB'))).toBeUndefined();
    expect(sniffBinary(enc('%PDF'))).toBeUndefined();
    expect(sniffBinary(new Uint8Array(0))).toBeUndefined();
    expect(sniffBinary(SAMPLES['text/plain'])).toBeUndefined();
  });
});

describe('sniffMedia', () => {
  it('takes a header that agrees with the bytes, parameters and case ignored', () => {
    expect(sniffMedia('IMAGE/PNG; foo=bar', SAMPLES['image/png'])).toEqual({ ok: true, mediaType: 'image/png' });
    expect(sniffMedia('image/jpg', SAMPLES['image/jpeg'])).toEqual({ ok: true, mediaType: 'image/jpeg' });
  });
  it('lets the bytes decide when the header says nothing', () => {
    expect(sniffMedia(null, SAMPLES['application/pdf'])).toEqual({ ok: true, mediaType: 'application/pdf' });
    expect(sniffMedia('application/octet-stream', SAMPLES['image/webp'])).toEqual({
      ok: true,
      mediaType: 'image/webp',
    });
    expect(sniffMedia(null, SAMPLES['text/plain'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no content-type/),
    });
  });
  it('refuses a header the bytes contradict', () => {
    const html = new TextEncoder().encode('<!doctype html><title>x</title>');
    expect(sniffMedia('image/png', html)).toMatchObject({
      ok: false,
      message: 'the response says image/png but the bytes are not a file of that type',
    });
    expect(sniffMedia('image/jpeg', SAMPLES['image/png'])).toMatchObject({
      ok: false,
      message: 'the response says image/jpeg but the bytes are image/png',
    });
    expect(sniffMedia('text/plain', SAMPLES['application/pdf'])).toMatchObject({
      ok: false,
      message: 'the response says text/plain but the bytes are application/pdf',
    });
  });
  it('reads text/plain as UTF-8, strictly, without a byte-order mark', () => {
    expect(sniffMedia('text/plain; charset=utf-8', SAMPLES['text/plain'])).toEqual({
      ok: true,
      mediaType: 'text/plain',
      text: 'Grüße aus crosswire — ein Text in UTF-8.\n',
    });
    expect(sniffMedia('text/plain', Uint8Array.from([0xef, 0xbb, 0xbf, 0x68, 0x69]))).toEqual({
      ok: true,
      mediaType: 'text/plain',
      text: 'hi',
    });
    expect(sniffMedia('text/plain', Uint8Array.from([0x47, 0xfc, 0x65]))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not valid UTF-8/),
    });
  });
  it('refuses other media types, naming them', () => {
    expect(sniffMedia('text/html; charset=utf-8', new TextEncoder().encode('<p>'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^the response is text\/html/),
    });
    expect(sniffMedia('image/svg+xml', new TextEncoder().encode('<svg/>'))).toMatchObject({ ok: false });
  });
  it('contentTypeEssence', () => {
    expect(contentTypeEssence(null)).toBe('');
    expect(contentTypeEssence(' Text/Plain ; charset=UTF-8')).toBe('text/plain');
  });
});
