/**
 * One media fetch: the address checks before every hop, redirects followed by hand, the body read under the size
 * caps, the whole under one timeout (docs/media.md#safety). Web-standard: `fetch`, `AbortController`, streams.
 */
import type { JsonPath } from '../core/json-path.js';
import { concatBytes } from '../wire/bytes.js';
import {
  type CheckedUrl,
  checkResolved,
  checkUrl,
  ForbiddenAddressError,
  type HostPolicy,
  hostOf,
  quote,
} from './host-policy.js';
import { MediaError } from './media-error.js';

/** A web-standard `fetch` (the global one fits). Called with `redirect: 'manual'` and a signal. */
export type MediaFetch = (url: string, init: RequestInit) => Promise<Response>;

/** DNS: the addresses a host name resolves to, as text (`93.184.216.34`, `2606:2800::1`). */
export type HostResolver = (host: string) => Promise<readonly string[]>;

/**
 * `'fetch-enforced'`: no DNS check here, because the `fetch` passed in refuses forbidden addresses itself when it
 * connects (`createPinnedFetch` from `crosswire/media/node` does), or cannot reach private networks at all.
 */
export type ResolveOption = HostResolver | 'fetch-enforced';

export interface FetchLimits {
  maxItemBytes: number;
  maxRedirects: number;
  timeoutMs: number;
}

/** Bytes left for the whole request, shared by every fetch of it. */
export interface ByteBudget {
  used: number;
  readonly max: number;
}

export interface FetchContext {
  fetch: MediaFetch;
  resolve: ResolveOption;
  policy: HostPolicy;
  limits: FetchLimits;
  budget: ByteBudget;
  /** aborts when the caller cancels or another fetch of the request failed */
  signal: AbortSignal;
  /** whether the caller cancelled (as opposed to a sibling failing) */
  cancelled: () => boolean;
}

export interface FetchedBytes {
  finalUrl: string;
  contentType: string | null;
  bytes: Uint8Array;
  redirects: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Fetch `url` (already checked by `checkUrl`). Every failure is a `MediaError` at `path`; when the context's signal
 * aborts, the error says whether the caller cancelled or the fetch timed out.
 */
export async function fetchMedia(
  first: CheckedUrl,
  path: JsonPath,
  accept: string,
  ctx: FetchContext,
): Promise<FetchedBytes> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(), ctx.limits.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, timer.signal]);
  const stopped = (): MediaError =>
    ctx.cancelled()
      ? new MediaError('aborted', 'the request was cancelled while its media was fetched', path)
      : timer.signal.aborted
        ? new MediaError('timeout', `the media was not fetched within ${ctx.limits.timeoutMs} ms`, path)
        : new MediaError('aborted', 'stopped: another media fetch of this request failed', path);
  try {
    let current = first;
    for (let hop = 0; ; hop++) {
      await checkHost(current, path, ctx, signal, stopped);
      const res = await untilAborted(
        // no cookies or HTTP auth of the runtime's own (browsers, workers); redirects are ours to check
        ctx.fetch(current.url.href, {
          method: 'GET',
          redirect: 'manual',
          credentials: 'omit',
          signal,
          headers: { accept },
        }),
        signal,
        stopped,
      ).catch((e: unknown) => {
        throw fetchFailure(e, current.url, path, signal, stopped);
      });
      if (res.redirected) {
        discard(res);
        throw new MediaError(
          'fetch_failed',
          `the fetch followed a redirect from ${quote(current.url.href)} itself, so its target was not checked`,
          path,
        );
      }
      if (res.type === 'opaqueredirect') {
        throw new MediaError(
          'upstream_status',
          `${quote(current.url.href)} redirects, and this runtime's fetch hides where to`,
          path,
        );
      }
      if (REDIRECTS.has(res.status)) {
        discard(res);
        const location = res.headers.get('location');
        if (location === null)
          throw new MediaError(
            'upstream_status',
            `${quote(current.url.href)} answered ${res.status} without a location`,
            path,
          );
        if (hop >= ctx.limits.maxRedirects)
          throw new MediaError('too_many_redirects', `more than ${ctx.limits.maxRedirects} redirects`, path);
        let target: string;
        try {
          target = new URL(location, current.url).href;
        } catch {
          throw new MediaError(
            'upstream_status',
            `${quote(current.url.href)} redirects to ${quote(location)}, which is not a URL`,
            path,
          );
        }
        current = checkUrl(target, ctx.policy, path, `the redirect target ${quote(target)}`);
        continue;
      }
      if (res.status < 200 || res.status > 299) {
        discard(res);
        throw new MediaError('upstream_status', `${quote(current.url.href)} answered HTTP ${res.status}`, path);
      }
      const bytes = await readCapped(res, current.url, path, ctx, signal, stopped);
      return { finalUrl: current.url.href, contentType: res.headers.get('content-type'), bytes, redirects: hop };
    }
  } finally {
    clearTimeout(timeout);
  }
}

/** The DNS check of a host that is neither an address literal nor trusted by name. */
async function checkHost(
  current: CheckedUrl,
  path: JsonPath,
  ctx: FetchContext,
  signal: AbortSignal,
  stopped: () => MediaError,
): Promise<void> {
  if (current.settled || ctx.resolve === 'fetch-enforced') return;
  const host = hostOf(current.url);
  const resolve = ctx.resolve;
  const addresses = await untilAborted(
    Promise.resolve().then(() => resolve(host)),
    signal,
    stopped,
  ).catch((e: unknown) => {
    if (e instanceof MediaError) throw e;
    throw new MediaError('fetch_failed', `${quote(host)} could not be resolved: ${messageOf(e)}`, path);
  });
  if (!Array.isArray(addresses))
    throw new MediaError('fetch_failed', `${quote(host)} could not be resolved: the resolver returned no list`, path);
  checkResolved(host, addresses, ctx.policy, path);
}

/** A rejected fetch as a MediaError: a forbidden address seen by a pinning fetch, an abort, or a network failure. */
function fetchFailure(
  e: unknown,
  url: URL,
  path: JsonPath,
  signal: AbortSignal,
  stopped: () => MediaError,
): MediaError {
  if (e instanceof MediaError) return e;
  const forbidden =
    e instanceof ForbiddenAddressError
      ? e
      : e instanceof Error && e.cause instanceof ForbiddenAddressError
        ? e.cause
        : undefined;
  if (forbidden) return new MediaError('forbidden_address', forbidden.message, path);
  if (signal.aborted) return stopped();
  return new MediaError('fetch_failed', `${quote(url.href)} could not be fetched: ${messageOf(e)}`, path);
}

/** The body, refused as soon as it passes the item cap or the request's budget. */
async function readCapped(
  res: Response,
  url: URL,
  path: JsonPath,
  ctx: FetchContext,
  signal: AbortSignal,
  stopped: () => MediaError,
): Promise<Uint8Array> {
  const { maxItemBytes } = ctx.limits;
  const tooLarge = (what: string) => new MediaError('too_large', `${quote(url.href)} is larger than ${what}`, path);
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (declared > maxItemBytes) {
    discard(res);
    throw tooLarge(`the ${maxItemBytes}-byte limit per item (content-length ${declared})`);
  }
  if (declared > ctx.budget.max - ctx.budget.used) {
    discard(res);
    throw tooLarge(
      `what is left of the ${ctx.budget.max}-byte limit for all the media of one request (content-length ${declared})`,
    );
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal, stopped).catch((e: unknown) => {
        throw e instanceof MediaError
          ? e
          : signal.aborted
            ? stopped()
            : new MediaError('fetch_failed', `${quote(url.href)}: the body could not be read: ${messageOf(e)}`, path);
      });
      if (done) break;
      if (!(value instanceof Uint8Array))
        throw new MediaError('fetch_failed', `${quote(url.href)}: the body is not bytes`, path);
      size += value.byteLength;
      ctx.budget.used += value.byteLength;
      if (size > maxItemBytes) throw tooLarge(`the ${maxItemBytes}-byte limit per item`);
      if (ctx.budget.used > ctx.budget.max)
        throw tooLarge(`what is left of the ${ctx.budget.max}-byte limit for all the media of one request`);
      chunks.push(value);
    }
  } catch (e) {
    reader.cancel().catch(() => {});
    throw e;
  }
  return concatBytes(chunks);
}

/** `p`, or the `stopped()` error as soon as `signal` aborts (a fetch that ignores its signal cannot hold us). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal, stopped: () => MediaError): Promise<T> {
  if (signal.aborted) {
    p.catch(() => {});
    return Promise.reject(stopped());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Let go of a body that is not read (not awaited: a server that never finishes cannot hold us). */
function discard(res: Response): void {
  res.body?.cancel().catch(() => {});
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.cause instanceof Error ? `${e.message} (${e.cause.message})` : e.message;
  return String(e);
}
