/**
 * Fuzzing the resolver's parsers with arbitrary input: URL and host checks, address parsing (against Node's own
 * `net.isIP` as an independent oracle), the address rules, magic-number sniffing, `allowHosts`, and whole
 * `resolveMedia` calls over random bodies with a fetch and a DNS that answer anything. Only `TranslationError`s may
 * come out. Runs: `CROSSWIRE_PROPERTY_RUNS` (conformance/properties/runs.ts).
 */
import { isIPv4, isIPv6 } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { params } from '../../conformance/properties/runs.js';
import { SAMPLES } from '../../test/support/media-server.js';
import { TranslationError } from '../core/errors.js';
import type { FormatId } from '../core/formats.js';
import type { HostResolver, MediaFetch } from './fetch-media.js';
import { checkResolved, checkUrl, hostOf, parseHostPolicy } from './host-policy.js';
import { forbiddenReason, formatIp, parseIPv4, parseIPv6, parseIp } from './ip-address.js';
import { MediaError } from './media-error.js';
import { resolveMedia } from './resolve-media.js';
import { sniffBinary, sniffMedia } from './sniff.js';

function onlyMediaErrors<T>(fn: () => T): T | MediaError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof MediaError) return e;
    throw new Error(`non-MediaError escaped: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

const addressChars = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF:.%[]x-'), maxLength: 45 });
const hosts = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV4Extended(),
  fc.ipV6().map((a) => `[${a}]`),
  addressChars,
  fc.constantFrom(
    'localhost',
    'LOCALHOST.',
    'x.localhost',
    '0',
    '0x7f.1',
    '2130706433',
    '[::]',
    '[::ffff:a9fe:a9fe]',
    '%6c%6f%63%61%6c%68%6f%73%74',
  ),
);
const urls = fc.oneof(
  fc.string(),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .tuple(
      fc.constantFrom('https', 'http', 'ftp', 'file', 'data', 'gs', 'HTTPS', 'javascript', 'h\ttps'),
      hosts,
      fc.string({ maxLength: 12 }),
    )
    .map(([s, h, rest]) => `${s}://${h}/${rest}`),
  fc.tuple(hosts, fc.string({ maxLength: 6 })).map(([h, u]) => `https://${u}@${h}/`),
);
const policies = fc.constantFrom(
  parseHostPolicy(),
  parseHostPolicy(['127.0.0.0/8', '::1', 'media.internal', '*.cdn.internal'], true),
  parseHostPolicy([], true),
);

describe('fuzz: URL and host checks', () => {
  test.prop([urls, policies], params(4))(
    'checkUrl throws only MediaErrors; what it takes is http(s) and no forbidden literal',
    (raw, policy) => {
      const r = onlyMediaErrors(() => checkUrl(raw, policy, 'messages[0].content[0].source.url'));
      if (r instanceof MediaError) {
        expect(r.status).toBe(400);
        expect(r.path).toBe('messages[0].content[0].source.url');
        return;
      }
      expect(r.url.protocol === 'https:' || (r.url.protocol === 'http:' && policy.allowHttp)).toBe(true);
      expect(r.url.username + r.url.password).toBe('');
      const ip = parseIp(hostOf(r.url));
      if (ip && policy.ranges.length === 0) expect(forbiddenReason(ip)).toBeUndefined();
    },
  );

  test.prop(
    [fc.string(), fc.array(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.anything()), { maxLength: 4 }), policies],
    params(2),
  )(
    'checkResolved throws only MediaErrors, and takes only public (or allowed) addresses',
    (host, addresses, policy) => {
      const r = onlyMediaErrors(() => checkResolved(host, addresses, policy, 'p'));
      if (r instanceof MediaError) return;
      expect(r).toHaveLength(addresses.length);
      if (policy.ranges.length === 0) for (const ip of r) expect(forbiddenReason(ip)).toBeUndefined();
    },
  );

  test.prop(
    [
      fc.array(
        fc.oneof(
          fc.string(),
          fc.domain(),
          fc.ipV4(),
          fc.ipV6().map((a) => `${a}/64`),
        ),
        { maxLength: 4 },
      ),
    ],
    params(2),
  )('parseHostPolicy throws only bad_options MediaErrors', (entries) => {
    const r = onlyMediaErrors(() => parseHostPolicy(entries));
    if (r instanceof MediaError) expect(r.reason).toBe('bad_options');
  });
});

describe('fuzz: addresses', () => {
  test.prop([fc.oneof(addressChars, fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string())], params(4))(
    'parseIPv4/parseIPv6 agree with net.isIPv4/isIPv6 and round-trip',
    (text) => {
      const v4 = parseIPv4(text);
      const v6 = parseIPv6(text);
      expect(v4 !== undefined).toBe(isIPv4(text));
      if (!text.includes('%')) expect(v6 !== undefined).toBe(isIPv6(text));
      for (const ip of [v4, v6]) if (ip) expect(parseIp(formatIp(ip))).toEqual(ip);
    },
  );

  test.prop([fc.uint8Array({ minLength: 4, maxLength: 4 })], params(4))(
    'an IPv4 address and its IPv4-mapped IPv6 form get the same verdict',
    (bytes) => {
      const mapped = new Uint8Array(16);
      mapped.set([0xff, 0xff], 10);
      mapped.set(bytes, 12);
      expect(forbiddenReason({ family: 6, bytes: mapped }) === undefined).toBe(
        forbiddenReason({ family: 4, bytes }) === undefined,
      );
    },
  );

  test.prop([fc.uint8Array({ minLength: 16, maxLength: 16 })], params(4))(
    'only global unicast IPv6 (2000::/3) can be public',
    (bytes) => {
      const why = forbiddenReason({ family: 6, bytes });
      const mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
      const nat64 = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0].every((b, i) => bytes[i] === b);
      if (why === undefined && !mapped && !nat64) expect(bytes[0]! >> 5).toBe(1);
    },
  );
});

describe('fuzz: sniffing', () => {
  const headers = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.constantFrom(
      'image/png',
      'image/jpeg',
      'image/jpg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain; charset=utf-8',
      'application/octet-stream',
      'text/html',
      '',
    ),
  );
  const magic = fc.constantFrom(...Object.values(SAMPLES)).map((s) => s.subarray(0, 12));
  const bodies = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.tuple(magic, fc.uint8Array({ maxLength: 32 })).map(([m, rest]) => Uint8Array.from([...m, ...rest])),
    fc.string().map((s) => new TextEncoder().encode(s)),
  );
  test.prop([headers, bodies], params(4))(
    'sniffMedia never throws; a binary verdict is the magic number, a text verdict is the bytes',
    (header, bytes) => {
      const r = sniffMedia(header, bytes);
      if (!r.ok) return;
      if (r.mediaType === 'text/plain') {
        const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
        expect(new TextEncoder().encode(r.text)).toEqual(bom ? bytes.subarray(3) : bytes);
        expect(sniffBinary(bytes)).toBeUndefined();
      } else expect(sniffBinary(bytes)).toBe(r.mediaType);
    },
  );
});

describe('fuzz: resolveMedia end to end', () => {
  const sourceUrl = fc.oneof(
    urls,
    fc.constantFrom('https://media.example/a.png', 'https://93.184.216.34/a.pdf', 'http://media.example/x'),
  );
  const block = fc.oneof(
    fc
      .tuple(fc.constantFrom('image', 'document'), sourceUrl)
      .map(([type, url]) => ({ type, source: { type: 'url', url } })),
    sourceUrl.map((url) => ({
      type: 'tool_result',
      tool_use_id: 't',
      content: [{ type: 'image', source: { type: 'url', url } }],
    })),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const reachable = fc.constantFrom(
    'https://93.184.216.34/a.png',
    'https://93.184.216.34/a.pdf',
    'https://[2606:2800:220:1::1]/b',
    'http://93.184.216.34/c',
    'https://media.example/d',
  );
  const bodies = fc.oneof(
    fc.jsonValue({ maxDepth: 4 }),
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom('image', 'document'), reachable), { minLength: 1, maxLength: 3 })
        .map((bs) => ({
          model: 'm',
          messages: [{ role: 'user', content: bs.map(([type, url]) => ({ type, source: { type: 'url', url } })) }],
        })),
    },
    fc
      .array(
        fc.record({
          role: fc.constantFrom('user', 'assistant'),
          content: fc.oneof(fc.array(block, { maxLength: 4 }), fc.anything()),
        }),
        { maxLength: 3 },
      )
      .map((messages) => ({ model: 'm', messages })),
  );
  const good = fc.constantFrom(...(Object.entries(SAMPLES) as [string, Uint8Array][])).map(([type, bytes]) => ({
    status: 200,
    location: undefined,
    contentType: type,
    contentLength: undefined,
    body: Uint8Array.from(bytes),
  }));
  const answer = fc.oneof(
    { arbitrary: good, weight: 3 },
    fc.record({
      status: fc.constantFrom(200, 204, 206, 301, 302, 303, 307, 308, 304, 400, 404, 500, 599),
      location: fc.option(fc.oneof(urls, fc.string()), { nil: undefined }),
      contentType: headers(),
      contentLength: fc.option(fc.oneof(fc.nat(), fc.string()), { nil: undefined }),
      body: fc
        .oneof(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(...Object.values(SAMPLES)))
        .map((b) => Uint8Array.from(b)),
    }),
    fc.anything().map((thrown) => ({ thrown })),
  );
  function headers() {
    return fc.option(fc.oneof(fc.string(), fc.constantFrom('image/png', 'application/pdf', 'text/plain')), {
      nil: undefined,
    });
  }
  const dns = fc.oneof(
    fc.array(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string(), fc.anything()), { maxLength: 3 }),
    fc.anything().map((thrown) => ({ thrown })),
  );
  const targets = fc.constantFrom<FormatId>(
    'bedrock-converse',
    'bedrock-converse',
    'bedrock-invoke',
    'openai-chat',
    'gemini',
    'anthropic-messages',
  );

  // the fuzzer must reach the fetch and the body reading, not only the URL checks
  const reached = { fetches: 0, inlined: 0 };
  afterAll(() => {
    expect(reached.fetches).toBeGreaterThan(0);
    expect(reached.inlined).toBeGreaterThan(0);
  });

  test.prop([bodies, targets, fc.array(answer, { minLength: 1, maxLength: 4 }), dns, fc.boolean()], params(2))(
    'rejects only with TranslationErrors',
    async (body, to, answers, dnsAnswer, allowHttp) => {
      let n = 0;
      const fetch: MediaFetch = async () => {
        reached.fetches++;
        const a = answers[n++ % answers.length]!;
        if ('thrown' in a) throw a.thrown;
        const h = new Headers();
        if (a.location !== undefined) h.set('location', a.location.replace(/[\r\n\0]/g, ''));
        if (a.contentType !== undefined) h.set('content-type', a.contentType.replace(/[\r\n\0]/g, ''));
        if (a.contentLength !== undefined) h.set('content-length', String(a.contentLength).replace(/[\r\n\0]/g, ''));
        const noBody = a.status === 204 || a.status === 304;
        return new Response(noBody ? null : a.body, { status: a.status, headers: h });
      };
      const resolve: HostResolver = async () => {
        if (!Array.isArray(dnsAnswer)) throw dnsAnswer.thrown;
        return dnsAnswer as string[];
      };
      try {
        const r = await resolveMedia(to, body, {
          fetch,
          resolve,
          allowHttp,
          limits: { timeoutMs: 1000, maxItemBytes: 60 },
        });
        reached.inlined += r.fetched.length;
      } catch (e) {
        if (!(e instanceof TranslationError))
          throw new Error(
            `non-TranslationError escaped: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
          );
      }
    },
  );
});
