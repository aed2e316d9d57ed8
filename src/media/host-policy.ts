/**
 * Which URLs the resolver may fetch: the scheme, the host name, and every address the host resolves to
 * (docs/media.md#safety). Web-standard and pure; DNS comes in as an injected function.
 */
import type { JsonPath } from '../core/json-path.js';
import {
  forbiddenReason,
  formatIp,
  type IpAddress,
  type IpRange,
  inRange,
  parseIp,
  parseIpRange,
} from './ip-address.js';
import { MediaError } from './media-error.js';

/** The explicit exceptions to the address rules, read once from `allowHosts`. */
export interface HostPolicy {
  /** host names allowed whatever they resolve to (lower case, no trailing dot) */
  names: ReadonlySet<string>;
  /** `*.example.com` entries, kept as `.example.com` */
  suffixes: readonly string[];
  /** address ranges allowed although they are private, loopback, … */
  ranges: readonly IpRange[];
  allowHttp: boolean;
}

/** URLs longer than this are refused before they are parsed (Anthropic's own limit for URL sources is far lower). */
export const MAX_URL_LENGTH = 8192;

/** A host name as DNS compares it: lower case, without the root's trailing dot. */
function canonicalName(host: string): string {
  const h = host.toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Read `allowHosts`: host names (`media.internal`), wildcard names (`*.media.internal`), addresses and CIDR
 * ranges (`127.0.0.1`, `10.1.0.0/16`, `::1`, `fd00::/8`). Anything else is a `bad_options` error.
 */
export function parseHostPolicy(allowHosts: readonly string[] = [], allowHttp = false): HostPolicy {
  const names = new Set<string>();
  const suffixes: string[] = [];
  const ranges: IpRange[] = [];
  for (const entry of allowHosts) {
    if (typeof entry !== 'string' || entry === '')
      throw new MediaError('bad_options', `allowHosts entries must be non-empty strings, got ${JSON.stringify(entry)}`);
    const r = parseIpRange(entry);
    if (r) {
      ranges.push(r);
      continue;
    }
    if (/[/:[\]]/.test(entry) || /^[0-9.]+$/.test(entry))
      throw new MediaError(
        'bad_options',
        `allowHosts entry ${JSON.stringify(entry)} is neither an address range nor a host name`,
      );
    const wildcard = entry.startsWith('*.');
    const name = canonicalName(wildcard ? entry.slice(2) : entry);
    if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
      throw new MediaError('bad_options', `allowHosts entry ${JSON.stringify(entry)} is not a host name`);
    }
    if (wildcard) suffixes.push(`.${name}`);
    else names.add(name);
  }
  return { names, suffixes, ranges, allowHttp };
}

/** A URL that passed the static checks, and what is left to check once the host is resolved. */
export interface CheckedUrl {
  url: URL;
  /** the host is an address literal (already checked), or a name `allowHosts` trusts: no DNS check needed */
  settled: boolean;
}

/** The host name of a URL as DNS takes it (IPv6 literals without brackets). */
export function hostOf(url: URL): string {
  const h = url.hostname;
  return h.startsWith('[') ? h.slice(1, -1) : h;
}

/**
 * Parse and check one URL: length, syntax, no credentials, scheme, and the host when it is an address literal or
 * a name no DNS is needed for. `what` describes the URL in messages ("the URL", "the redirect target …").
 */
export function checkUrl(raw: string, policy: HostPolicy, path: JsonPath, what = 'the URL'): CheckedUrl {
  if (raw.length > MAX_URL_LENGTH)
    throw new MediaError('bad_url', `${what} is longer than ${MAX_URL_LENGTH} characters`, path);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MediaError('bad_url', `${what} is not an absolute URL: ${quote(raw)}`, path);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    const allowed = policy.allowHttp ? 'https or http' : 'https (http only when allowHttp is set)';
    throw new MediaError(
      'forbidden_scheme',
      `${what} has the scheme ${quote(url.protocol.slice(0, -1))}; media is fetched over ${allowed} only`,
      path,
    );
  }
  if (url.username !== '' || url.password !== '')
    throw new MediaError('bad_url', `${what} carries credentials; they are not sent`, path);
  const host = hostOf(url);
  const ip = parseIp(host);
  if (ip) {
    checkAddress(ip, policy, path, `${what} names ${host}, which is`);
    return { url, settled: true };
  }
  const name = canonicalName(host);
  if (isAllowedHostName(name, policy)) return { url, settled: true };
  if (name === '' || name === 'localhost' || name.endsWith('.localhost')) {
    throw new MediaError('forbidden_address', `${what} names ${quote(host)}, a loopback name`, path);
  }
  return { url, settled: false };
}

/** Whether `allowHosts` trusts this host name whatever it resolves to. */
export function isAllowedHostName(host: string, policy: HostPolicy): boolean {
  const name = canonicalName(host);
  return policy.names.has(name) || policy.suffixes.some((s) => name.endsWith(s));
}

/** Refuse an address that is not public, unless an `allowHosts` range holds it. */
export function checkAddress(ip: IpAddress, policy: HostPolicy, path: JsonPath | undefined, subject: string): void {
  if (policy.ranges.some((r) => inRange(ip, r))) return;
  const why = forbiddenReason(ip);
  if (why !== undefined)
    throw new MediaError(
      'forbidden_address',
      `${subject} ${why}; such addresses are not fetched (allowHosts lists exceptions)`,
      path,
    );
}

/**
 * The addresses a host name resolved to: every one must be public (or allowed), since the connection may use any
 * of them. An address that cannot be read fails closed.
 */
export function checkResolved(
  host: string,
  addresses: readonly unknown[],
  policy: HostPolicy,
  path?: JsonPath,
): IpAddress[] {
  if (addresses.length === 0) throw new MediaError('fetch_failed', `${quote(host)} resolved to no address`, path);
  return addresses.map((a) => {
    const ip = typeof a === 'string' ? parseIp(a) : undefined;
    if (!ip)
      throw new MediaError(
        'forbidden_address',
        // a resolver may hand back anything: describe a non-string by its type (String() of a hostile object throws)
        `${quote(host)} resolved to ${typeof a === 'string' ? quote(a) : `a ${a === null ? 'null' : typeof a}`}, which is not an IP address`,
        path,
      );
    checkAddress(ip, policy, path, `${quote(host)} resolves to ${formatIp(ip)}, which is`);
    return ip;
  });
}

/** `JSON.stringify` capped for messages (a URL may be long or hostile). */
export function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/**
 * Thrown by a fetch that enforces the address rules itself at connect time (`createPinnedFetch` in
 * `crosswire/media/node`); the resolver turns it into a `forbidden_address` error with the source's path.
 */
export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
}
