import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MediaServer, SAMPLES, startMediaServer } from '../../test/support/media-server.js';
import type { HostResolver } from './fetch-media.js';
import { ForbiddenAddressError } from './host-policy.js';
import { MediaError } from './media-error.js';
import { createPinnedFetch, nodeResolve, resolveMediaNode } from './node.js';
import { resolveMedia } from './resolve-media.js';

let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer();
});
afterAll(async () => {
  await server.close();
});

const port = () => new URL(server.origin).port;
const request = (url: string) => ({
  model: 'm',
  max_tokens: 1,
  messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'url', url } }] }],
});

describe('nodeResolve', () => {
  it('resolves through the system resolver', async () => {
    expect(await nodeResolve('127.0.0.1')).toEqual(['127.0.0.1']);
    const local = await nodeResolve('localhost');
    expect(local.length).toBeGreaterThan(0);
    expect(local.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
  });
});

describe('createPinnedFetch', () => {
  it('connects to a name whose addresses pass the rules (loopback allowed by range)', async () => {
    const resolve = vi.fn<HostResolver>(async () => ['127.0.0.1']);
    const pinned = createPinnedFetch({ allowHosts: ['127.0.0.0/8'], allowHttp: true, resolve });
    const res = await pinned(`http://media.test:${port()}/a.png`, { headers: { accept: 'image/png' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(SAMPLES['image/png']);
    expect(resolve).toHaveBeenCalledWith('media.test');
  });

  it('refuses at connect time an address the rules forbid, with ForbiddenAddressError', async () => {
    const pinned = createPinnedFetch({ allowHttp: true, resolve: async () => ['127.0.0.1'] });
    const err = await pinned(`http://media.test:${port()}/a.png`, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenAddressError);
    expect((err as Error).message).toMatch(/"media.test" resolves to 127\.0\.0\.1, which is a loopback address/);
  });

  it('does not follow redirects, and hands back the status and location', async () => {
    const pinned = createPinnedFetch({
      allowHosts: ['127.0.0.0/8'],
      allowHttp: true,
      resolve: async () => ['127.0.0.1'],
    });
    const res = await pinned(`http://media.test:${port()}/hops/1/a.png`, {});
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/a.png');
  });

  it('stops the request when its signal aborts', async () => {
    const pinned = createPinnedFetch({ allowHosts: ['127.0.0.0/8'], allowHttp: true });
    const ac = new AbortController();
    const p = pinned(`${server.origin}/slow-headers?ms=3000`, { signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await expect(p).rejects.toThrow();
  });
});

describe('DNS rebinding: the check and the connection see different answers', () => {
  it('the pinned fetch refuses the private answer the resolver check never saw (400)', async () => {
    // first answer public (the resolver's check passes), the next one loopback (what a rebinding server does)
    let calls = 0;
    const rebinding: HostResolver = async () => (calls++ === 0 ? ['93.184.216.34'] : ['127.0.0.1']);
    const e = await resolveMedia('bedrock-converse', request(`http://rebind.test:${port()}/a.png?rebind`), {
      resolve: rebinding,
      fetch: createPinnedFetch({ allowHttp: true, resolve: rebinding }),
      allowHttp: true,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MediaError);
    expect([(e as MediaError).reason, (e as MediaError).status, (e as MediaError).path]).toEqual([
      'forbidden_address',
      400,
      'messages[0].content[0].source.url',
    ]);
    expect(calls).toBe(2);
    expect(server.hits.get('/a.png?rebind')).toBeUndefined();
  });
});

describe('resolveMediaNode', () => {
  it('defaults to the pinned fetch and node DNS, with the same allowHosts', async () => {
    const { body, fetched } = await resolveMediaNode('bedrock-converse', request(`http://127.0.0.1:${port()}/a.gif`), {
      allowHosts: ['127.0.0.1'],
      allowHttp: true,
    });
    expect(fetched[0]!.mediaType).toBe('image/gif');
    expect(body.messages[0]!.content[0]).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/gif', data: Buffer.from(SAMPLES['image/gif']).toString('base64') },
    });
  });

  it('refuses loopback by default', async () => {
    const e = await resolveMediaNode('bedrock-converse', request(`http://127.0.0.1:${port()}/a.gif`), {
      allowHttp: true,
    }).catch((x: unknown) => x);
    expect((e as MediaError).reason).toBe('forbidden_address');
  });

  it('a bad allowHosts entry rejects (not throws) with bad_options', async () => {
    const p = resolveMediaNode('bedrock-converse', request('https://x.test/a.png'), { allowHosts: ['not a host'] });
    await expect(p).rejects.toMatchObject({ reason: 'bad_options' });
  });
});
