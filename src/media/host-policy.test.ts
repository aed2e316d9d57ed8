import { describe, expect, it } from 'vitest';
import { checkResolved, checkUrl, isAllowedHostName, parseHostPolicy } from './host-policy.js';
import { MediaError } from './media-error.js';

const P = 'messages[0].content[0].source.url';
const strict = parseHostPolicy();

function refusal(fn: () => unknown): MediaError {
  try {
    fn();
  } catch (e) {
    if (e instanceof MediaError) return e;
    throw e;
  }
  throw new Error('expected a MediaError');
}

describe('checkUrl', () => {
  it('takes a public https URL and leaves the DNS check to do', () => {
    const c = checkUrl('https://media.example/a.png', strict, P);
    expect(c.url.href).toBe('https://media.example/a.png');
    expect(c.settled).toBe(false);
  });

  it.each([
    ['http://media.example/a.png', /scheme "http"/],
    ['ftp://media.example/a.png', /scheme "ftp"/],
    ['file:///etc/passwd', /scheme "file"/],
    ['data:image/png;base64,iVBORw0KGgo=', /scheme "data"/],
    ['gs://bucket/a.png', /scheme "gs"/],
    ['javascript:alert(1)', /scheme "javascript"/],
  ])('refuses %s (scheme)', (url, why) => {
    const e = refusal(() => checkUrl(url, strict, P));
    expect(e.reason).toBe('forbidden_scheme');
    expect(e.status).toBe(400);
    expect(e.path).toBe(P);
    expect(e.message).toMatch(why);
  });

  it('takes http only with allowHttp', () => {
    expect(checkUrl('http://media.example/a.png', parseHostPolicy([], true), P).url.protocol).toBe('http:');
  });

  it.each([
    ['not a url', 'bad_url'],
    ['/relative/a.png', 'bad_url'],
    ['https://user:secret@media.example/a.png', 'bad_url'],
    [`https://media.example/${'a'.repeat(9000)}`, 'bad_url'],
  ])('refuses %s', (url, reason) => {
    expect(refusal(() => checkUrl(url, strict, P)).reason).toBe(reason);
  });

  it.each([
    'https://127.0.0.1/a.png',
    'https://0x7f.1/a.png',
    'https://2130706433/a.png',
    'https://0177.0.0.1/a.png',
    'https://[::1]/a.png',
    'https://[::ffff:127.0.0.1]/a.png',
    'https://[::ffff:7f00:1]/a.png',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fd00::1]/a.png',
    'https://[fe80::1]/a.png',
    'https://10.0.0.1/a.png',
    'https://100.64.0.1/a.png',
    'https://0.0.0.0/a.png',
    'https://0/a.png',
    'https://localhost/a.png',
    'https://LOCALHOST./a.png',
    'https://api.localhost/a.png',
  ])('refuses %s (address) before any DNS', (url) => {
    const e = refusal(() => checkUrl(url, strict, P));
    expect(e.reason).toBe('forbidden_address');
    expect(e.status).toBe(400);
  });

  it('takes a public address literal as settled', () => {
    expect(checkUrl('https://93.184.216.34/a.png', strict, P).settled).toBe(true);
  });

  it('allowHosts: ranges open addresses, names open hosts whatever they resolve to', () => {
    const policy = parseHostPolicy(['127.0.0.0/8', '::1', 'media.internal', '*.cdn.internal'], true);
    expect(checkUrl('http://127.0.0.1:8080/a.png', policy, P).settled).toBe(true);
    expect(checkUrl('http://[::1]:8080/a.png', policy, P).settled).toBe(true);
    expect(checkUrl('http://[::ffff:127.0.0.1]/a.png', policy, P).settled).toBe(true);
    expect(checkUrl('https://Media.Internal./a.png', policy, P).settled).toBe(true);
    expect(checkUrl('https://a.b.cdn.internal/a.png', policy, P).settled).toBe(true);
    expect(checkUrl('https://cdn.internal/a.png', policy, P).settled).toBe(false);
    expect(refusal(() => checkUrl('http://10.0.0.1/a.png', policy, P)).reason).toBe('forbidden_address');
    expect(isAllowedHostName('MEDIA.internal', policy)).toBe(true);
  });

  it('names the redirect target in its message', () => {
    expect(
      refusal(() => checkUrl('https://10.0.0.1/', strict, P, 'the redirect target "https://10.0.0.1/"')).message,
    ).toMatch(/^the redirect target/);
  });
});

describe('checkResolved', () => {
  it('takes public addresses', () => {
    expect(checkResolved('media.example', ['93.184.216.34', '2606:2800:220:1::1'], strict, P)).toHaveLength(2);
  });
  it('refuses when any address is forbidden (a name pointed at a private address, DNS-rebinding style)', () => {
    const e = refusal(() => checkResolved('rebind.example', ['93.184.216.34', '10.0.0.7'], strict, P));
    expect(e.reason).toBe('forbidden_address');
    expect(e.message).toMatch(/"rebind.example" resolves to 10\.0\.0\.7, which is a private address/);
  });
  it('fails closed on an address it cannot read, and on no address', () => {
    expect(refusal(() => checkResolved('h', ['not-an-ip'], strict, P)).reason).toBe('forbidden_address');
    expect(refusal(() => checkResolved('h', [42], strict, P)).reason).toBe('forbidden_address');
    expect(refusal(() => checkResolved('h', [], strict, P)).reason).toBe('fetch_failed');
  });
});

describe('parseHostPolicy', () => {
  it.each([
    '',
    'not a host',
    'http://media.example',
    '10.0.0.1/40',
    '10.0.0.1/8',
    '1.2.3',
    'a..b',
    '*.',
    'media.example/path',
  ])('refuses %j', (entry) => {
    const e = refusal(() => parseHostPolicy([entry]));
    expect(e.reason).toBe('bad_options');
    expect(e.status).toBe(500);
  });
});
