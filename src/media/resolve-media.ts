/**
 * `resolveMedia`: the URL sources of a Messages request that the target format cannot take, fetched (each distinct
 * URL once, a few at a time) and put back as base64 or text sources. docs/media.md.
 */
import type { FormatId } from '../core/formats.js';
import type { JsonPath } from '../core/json-path.js';
import { bytesToBase64 } from '../wire/base64.js';
import {
  type ByteBudget,
  type FetchContext,
  type FetchedBytes,
  fetchMedia,
  type MediaFetch,
  type ResolveOption,
} from './fetch-media.js';
import { findUrlMedia, type UrlMediaSource } from './find-url-media.js';
import { type CheckedUrl, checkUrl, parseHostPolicy, quote } from './host-policy.js';
import { MediaError } from './media-error.js';
import { replaceAt } from './replace-at.js';
import { type MediaType, sniffMedia } from './sniff.js';
import { MEDIA_TARGETS, type MediaSlot, type MediaTarget, urlMediaNeedingBytes } from './targets.js';

export interface MediaLimits {
  /** bytes of one fetched item (default 5 MiB, Anthropic's limit for one image) */
  maxItemBytes: number;
  /** bytes of all the items of one request together (default 20 MiB) */
  maxRequestBytes: number;
  /** distinct URLs one request may make the resolver fetch (default 20) */
  maxUrls: number;
  /** ms for one item: DNS, every redirect and the whole body (default 10 000) */
  timeoutMs: number;
  /** redirects followed per item (default 3) */
  maxRedirects: number;
  /** fetches in flight at once (default 4) */
  concurrency: number;
}

export const DEFAULT_MEDIA_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxItemBytes: 5 * 1024 * 1024,
  maxRequestBytes: 20 * 1024 * 1024,
  maxUrls: 20,
  timeoutMs: 10_000,
  maxRedirects: 3,
  concurrency: 4,
});

export interface ResolveMediaOptions {
  /** the HTTP client (web-standard `fetch`); it gets `redirect: 'manual'`, a signal and an `accept` header */
  fetch: MediaFetch;
  /**
   * DNS, so that the addresses a host resolves to are checked, not only its name. Required: web-standard code has
   * no DNS. In Node, `nodeResolve` from `crosswire/media/node`; `'fetch-enforced'` when the fetch checks addresses
   * itself at connect time (`createPinnedFetch`) or cannot reach private networks.
   */
  resolve: ResolveOption;
  /** exceptions to the address rules: host names, `*.` wildcard names, addresses and CIDR ranges */
  allowHosts?: readonly string[];
  /** also fetch `http:` URLs (default: `https:` only) */
  allowHttp?: boolean;
  /** cancels every fetch; the promise rejects with reason `aborted` (status 499) */
  signal?: AbortSignal;
  /**
   * `needed` (default): only the URL sources the target cannot take. `all`: every URL source, e.g. for a provider
   * configured to get bytes only, or for models that cannot fetch URLs although their format can name them.
   */
  scope?: 'needed' | 'all';
  /** narrower media types than the target's own (an intersection with `MEDIA_TARGETS[to]`) */
  mediaTypes?: Partial<Record<MediaSlot, readonly MediaType[]>>;
  limits?: Partial<MediaLimits>;
}

/** One distinct URL that was fetched and inlined. */
export interface FetchedMedia {
  url: string;
  /** after redirects */
  finalUrl: string;
  redirects: number;
  mediaType: MediaType;
  /** bytes fetched */
  size: number;
  /** JSON paths of every `url` field that named it */
  paths: JsonPath[];
}

export interface ResolvedMedia<T> {
  /** the request with the fetched sources inlined; the input itself when nothing was fetched */
  body: T;
  fetched: FetchedMedia[];
}

/** One distinct URL to fetch and the places that name it. */
interface Job {
  checked: CheckedUrl;
  sources: UrlMediaSource[];
}

/**
 * Inline the URL media of `body` (an `anthropic-messages` request) that the format `to` cannot take. Never mutates
 * `body`; rejects only with a `MediaError` (a `TranslationError`) naming the JSON path of the source's `url`.
 */
export async function resolveMedia<T>(to: FormatId, body: T, options: ResolveMediaOptions): Promise<ResolvedMedia<T>> {
  const target = targetOf(to, options.mediaTypes);
  const limits = readLimits(options.limits);
  const policy = parseHostPolicy(options.allowHosts, options.allowHttp === true);
  if (typeof options.fetch !== 'function')
    throw new MediaError('bad_options', 'options.fetch must be a fetch function');
  if (typeof options.resolve !== 'function' && options.resolve !== 'fetch-enforced') {
    throw new MediaError(
      'bad_options',
      "options.resolve must be a DNS lookup (nodeResolve from crosswire/media/node in Node) or 'fetch-enforced'",
    );
  }
  const wanted = options.scope === 'all' ? findUrlMedia(body) : urlMediaNeedingBytes(to, body);
  if (wanted.length === 0) return { body, fetched: [] };

  // every URL checked before anything is fetched, in document order: the first bad one is the one reported
  const jobs = new Map<string, Job>();
  for (const s of wanted) {
    const checked = checkUrl(s.url, policy, s.path);
    const key = checked.url.href;
    const job = jobs.get(key);
    if (job) job.sources.push(s);
    else {
      if (jobs.size >= limits.maxUrls)
        throw new MediaError('too_many_urls', `more than ${limits.maxUrls} distinct media URLs in one request`, s.path);
      jobs.set(key, { checked, sources: [s] });
    }
  }
  if (options.signal?.aborted)
    throw new MediaError('aborted', 'the request was cancelled before its media was fetched', wanted[0]!.path);

  const results = await runJobs([...jobs.values()], target, limits, policy, options);
  const replacements = results.flatMap((r) => r.replacements);
  return { body: replaceAt(body, replacements), fetched: results.map((r) => r.fetched) };
}

interface JobResult {
  fetched: FetchedMedia;
  replacements: { keys: readonly (string | number)[]; value: unknown }[];
}

/** The jobs, `concurrency` at a time; the first failure stops the others and is the one reported. */
async function runJobs(
  jobs: Job[],
  target: MediaTarget,
  limits: MediaLimits,
  policy: FetchContext['policy'],
  options: ResolveMediaOptions,
): Promise<JobResult[]> {
  const group = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => group.abort();
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const budget: ByteBudget = { used: 0, max: limits.maxRequestBytes };
  const ctx: FetchContext = {
    fetch: options.fetch,
    resolve: options.resolve,
    policy,
    limits,
    budget,
    signal: group.signal,
    cancelled: () => outer?.aborted === true,
  };
  const results: JobResult[] = new Array(jobs.length);
  let failure: MediaError | undefined;
  let next = 0;
  const worker = async () => {
    while (failure === undefined && next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      try {
        const path = job.sources[0]!.path;
        const got = await fetchMedia(job.checked, path, acceptFor(job, target), ctx);
        results[i] = inline(job, got, target);
      } catch (e) {
        if (failure === undefined) {
          failure =
            e instanceof MediaError
              ? e
              : new MediaError(
                  'fetch_failed',
                  `media fetch failed: ${e instanceof Error ? e.message : String(e)}`,
                  job.sources[0]!.path,
                );
          group.abort();
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limits.concurrency, jobs.length) }, worker));
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
  if (failure) throw failure;
  return results;
}

/** The fetched bytes as the new source of every place that named the URL, each checked against its slot. */
function inline(job: Job, got: FetchedBytes, target: MediaTarget): JobResult {
  const first = job.sources[0]!;
  const sniffed = sniffMedia(got.contentType, got.bytes);
  if (!sniffed.ok) throw new MediaError('media_type', `${quote(first.url)}: ${sniffed.message}`, first.path);
  let base64: string | undefined;
  const replacements = job.sources.map((s) => {
    const allowed = target[s.slot];
    if (!allowed.includes(sniffed.mediaType)) {
      throw new MediaError(
        'media_type',
        `${quote(s.url)} is ${sniffed.mediaType}, which is not taken in ${s.slot === 'image' ? 'an image' : 'a document'} here (allowed: ${allowed.join(', ') || 'none'})`,
        s.path,
      );
    }
    if (sniffed.mediaType === 'text/plain')
      return { keys: s.sourceKeys, value: { type: 'text', media_type: 'text/plain', data: sniffed.text } };
    base64 ??= bytesToBase64(got.bytes);
    return { keys: s.sourceKeys, value: { type: 'base64', media_type: sniffed.mediaType, data: base64 } };
  });
  return {
    fetched: {
      url: first.url,
      finalUrl: got.finalUrl,
      redirects: got.redirects,
      mediaType: sniffed.mediaType,
      size: got.bytes.byteLength,
      paths: job.sources.map((s) => s.path),
    },
    replacements,
  };
}

/** The `accept` header: the media types the places naming this URL take. */
function acceptFor(job: Job, target: MediaTarget): string {
  const types = new Set(job.sources.flatMap((s) => target[s.slot]));
  return types.size > 0 ? [...types].join(', ') : '*/*';
}

function targetOf(to: FormatId, narrow: ResolveMediaOptions['mediaTypes']): MediaTarget {
  const base = Object.hasOwn(MEDIA_TARGETS, to) ? MEDIA_TARGETS[to] : undefined;
  if (!base) throw new MediaError('unsupported_target', `no media rules for the format ${quote(String(to))}`);
  if (!narrow) return base;
  const pick = (slot: MediaSlot) => (narrow[slot] ? base[slot].filter((t) => narrow[slot]!.includes(t)) : base[slot]);
  return { urls: base.urls, image: pick('image'), document: pick('document') };
}

function readLimits(given: Partial<MediaLimits> | undefined): MediaLimits {
  const limits: MediaLimits = { ...DEFAULT_MEDIA_LIMITS };
  for (const k of Object.keys(limits) as (keyof MediaLimits)[]) {
    const v: unknown = given?.[k];
    if (v === undefined) continue;
    const min = k === 'maxRedirects' ? 0 : 1;
    if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isInteger(v) || v < min) {
      throw new MediaError(
        'bad_options',
        `limits.${k} must be an integer of at least ${min}, got ${JSON.stringify(v)}`,
      );
    }
    limits[k] = v;
  }
  return limits;
}
