/**
 * The gateway's media resolver under hostile and faulty input (docs/gateway.md#media, docs/media.md#safety):
 * requests from Anthropic and OpenAI Chat clients naming random mixes of good media, failing media (404, 500,
 * reset, slow, oversize, mislabelled, too many redirects) and forbidden URLs (other loopback addresses in every
 * spelling, metadata, private ranges, other schemes, credentials, a redirect into a forbidden address), to every
 * provider that needs bytes. Whatever the mix: a success whose upstream got bytes (no loss), or an error in the
 * caller's shape with 400, 502 or 504 naming a JSON path; never an internal error, never an unhandled rejection,
 * and never a connection to a forbidden address (a trap server on 127.0.0.2 counts them).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockConverseMock } from '../../conformance/mocks/bedrock/create-bedrock-converse-mock.js';
import { createBedrockInvokeMock } from '../../conformance/mocks/bedrock/create-bedrock-invoke-mock.js';
import { createGeminiMock } from '../../conformance/mocks/gemini/create-gemini-mock.js';
import type { MockProvider } from '../../conformance/mocks/mock-types.js';
import { createOpenAIMock } from '../../conformance/mocks/openai/create-openai-mock.js';
import type { Gateway } from '../../src/gateway/create-gateway.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { type MediaServer, startMediaServer } from '../support/media-server.js';

const RUNS = Number(process.env.CROSSWIRE_PROPERTY_RUNS ?? 40);

let media: MediaServer;
let trap: Server;
let trapPort = 0;
let trapHits = 0;
let gateway: Gateway;
let mocks: Record<string, MockProvider> = {};
const internal: unknown[] = [];
const unhandled: unknown[] = [];
const statuses: number[] = [];
const onUnhandled = (r: unknown) => unhandled.push(r);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  media = await startMediaServer();
  // a server on another loopback address: the gateway allows 127.0.0.1 only, so nothing may ever reach this one
  trap = createServer((_req, res) => {
    trapHits++;
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
  trapPort = (trap.address() as AddressInfo).port;
  mocks = {
    converse: createBedrockConverseMock({ apiKey: 'c-key' }),
    invoke: createBedrockInvokeMock({ apiKey: 'b-key' }),
    gemini: createGeminiMock({ apiKey: 'g-key' }),
    openai: createOpenAIMock({ apiKey: 'o-key' }),
  };
  gateway = createGateway({
    providers: {
      converse: { format: 'bedrock-converse', baseUrl: 'http://converse.test', apiKey: 'c-key' },
      invoke: { format: 'bedrock-invoke', baseUrl: 'http://invoke.test', apiKey: 'b-key' },
      gemini: { format: 'gemini', baseUrl: 'http://gemini.test', apiKey: 'g-key' },
      openai: { format: 'openai-chat', baseUrl: 'http://openai.test/v1', apiKey: 'o-key' },
    },
    fetch: (req) => mocks[new URL(req.url).host.replace('.test', '')]!(req),
    media: {
      allowHosts: ['127.0.0.1'],
      allowHttp: true,
      limits: { maxItemBytes: 100_000, timeoutMs: 1000, maxRedirects: 3 },
    },
    log: (e) => {
      if ('event' in e && e.event === 'internal_error') internal.push(e);
    },
  });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  expect(trapHits, 'connections to a forbidden address').toBe(0);
  expect(
    statuses.filter((s) => s === 200).length,
    'some requests succeed (the property is not vacuous)',
  ).toBeGreaterThan(0);
  expect(statuses.filter((s) => s !== 200).length, 'some requests fail').toBeGreaterThan(0);
  await media.close();
  trap.closeAllConnections();
  await new Promise<void>((resolve) => trap.close(() => resolve()));
});

const good = ['/a.png', '/a.jpg', '/a.webp', '/a.pdf', '/hops/2/a.png', '/untyped/a.jpg', '/octet/a.pdf'];
const failing = [
  '/status/404',
  '/status/500',
  '/html-as-png',
  '/page.html',
  '/big?bytes=200000',
  '/big?bytes=200000&chunked=1',
  '/slow-headers?ms=4000',
  '/slow-body?ms=4000',
  '/reset',
  '/hops/9/a.png',
  '/latin1.txt',
  '/a.gif',
];

/** URLs that must never be fetched; `{trap}` is the trap server's port. */
const forbidden = [
  'http://127.0.0.2:{trap}/x.png',
  'http://0x7f.2:{trap}/x.png',
  'http://2130706434:{trap}/x.png',
  'http://0177.0.0.2:{trap}/x.png',
  'http://[::ffff:127.0.0.2]:{trap}/x.png',
  'http://localhost:{trap}/x.png',
  'http://a.localhost:{trap}/x.png',
  'http://169.254.169.254/latest/meta-data/',
  'http://[fd00:ec2::254]/latest',
  'http://10.0.0.1/x.png',
  'http://0.0.0.0:{trap}/x.png',
  'http://[::1]:{trap}/x.png',
  'file:///etc/passwd',
  'data:image/png;base64,iVBORw0KGgo=',
  'gs://bucket/x.png',
  'ftp://127.0.0.1/x.png',
  'http://user:pass@127.0.0.1:{media}/a.png',
  'not a url',
  `https://example.com/${'a'.repeat(9000)}`,
];

const url = fc.oneof(
  fc.constantFrom(...good).map((p) => ({ kind: 'good', url: () => media.url(p) })),
  fc.constantFrom(...failing).map((p) => ({ kind: 'failing', url: () => media.url(p) })),
  fc.constantFrom(...forbidden).map((u) => ({
    kind: 'forbidden',
    url: () => u.replace('{trap}', String(trapPort)).replace('{media}', new URL(media.origin).port),
  })),
  fc.constant({
    kind: 'forbidden',
    url: () => media.url(`/redirect?to=${encodeURIComponent(`http://127.0.0.2:${trapPort}/x.png`)}`),
  }),
);

type Client = 'anthropic-messages' | 'openai-chat';

/** One client request naming `urls` as media, for `provider`. */
function requestOf(client: Client, provider: string, urls: { slot: 'image' | 'document'; url: string }[]) {
  if (client === 'openai-chat') {
    return {
      model: `@${provider}/m`,
      max_completion_tokens: 40,
      messages: [
        {
          role: 'user',
          content: [
            ...urls.map((u) => ({ type: 'image_url', image_url: { url: u.url } })),
            { type: 'text', text: 'what are these?' },
          ],
        },
      ],
    };
  }
  const block = (u: { slot: 'image' | 'document'; url: string }) => ({
    type: u.slot,
    source: { type: 'url', url: u.url },
  });
  const [first, ...rest] = urls;
  return {
    model: `@${provider}/m`,
    max_tokens: 40,
    messages: [
      { role: 'user', content: [first ? block(first) : { type: 'text', text: '-' }, { type: 'text', text: 'look' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get', input: {} }] },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [{ type: 'text', text: 'here' }, ...rest.filter((u) => u.slot === 'image').map(block)],
          },
          ...rest.filter((u) => u.slot === 'document').map(block),
          { type: 'text', text: 'and these?' },
        ],
      },
    ],
    tools: [{ name: 'get', description: 'gets', input_schema: { type: 'object', properties: {} } }],
  };
}

async function send(client: Client, body: unknown, signal?: AbortSignal): Promise<Response> {
  return gateway.fetch(
    new Request(`http://localhost${client === 'anthropic-messages' ? '/v1/messages' : '/v1/chat/completions'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'client',
        authorization: 'Bearer client',
        'x-crosswire-debug': 'losses',
      },
      body: JSON.stringify(body),
      signal,
    }),
  );
}

describe.each(['anthropic-messages', 'openai-chat'] as Client[])('%s client: URL media fuzz', (client) => {
  // Chat takes image URLs itself (the gateway passes them on): to a Chat provider only documents are fetched, and a
  // Chat client's request to a Chat provider is passed through untouched
  const providers =
    client === 'openai-chat' ? ['converse', 'invoke', 'gemini'] : ['converse', 'invoke', 'gemini', 'openai'];
  test.prop(
    [
      fc.constantFrom(...providers),
      fc.array(fc.record({ slot: fc.constantFrom<'image' | 'document'>('image', 'document'), target: url }), {
        minLength: 1,
        maxLength: 4,
      }),
    ],
    { numRuns: RUNS },
  )('a success with the bytes inlined, or 400/502/504 in the caller shape naming a path', async (provider, drawn) => {
    const items = provider === 'openai' ? drawn.map((i) => ({ ...i, slot: 'document' as const })) : drawn;
    const urls = items.map((i) => ({ slot: i.slot, url: i.target.url() }));
    const res = await send(client, requestOf(client, provider, urls));
    const text = await res.text();
    statuses.push(res.status);
    expect(internal).toEqual([]);
    if (res.status === 200) {
      // nothing forbidden passed, and nothing of the request was dropped on the way
      // a URL the gateway must not fetch may still succeed when it was not fetched: passed on for the provider to
      // take (a Gemini https or gs:// document), or inline data by the client format's own rules (a data: URL in a
      // Chat image_url). Either way the provider's request holds it as it came; a fetch would have hit the trap.
      const upstream = JSON.stringify(mocks[provider]!.requests.at(-1)?.body ?? null);
      const notCarried = urls.filter(
        (u, k) =>
          items[k]!.target.kind === 'forbidden' &&
          !upstream.includes(u.url.startsWith('data:') ? u.url.slice(u.url.indexOf(',') + 1) : u.url),
      );
      expect(notCarried).toEqual([]);
      expect(decodeURIComponent(res.headers.get('x-crosswire-loss-detail') ?? '')).toBe('[]');
      return;
    }
    expect([400, 502, 504], text).toContain(res.status);
    const json = JSON.parse(text) as { type?: string; error: { type: string; message: string } };
    expect(typeof json.error.message).toBe('string');
    if (client === 'anthropic-messages') expect(json.type).toBe('error');
    expect(json.error.message).toMatch(/\(at messages\[\d+\]/);
    expect(text).not.toMatch(/internal gateway error/);
  });
});

describe('faults under load', () => {
  it('many concurrent requests mixing good, slow and failing media all get an answer, none an internal error', async () => {
    const paths = ['/a.png', '/slow-body?ms=4000', '/reset', '/status/503', '/hops/2/a.jpg', '/big?bytes=200000'];
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const path = `${paths[i % paths.length]}${paths[i % paths.length]!.includes('?') ? '&' : '?'}n=${i}`;
        return send(
          'anthropic-messages',
          requestOf('anthropic-messages', 'converse', [{ slot: 'image', url: media.url(path) }]),
        );
      }),
    );
    const counts = new Map<number, number>();
    for (const r of results) {
      counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      await r.text();
    }
    expect(internal).toEqual([]);
    // 4 good PNGs and 4 redirected JPEGs; 4 slow bodies time out; 4 resets and 4 503s fail; 4 oversize are refused
    expect(Object.fromEntries(counts)).toEqual({ 200: 8, 504: 4, 502: 8, 400: 4 });
  });

  it('client aborts in the middle of media fetches release every media connection', async () => {
    const before = media.abandoned();
    const acs = Array.from({ length: 6 }, () => new AbortController());
    const pending = acs.map((ac, i) =>
      send(
        'openai-chat',
        requestOf('openai-chat', 'invoke', [{ slot: 'image', url: media.url(`/slow-body?ms=3000&abort=${i}`) }]),
        ac.signal,
      ),
    );
    for (let i = 0; i < 6; i++)
      while (!media.hits.get(`/slow-body?ms=3000&abort=${i}`)) await new Promise((r) => setTimeout(r, 10));
    for (const ac of acs) ac.abort();
    const answers = await Promise.all(pending);
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(499));
    for (let i = 0; i < 200 && media.abandoned() < before + 6; i++) await new Promise((r) => setTimeout(r, 10));
    expect(media.abandoned()).toBeGreaterThanOrEqual(before + 6);
    expect(internal).toEqual([]);
  });
});
