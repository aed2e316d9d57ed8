/**
 * `crosswire/media/node`: the Node side of the media resolver, kept apart so `crosswire/media` stays
 * web-standard. DNS through `node:dns`, and a fetch that checks the addresses it connects to (docs/media.md#node).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import type { FormatId } from '../core/formats.js';
import type { HostResolver, MediaFetch } from './fetch-media.js';
import { checkResolved, ForbiddenAddressError, isAllowedHostName, parseHostPolicy } from './host-policy.js';
import { MediaError } from './media-error.js';
import { type ResolvedMedia, type ResolveMediaOptions, resolveMedia } from './resolve-media.js';

/** Every address of `host` from the system resolver (`getaddrinfo`, as connections use it), in its order. */
export const nodeResolve: HostResolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map((a) => a.address);

export interface PinnedFetchOptions {
  /** the same exceptions as `resolveMedia`'s */
  allowHosts?: readonly string[];
  allowHttp?: boolean;
  /** DNS (default `nodeResolve`); tests hand in their own */
  resolve?: HostResolver;
}

/**
 * A `fetch` for media over `node:http`/`node:https` whose connections can only go to addresses that pass the
 * resolver's rules: the address check happens in the socket's own DNS lookup, so a name that resolves to a public
 * address for the resolver's check and to a private one a moment later (DNS rebinding) cannot get through.
 * A refused address rejects with `ForbiddenAddressError`. No redirects are followed (the resolver follows them).
 */
export function createPinnedFetch(options: PinnedFetchOptions = {}): MediaFetch {
  const policy = parseHostPolicy(options.allowHosts, options.allowHttp === true);
  const resolve = options.resolve ?? nodeResolve;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        try {
          const checked = isAllowedHostName(hostname, policy)
            ? addresses.map((a) => ({ address: a, family: a.includes(':') ? 6 : 4 }))
            : checkResolved(hostname, addresses, policy).map((ip, i) => ({
                address: addresses[i]!,
                family: ip.family,
              }));
          const wanted =
            lookupOptions.family === 4 || lookupOptions.family === 6
              ? checked.filter((a) => a.family === lookupOptions.family)
              : checked;
          if (wanted.length === 0) throw new Error(`${hostname} has no IPv${lookupOptions.family} address`);
          if (lookupOptions.all) callback(null, wanted);
          else callback(null, wanted[0]!.address, wanted[0]!.family);
        } catch (e) {
          callback(e instanceof MediaError ? new ForbiddenAddressError(e.message) : (e as Error), '', 0);
        }
      },
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), '', 0),
    );
  };
  return (url, init) =>
    new Promise<Response>((resolvePromise, reject) => {
      const u = new URL(url);
      const client = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : undefined;
      if (!client) {
        reject(new TypeError(`the scheme ${u.protocol} is not fetched`));
        return;
      }
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((v, k) => {
        headers[k] = v;
      });
      const req = client.request(u, {
        method: init.method ?? 'GET',
        headers,
        lookup,
        agent: false,
        signal: init.signal ?? undefined,
      });
      req.on('error', reject);
      req.on('response', (res) => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) for (const one of v) out.append(k, one);
          else if (v !== undefined) out.set(k, v);
        }
        const status = res.statusCode ?? 0;
        const noBody = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
        if (noBody) res.resume();
        try {
          resolvePromise(
            new Response(noBody ? null : (Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>), {
              status,
              headers: out,
            }),
          );
        } catch (e) {
          res.destroy();
          reject(e);
        }
      });
      req.end();
    });
}

/** `resolveMedia` with Node defaults: `fetch` a pinned fetch with the same `allowHosts`, `resolve` `nodeResolve`. */
export async function resolveMediaNode<T>(
  to: FormatId,
  body: T,
  options: Omit<ResolveMediaOptions, 'fetch' | 'resolve'> &
    Partial<Pick<ResolveMediaOptions, 'fetch' | 'resolve'>> = {},
): Promise<ResolvedMedia<T>> {
  const resolve = options.resolve ?? nodeResolve;
  const fetch =
    options.fetch ??
    createPinnedFetch({
      allowHosts: options.allowHosts,
      allowHttp: options.allowHttp,
      resolve: typeof resolve === 'function' ? resolve : nodeResolve,
    });
  return resolveMedia(to, body, { ...options, fetch, resolve });
}
