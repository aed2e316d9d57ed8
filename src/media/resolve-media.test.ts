import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deepFreeze } from '../../conformance/arbitraries/deep-freeze.js';
import { type MediaServer, SAMPLES, startMediaServer } from '../../test/support/media-server.js';
import { TranslationError } from '../core/errors.js';
import type { HostResolver, MediaFetch } from './fetch-media.js';
import { ForbiddenAddressError } from './host-policy.js';
import { MediaError } from './media-error.js';
import { type ResolveMediaOptions, resolveMedia } from './resolve-media.js';
import { urlMediaNeedingBytes } from './targets.js';

let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.hits.clear());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const img = (url: string, extra: Record<string, unknown> = {}) => ({
  type: 'image',
  source: { type: 'url', url },
  ...extra,
});
const doc = (url: string, extra: Record<string, unknown> = {}) => ({
  type: 'document',
  source: { type: 'url', url },
  ...extra,
});
const request = (...content: unknown[]) => ({
  model: 'claude-x',
  max_tokens: 100,
  messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, ...content] }],
});

/** No DNS is needed for the loopback server (an address literal): a resolver that must not be called. */
const noDns: HostResolver = async (host) => {
  throw new Error(`unexpected DNS lookup of ${host}`);
};
const loopback = (more: Partial<ResolveMediaOptions> = {}): ResolveMediaOptions => ({
  fetch: (url, init) => fetch(url, init),
  resolve: noDns,
  allowHosts: ['127.0.0.1'],
  allowHttp: true,
  ...more,
});

async function rejection(p: Promise<unknown>): Promise<MediaError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TranslationError);
    if (e instanceof MediaError) return e;
    throw e;
  }
  throw new Error('expected resolveMedia to reject');
}

describe('resolveMedia: inlining', () => {
  it('Converse: each image type, a PDF and a text file become base64 / text sources; other block fields stay', async () => {
    const input = deepFreeze(
      request(
        img(server.url('/a.jpg'), { cache_control: { type: 'ephemeral' } }),
        img(server.url('/a.png')),
        img(server.url('/a.gif')),
        img(server.url('/a.webp')),
        doc(server.url('/a.pdf'), { title: 'Report', citations: { enabled: true } }),
        doc(server.url('/a.txt'), { context: 'notes' }),
      ),
    );
    const { body, fetched } = await resolveMedia('bedrock-converse', input, loopback());
    expect(body.messages[0]!.content).toEqual([
      { type: 'text', text: 'see' },
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/jpeg', data: b64(SAMPLES['image/jpeg']) },
        cache_control: { type: 'ephemeral' },
      },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(SAMPLES['image/png']) } },
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: b64(SAMPLES['image/gif']) } },
      { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: b64(SAMPLES['image/webp']) } },
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: b64(SAMPLES['application/pdf']) },
        title: 'Report',
        citations: { enabled: true },
      },
      {
        type: 'document',
        source: { type: 'text', media_type: 'text/plain', data: 'Grüße aus crosswire — ein Text in UTF-8.\n' },
        context: 'notes',
      },
    ]);
    expect(fetched.map((f) => [f.mediaType, f.size, f.paths])).toEqual([
      ['image/jpeg', SAMPLES['image/jpeg'].length, ['messages[0].content[1].source.url']],
      ['image/png', SAMPLES['image/png'].length, ['messages[0].content[2].source.url']],
      ['image/gif', SAMPLES['image/gif'].length, ['messages[0].content[3].source.url']],
      ['image/webp', SAMPLES['image/webp'].length, ['messages[0].content[4].source.url']],
      ['application/pdf', SAMPLES['application/pdf'].length, ['messages[0].content[5].source.url']],
      ['text/plain', SAMPLES['text/plain'].length, ['messages[0].content[6].source.url']],
    ]);
    // the other top-level fields are the input's own objects
    expect(body.model).toBe('claude-x');
  });

  it('InvokeModel: URL sources inside tool results and inside a content document are inlined too', async () => {
    const input = deepFreeze({
      model: 'm',
      max_tokens: 1,
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'shot', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't', content: [img(server.url('/a.png')), doc(server.url('/a.pdf'))] },
            {
              type: 'document',
              source: { type: 'content', content: [{ type: 'text', text: 'x' }, img(server.url('/a.webp'))] },
            },
          ],
        },
      ],
    });
    const { body } = await resolveMedia('bedrock-invoke', input, loopback());
    const turn = body.messages[1]!.content as Record<string, unknown>[];
    expect(turn[0]).toEqual({
      type: 'tool_result',
      tool_use_id: 't',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: b64(SAMPLES['image/png']) } },
        {
          type: 'document',
          source: { type: 'base64', media_type: 'application/pdf', data: b64(SAMPLES['application/pdf']) },
        },
      ],
    });
    expect(turn[1]).toEqual({
      type: 'document',
      source: {
        type: 'content',
        content: [
          { type: 'text', text: 'x' },
          { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: b64(SAMPLES['image/webp']) } },
        ],
      },
    });
    expect(body.messages[0]).toBe(input.messages[0]);
  });

  it('takes the media type from the bytes when the response has no content-type or application/octet-stream', async () => {
    const { fetched } = await resolveMedia(
      'bedrock-converse',
      request(img(server.url('/untyped/a.png')), doc(server.url('/octet/a.pdf'))),
      loopback(),
    );
    expect(fetched.map((f) => f.mediaType)).toEqual(['image/png', 'application/pdf']);
  });

  it('Anthropic and Vertex take URLs: nothing is fetched and the body is the input itself; scope "all" fetches anyway', async () => {
    const spy = vi.fn<MediaFetch>();
    const input = request(img(server.url('/a.png')), doc(server.url('/a.pdf')));
    for (const to of ['anthropic-messages', 'vertex-anthropic'] as const) {
      const r = await resolveMedia(to, input, loopback({ fetch: spy }));
      expect(r.body).toBe(input);
      expect(r.fetched).toEqual([]);
    }
    expect(spy).not.toHaveBeenCalled();
    const all = await resolveMedia('anthropic-messages', input, loopback({ scope: 'all' }));
    expect(all.fetched).toHaveLength(2);
  });

  it('Chat: document URLs are inlined, image URLs stay URLs', async () => {
    const input = request(img(server.url('/a.png')), doc(server.url('/a.pdf')));
    const { body, fetched } = await resolveMedia('openai-chat', input, loopback());
    expect(body.messages[0]!.content[1]).toBe(input.messages[0]!.content[1]);
    expect(body.messages[0]!.content[2]).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: b64(SAMPLES['application/pdf']) },
    });
    expect(fetched.map((f) => f.url)).toEqual([server.url('/a.pdf')]);
  });

  it('Gemini: https document URLs stay (Gemini fetches them), image and http URLs are inlined, GIF is not a Gemini image type', async () => {
    const spy = vi.fn<MediaFetch>();
    const https = request(doc('https://media.example/a.pdf'));
    expect((await resolveMedia('gemini', https, loopback({ fetch: spy }))).body).toBe(https);
    expect(spy).not.toHaveBeenCalled();
    // an image URL has no mimeType for fileData until it is fetched: https or not, it is inlined
    expect(urlMediaNeedingBytes('gemini', request(img('https://media.example/a.png'))).map((s) => s.path)).toEqual([
      'messages[0].content[1].source.url',
    ]);
    const { fetched } = await resolveMedia(
      'gemini',
      request(img(server.url('/a.png')), doc(server.url('/a.txt'))),
      loopback(),
    );
    expect(fetched.map((f) => f.mediaType)).toEqual(['image/png', 'text/plain']);
    const e = await rejection(resolveMedia('gemini', request(img(server.url('/a.gif'))), loopback()));
    expect(e.reason).toBe('media_type');
    expect(e.message).toMatch(
      /is image\/gif, which is not taken in an image here \(allowed: image\/png, image\/jpeg, image\/webp\)/,
    );
  });

  it('options.mediaTypes narrows what is taken', async () => {
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(doc(server.url('/a.txt'))),
        loopback({ mediaTypes: { document: ['application/pdf'] } }),
      ),
    );
    expect(e.reason).toBe('media_type');
  });

  it('fetches each distinct URL once, however often it is named, and reports every place', async () => {
    const url = server.url('/a.png?once');
    const input = {
      model: 'm',
      max_tokens: 1,
      messages: [
        { role: 'user', content: [img(url), img(url)] },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: [img(url)] }] },
      ],
    };
    const { body, fetched } = await resolveMedia('bedrock-converse', input, loopback());
    expect(server.hits.get('/a.png?once')).toBe(1);
    expect(fetched).toHaveLength(1);
    expect(fetched[0]!.paths).toEqual([
      'messages[0].content[0].source.url',
      'messages[0].content[1].source.url',
      'messages[2].content[0].content[0].source.url',
    ]);
    const sources = [body.messages[0]!.content[0], body.messages[0]!.content[1]].map(
      (b) => (b as { source: unknown }).source,
    );
    expect(sources[0]).toEqual({ type: 'base64', media_type: 'image/png', data: b64(SAMPLES['image/png']) });
    expect(sources[1]).toEqual(sources[0]);
  });

  it('keeps at most `concurrency` fetches in flight', async () => {
    for (const concurrency of [2, 4]) {
      const s = await startMediaServer();
      try {
        const urls = Array.from({ length: 6 }, (_, i) => s.url(`/a.png?delay=60&n=${i}`));
        const { fetched } = await resolveMedia(
          'bedrock-converse',
          request(...urls.map((u) => img(u))),
          loopback({ limits: { concurrency } }),
        );
        expect(fetched).toHaveLength(6);
        expect(s.maxInFlight()).toBe(concurrency);
      } finally {
        await s.close();
      }
    }
  });

  it('never mutates its input (deep-frozen) and returns new containers only on the changed paths', async () => {
    const input = deepFreeze({
      ...request(img(server.url('/a.png'))),
      tools: [{ name: 't', input_schema: { type: 'object' } }],
      system: 'sys',
    });
    const snapshot = structuredClone(input);
    const { body } = await resolveMedia('bedrock-converse', input, loopback());
    expect(input).toEqual(snapshot);
    expect(body).not.toBe(input);
    expect(body.tools).toBe(input.tools);
    expect(body.messages[0]!.content[0]).toBe(input.messages[0]!.content[0]);
  });
});

describe('resolveMedia: redirects', () => {
  it('follows redirects up to maxRedirects, checking each hop', async () => {
    const { fetched } = await resolveMedia(
      'bedrock-converse',
      request(img(server.url('/hops/3/a.png'))),
      loopback({ limits: { maxRedirects: 3 } }),
    );
    expect(fetched[0]).toMatchObject({ redirects: 3, finalUrl: server.url('/a.png'), mediaType: 'image/png' });
    expect(server.hits.get('/a.png')).toBe(1);
  });

  it('refuses one redirect more than maxRedirects with a 502', async () => {
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img(server.url('/hops/4/a.png'))),
        loopback({ limits: { maxRedirects: 3 } }),
      ),
    );
    expect([e.reason, e.status, e.path]).toEqual(['too_many_redirects', 502, 'messages[0].content[1].source.url']);
    expect(server.hits.get('/a.png')).toBeUndefined();
    const none = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img(server.url('/hops/1/a.png'))),
        loopback({ limits: { maxRedirects: 0 } }),
      ),
    );
    expect(none.reason).toBe('too_many_redirects');
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'forbidden_address', /redirect target .*metadata/],
    ['http://[::1]:1/', 'forbidden_address', /loopback/],
    ['http://10.0.0.1/x.png', 'forbidden_address', /private/],
    ['file:///etc/passwd', 'forbidden_scheme', /scheme "file"/],
    ['http://rebind.test/a.png', 'forbidden_address', /"rebind.test" resolves to 192\.168\.0\.10/],
  ])('refuses a redirect to %s before following it', async (to, reason, message) => {
    const resolve: HostResolver = async (host) => (host === 'rebind.test' ? ['192.168.0.10'] : []);
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img(server.url(`/redirect?to=${encodeURIComponent(to)}`))),
        loopback({ resolve }),
      ),
    );
    expect(e.reason).toBe(reason);
    expect(e.status).toBe(400);
    expect(e.message).toMatch(message);
    expect(e.path).toBe('messages[0].content[1].source.url');
  });

  it('a fetch that follows redirects itself (ignoring redirect: manual) is refused: its hops were not checked', async () => {
    const follows: MediaFetch = async (url) =>
      Object.defineProperty(await fetch(url.replace('/hops/1', '')), 'redirected', { value: true });
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img(server.url('/hops/1/a.png'))), loopback({ fetch: follows })),
    );
    expect([e.reason, e.status]).toEqual(['fetch_failed', 502]);
    expect(e.message).toMatch(/followed a redirect .* itself/);
  });

  it('a runtime whose fetch hides redirects (opaqueredirect) gets a 502, not a silent empty body', async () => {
    // what a browser's fetch gives for redirect: 'manual' (status 0, no location)
    const fake: MediaFetch = async () => Object.defineProperty(Response.error(), 'type', { value: 'opaqueredirect' });
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img('https://93.184.216.34/a.png')), loopback({ fetch: fake })),
    );
    expect(e.reason).toBe('upstream_status');
    expect(e.message).toMatch(/hides where to/);
  });
});

describe('resolveMedia: limits', () => {
  it.each([
    ['/big?bytes=2000', /content-length 2000/],
    ['/big?bytes=2000&chunked=1', /1000-byte limit per item \(at/],
  ])('refuses an item over maxItemBytes (%s) with a 400', async (path, message) => {
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img(server.url(path))), loopback({ limits: { maxItemBytes: 1000 } })),
    );
    expect([e.reason, e.status]).toEqual(['too_large', 400]);
    expect(e.message).toMatch(message);
  });

  it('takes an item of exactly maxItemBytes', async () => {
    const { fetched } = await resolveMedia(
      'bedrock-converse',
      request(img(server.url('/big?bytes=1000&chunked=1'))),
      loopback({ limits: { maxItemBytes: 1000 } }),
    );
    expect(fetched[0]!.size).toBe(1000);
  });

  it('refuses a request whose items together pass maxRequestBytes', async () => {
    const urls = [1, 2, 3].map((n) => server.url(`/big?bytes=600&chunked=1&n=${n}`));
    const limits = { maxItemBytes: 1000, maxRequestBytes: 1500, concurrency: 1 };
    const e = await rejection(
      resolveMedia('bedrock-converse', request(...urls.map((u) => img(u))), loopback({ limits })),
    );
    expect([e.reason, e.status]).toEqual(['too_large', 400]);
    expect(e.message).toMatch(/1500-byte limit for all the media of one request/);
    expect(e.path).toBe('messages[0].content[3].source.url');
    const two = await resolveMedia('bedrock-converse', request(img(urls[0]!), img(urls[1]!)), loopback({ limits }));
    expect(two.fetched).toHaveLength(2);
  });

  it('refuses more distinct URLs than maxUrls before fetching any', async () => {
    const urls = [1, 2, 3].map((n) => server.url(`/a.png?n=${n}`));
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(...urls.map((u) => img(u)), img(urls[0]!)),
        loopback({ limits: { maxUrls: 2 } }),
      ),
    );
    expect([e.reason, e.path]).toEqual(['too_many_urls', 'messages[0].content[3].source.url']);
    expect(server.hits.size).toBe(0);
  });

  it('times out a slow server (headers or body) with a 504, within the limit', async () => {
    for (const path of ['/slow-headers?ms=3000', '/slow-body?ms=3000']) {
      const t0 = Date.now();
      const e = await rejection(
        resolveMedia('bedrock-converse', request(img(server.url(path))), loopback({ limits: { timeoutMs: 150 } })),
      );
      expect([e.reason, e.status]).toEqual(['timeout', 504]);
      expect(Date.now() - t0).toBeLessThan(1500);
    }
  });

  it('times out a fetch that ignores its signal', async () => {
    const deaf: MediaFetch = () => new Promise<Response>(() => {});
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img('https://93.184.216.34/a.png')),
        loopback({ fetch: deaf, limits: { timeoutMs: 50 } }),
      ),
    );
    expect(e.reason).toBe('timeout');
  });

  it.each([
    [{ concurrency: 0 }, /concurrency must be an integer of at least 1/],
    [{ timeoutMs: Number.NaN }, /timeoutMs/],
    [{ maxRedirects: -1 }, /maxRedirects must be an integer of at least 0/],
    [{ maxItemBytes: 1.5 }, /maxItemBytes/],
  ])('refuses bad limits %j', async (limits, message) => {
    const e = await rejection(resolveMedia('bedrock-converse', request(), loopback({ limits })));
    expect([e.reason, e.status]).toEqual(['bad_options', 500]);
    expect(e.message).toMatch(message);
  });
});

describe('resolveMedia: what the server answers', () => {
  it.each([
    ['/html-as-png', 'image', /says image\/png but the bytes are not a file of that type/],
    ['/page.html', 'image', /is text\/html, not a media type that can be inlined/],
    ['/latin1.txt', 'document', /not valid UTF-8/],
    ['/a.pdf', 'image', /is application\/pdf, which is not taken in an image here/],
    ['/a.png', 'document', /is image\/png, which is not taken in a document here/],
    ['/untyped/a.txt', 'document', /no content-type and the bytes are not/],
  ])('refuses %s in an %s with a 400', async (path, slot, message) => {
    const block = slot === 'image' ? img(server.url(path)) : doc(server.url(path));
    const e = await rejection(resolveMedia('bedrock-converse', request(block), loopback()));
    expect([e.reason, e.status, e.path]).toEqual(['media_type', 400, 'messages[0].content[1].source.url']);
    expect(e.message).toMatch(message);
  });

  it.each([404, 500, 403])('an upstream %i is a 502 naming the status', async (status) => {
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img(server.url(`/status/${status}`))), loopback()),
    );
    expect([e.reason, e.status]).toEqual(['upstream_status', 502]);
    expect(e.message).toContain(`HTTP ${status}`);
  });

  it('a connection refused is a 502', async () => {
    const s = await startMediaServer();
    const url = s.url('/a.png');
    await s.close();
    const e = await rejection(resolveMedia('bedrock-converse', request(img(url)), loopback()));
    expect([e.reason, e.status]).toEqual(['fetch_failed', 502]);
  });

  it('a fetch that refuses the address at connect time (ForbiddenAddressError, also as a cause) is a 400', async () => {
    for (const thrown of [
      new ForbiddenAddressError('nope: loopback'),
      new TypeError('fetch failed', { cause: new ForbiddenAddressError('nope: loopback') }),
    ]) {
      const e = await rejection(
        resolveMedia('bedrock-converse', request(img('https://media.example/a.png')), {
          fetch: async () => Promise.reject(thrown),
          resolve: 'fetch-enforced',
        }),
      );
      expect([e.reason, e.status, e.message]).toEqual([
        'forbidden_address',
        400,
        'nope: loopback (at messages[0].content[1].source.url)',
      ]);
    }
  });

  it('the first failure stops the other fetches and is the one reported', async () => {
    const s = await startMediaServer();
    try {
      const input = request(img(s.url('/slow-headers?ms=3000')), img(s.url('/status/404')));
      const t0 = Date.now();
      const e = await rejection(resolveMedia('bedrock-converse', input, loopback()));
      expect([e.reason, e.path]).toEqual(['upstream_status', 'messages[0].content[2].source.url']);
      expect(Date.now() - t0).toBeLessThan(1500);
      await vi.waitFor(() => expect(s.abandoned()).toBe(1));
    } finally {
      await s.close();
    }
  });
});

describe('resolveMedia: addresses (injected DNS)', () => {
  const dns: Record<string, string[]> = {
    'public.test': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'private.test': ['10.1.2.3'],
    'home.test': ['192.168.1.1'],
    'loop.test': ['127.0.0.1'],
    'meta.test': ['169.254.169.254'],
    'v6loop.test': ['::1'],
    'ula.test': ['fd00::1'],
    'mapped.test': ['::ffff:127.0.0.1'],
    'cgnat.test': ['100.64.0.1'],
    'zero.test': ['0.0.0.0'],
    'mixed.test': ['93.184.216.34', '10.0.0.1'],
  };
  const resolve: HostResolver = async (host) => dns[host] ?? Promise.reject(new Error('ENOTFOUND'));
  const png = async () => new Response(SAMPLES['image/png'], { headers: { 'content-type': 'image/png' } });

  it.each(Object.keys(dns).filter((h) => h !== 'public.test'))(
    'refuses %s by what it resolves to, before fetching',
    async (host) => {
      const spy = vi.fn<MediaFetch>(png);
      const e = await rejection(
        resolveMedia('bedrock-converse', request(img(`https://${host}/a.png`)), { fetch: spy, resolve }),
      );
      expect([e.reason, e.status, e.path]).toEqual(['forbidden_address', 400, 'messages[0].content[1].source.url']);
      expect(e.message).toContain(`"${host}" resolves to`);
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('fetches a name whose every address is public', async () => {
    const spy = vi.fn<MediaFetch>(png);
    const { fetched } = await resolveMedia('bedrock-converse', request(img('https://public.test/a.png')), {
      fetch: spy,
      resolve,
    });
    expect(fetched[0]!.mediaType).toBe('image/png');
    expect(spy).toHaveBeenCalledWith(
      'https://public.test/a.png',
      expect.objectContaining({ redirect: 'manual', method: 'GET' }),
    );
  });

  it('allowHosts opens a range for resolved addresses, and a name whatever it resolves to', async () => {
    const spy = vi.fn<MediaFetch>(png);
    await resolveMedia('bedrock-converse', request(img('https://private.test/a.png')), {
      fetch: spy,
      resolve,
      allowHosts: ['10.0.0.0/8'],
    });
    await resolveMedia('bedrock-converse', request(img('https://meta.test/a.png')), {
      fetch: spy,
      resolve,
      allowHosts: ['meta.test'],
    });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('a name that does not resolve is a 502; a resolver that returns nothing usable fails closed', async () => {
    const png2 = vi.fn<MediaFetch>(png);
    const nx = await rejection(
      resolveMedia('bedrock-converse', request(img('https://nowhere.test/a.png')), { fetch: png2, resolve }),
    );
    expect([nx.reason, nx.status]).toEqual(['fetch_failed', 502]);
    const odd = await rejection(
      resolveMedia('bedrock-converse', request(img('https://x.test/a.png')), {
        fetch: png2,
        resolve: async () => ['banana'],
      }),
    );
    expect(odd.reason).toBe('forbidden_address');
    expect(png2).not.toHaveBeenCalled();
  });

  it('checks the first URL and every redirect target with the resolver', async () => {
    const seen: string[] = [];
    const tracing: HostResolver = async (host) => {
      seen.push(host);
      return dns[host] ?? [];
    };
    const hop: MediaFetch = async (url) =>
      url.startsWith('https://public.test/')
        ? new Response(null, { status: 302, headers: { location: 'https://mixed.test/b.png' } })
        : png();
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img('https://public.test/a.png')), { fetch: hop, resolve: tracing }),
    );
    expect(seen).toEqual(['public.test', 'mixed.test']);
    expect(e.message).toMatch(/"mixed.test" resolves to 10\.0\.0\.1, which is a private address/);
  });
});

describe('resolveMedia: cancellation', () => {
  it('aborting options.signal rejects with status 499 and closes the media connection', async () => {
    const s = await startMediaServer();
    try {
      const ac = new AbortController();
      const p = resolveMedia(
        'bedrock-converse',
        request(img(s.url('/slow-headers?ms=5000'))),
        loopback({ signal: ac.signal }),
      );
      await vi.waitFor(() => expect(s.hits.get('/slow-headers?ms=5000')).toBe(1));
      ac.abort();
      const e = await rejection(p);
      expect([e.reason, e.status]).toEqual(['aborted', 499]);
      await vi.waitFor(() => expect(s.abandoned()).toBe(1));
    } finally {
      await s.close();
    }
  });

  it('an already aborted signal fetches nothing', async () => {
    const spy = vi.fn<MediaFetch>();
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img(server.url('/a.png'))),
        loopback({ fetch: spy, signal: AbortSignal.abort() }),
      ),
    );
    expect(e.reason).toBe('aborted');
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('resolveMedia: URLs refused before any fetch', () => {
  it.each([
    ['http://media.example/a.png', 'forbidden_scheme', false],
    ['ftp://media.example/a.png', 'forbidden_scheme', true],
    ['not a url', 'bad_url', true],
    ['https://u:p@media.example/a.png', 'bad_url', true],
    ['https://169.254.169.254/latest/meta-data/', 'forbidden_address', true],
    ['https://[::ffff:7f00:1]/a.png', 'forbidden_address', true],
  ])('%s -> %s', async (url, reason, allowHttp) => {
    const spy = vi.fn<MediaFetch>();
    const e = await rejection(
      resolveMedia('bedrock-converse', request(img(url)), { fetch: spy, resolve: noDns, allowHttp }),
    );
    expect([e.reason, e.status, e.path, e.kind]).toEqual([
      reason,
      400,
      'messages[0].content[1].source.url',
      'invalid_input',
    ]);
    expect(spy).not.toHaveBeenCalled();
  });

  it('reports the first bad URL in document order', async () => {
    const e = await rejection(
      resolveMedia(
        'bedrock-converse',
        request(img(server.url('/a.png')), img('ftp://x/a'), img('https://10.0.0.1/')),
        loopback(),
      ),
    );
    expect(e.path).toBe('messages[0].content[2].source.url');
    expect(server.hits.size).toBe(0);
  });

  it('refuses bad options with 500 and an unknown target with 400', async () => {
    expect(
      (await rejection(resolveMedia('bedrock-converse', request(), loopback({ allowHosts: ['http://x'] })))).reason,
    ).toBe('bad_options');
    expect(
      (
        await rejection(
          resolveMedia('bedrock-converse', request(), { fetch, resolve: undefined as unknown as HostResolver }),
        )
      ).reason,
    ).toBe('bad_options');
    const unknown = await rejection(resolveMedia('some-new-format' as 'openai-chat', request(), loopback()));
    expect([unknown.reason, unknown.status]).toEqual(['unsupported_target', 400]);
  });
});
