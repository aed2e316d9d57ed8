/**
 * IP addresses as bytes, CIDR ranges, and which addresses a media fetch must never reach (docs/media.md#safety).
 * Web-standard and pure: no DNS here, only the text of addresses.
 */

export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order */
  bytes: Uint8Array;
}

export interface IpRange {
  address: IpAddress;
  prefix: number;
}

/** Strict dotted quad: four decimal parts 0–255 without leading zeros (`010.0.0.1` is not read as an address). */
export function parseIPv4(text: string): IpAddress | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return { family: 4, bytes };
}

/**
 * RFC 4291 text: eight groups of 1–4 hex digits, one `::` for a run of zero groups, an optional dotted quad in
 * the last 32 bits. A zone (`fe80::1%eth0`) is not accepted: such an address names an interface, not a host.
 */
export function parseIPv6(text: string): IpAddress | undefined {
  if (text.length > 45 || text.includes('%')) return undefined;
  let groups: number[] = [];
  let tail = text;
  const bytes = new Uint8Array(16);
  // the embedded IPv4 form: the last part holds dots
  const lastColon = text.lastIndexOf(':');
  let v4: IpAddress | undefined;
  if (text.includes('.')) {
    v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = text.slice(0, lastColon + 1);
    // `::1.2.3.4` keeps its `::`; `a:b:…:1.2.3.4` loses the colon that separated the quad
    if (tail.endsWith(':') && !tail.endsWith('::')) tail = tail.slice(0, -1);
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const readGroups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const wanted = v4 ? 6 : 8;
  const head = readGroups(halves[0]!);
  if (!head) return undefined;
  if (halves.length === 2) {
    const rest = readGroups(halves[1]!);
    if (!rest || head.length + rest.length >= wanted) return undefined;
    groups = [...head, ...new Array<number>(wanted - head.length - rest.length).fill(0), ...rest];
  } else {
    if (head.length !== wanted) return undefined;
    groups = head;
  }
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  if (v4) bytes.set(v4.bytes, 12);
  return { family: 6, bytes };
}

/** An address in either family; IPv6 may be written in brackets, as URL host names hold it. */
export function parseIp(text: string): IpAddress | undefined {
  if (text.startsWith('[') && text.endsWith(']')) return parseIPv6(text.slice(1, -1));
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

/** `10.0.0.0/8`, `fd00::/8`, or one address (a /32 or /128). Host bits must be zero. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = address.family === 4 ? 32 : 128;
  if (slash < 0) return { address, prefix: max };
  const p = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > max) return undefined;
  const range = { address, prefix: Number(p) };
  return hostBitsZero(range) ? range : undefined;
}

function hostBitsZero(range: IpRange): boolean {
  const { bytes } = range.address;
  for (let bit = range.prefix; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return false;
  }
  return true;
}

/** Whether `ip` is inside `range` (an IPv4-mapped IPv6 address is compared as its IPv4 address). */
export function inRange(ip: IpAddress, range: IpRange): boolean {
  return inRangeExact(unmapIPv4(ip), range);
}

/** Byte comparison of the first `prefix` bits; families must agree. */
function inRangeExact(ip: IpAddress, range: IpRange): boolean {
  if (ip.family !== range.address.family) return false;
  const full = range.prefix >> 3;
  for (let i = 0; i < full; i++) if (ip.bytes[i] !== range.address.bytes[i]) return false;
  const rem = range.prefix & 7;
  if (rem === 0) return true;
  const mask = (0xff << (8 - rem)) & 0xff;
  return (ip.bytes[full]! & mask) === (range.address.bytes[full]! & mask);
}

/** `::ffff:a.b.c.d` -> `a.b.c.d`; anything else unchanged. */
export function unmapIPv4(ip: IpAddress): IpAddress {
  if (ip.family === 6 && startsWith(ip.bytes, MAPPED_PREFIX)) return { family: 4, bytes: ip.bytes.slice(12) };
  return ip;
}

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i]! << 8) | ip.bytes[i + 1]!).toString(16));
  return groups.join(':');
}

function range(text: string): IpRange {
  const r = parseIpRange(text);
  if (!r) throw new Error(`bad built-in range ${text}`);
  return r;
}

/**
 * IPv4 ranges a media fetch must not reach (RFC 6890 special-purpose registry, plus the addresses cloud
 * metadata services listen on). First match names the reason.
 */
const FORBIDDEN_V4: readonly (readonly [IpRange, string])[] = [
  [range('169.254.169.254/32'), 'a cloud metadata address'],
  [range('0.0.0.0/8'), 'the "this network" range 0.0.0.0/8'],
  [range('10.0.0.0/8'), 'a private address (10.0.0.0/8)'],
  [range('100.64.0.0/10'), 'a carrier-grade NAT address (100.64.0.0/10)'],
  [range('127.0.0.0/8'), 'a loopback address'],
  [range('169.254.0.0/16'), 'a link-local address'],
  [range('172.16.0.0/12'), 'a private address (172.16.0.0/12)'],
  [range('192.0.0.0/24'), 'an IETF protocol address (192.0.0.0/24)'],
  [range('192.0.2.0/24'), 'a documentation address'],
  [range('192.88.99.0/24'), 'a 6to4 relay address'],
  [range('192.168.0.0/16'), 'a private address (192.168.0.0/16)'],
  [range('198.18.0.0/15'), 'a benchmarking address'],
  [range('198.51.100.0/24'), 'a documentation address'],
  [range('203.0.113.0/24'), 'a documentation address'],
  [range('224.0.0.0/4'), 'a multicast address'],
  [range('240.0.0.0/4'), 'a reserved address'],
];

/** IPv6 ranges that embed an IPv4 address, which is then judged as IPv4. */
const EMBEDDING_V6: readonly (readonly [IpRange, number, string])[] = [
  [range('::ffff:0:0/96'), 12, 'IPv4-mapped'],
  [range('64:ff9b::/96'), 12, 'NAT64'],
  [range('2002::/16'), 2, '6to4'],
];

/** IPv6 ranges a media fetch must not reach; outside them, only global unicast (2000::/3) is allowed. */
const FORBIDDEN_V6: readonly (readonly [IpRange, string])[] = [
  [range('::/128'), 'the unspecified address ::'],
  [range('::1/128'), 'a loopback address'],
  [range('::/96'), 'an IPv4-compatible address (deprecated)'],
  [range('64:ff9b:1::/48'), 'a local-use NAT64 address'],
  [range('100::/64'), 'a discard-only address'],
  [range('2001::/23'), 'an IETF protocol address (2001::/23, Teredo included)'],
  [range('2001:db8::/32'), 'a documentation address'],
  [range('3fff::/20'), 'a documentation address'],
  [range('fc00::/7'), 'a unique-local address (fc00::/7)'],
  [range('fe80::/10'), 'a link-local address'],
  [range('fec0::/10'), 'a site-local address (deprecated)'],
  [range('ff00::/8'), 'a multicast address'],
];

const GLOBAL_V6 = range('2000::/3');

/** Why `ip` must not be fetched from (a phrase such as "a loopback address"), or `undefined` when it is public. */
export function forbiddenReason(ip: IpAddress): string | undefined {
  if (ip.family === 4) return FORBIDDEN_V4.find(([r]) => inRange(ip, r))?.[1];
  for (const [r, at, name] of EMBEDDING_V6) {
    if (!inRangeExact(ip, r)) continue;
    const v4: IpAddress = { family: 4, bytes: ip.bytes.slice(at, at + 4) };
    const why = forbiddenReason(v4);
    return why === undefined ? undefined : `${name} ${formatIp(v4)}, ${why}`;
  }
  const hit = FORBIDDEN_V6.find(([r]) => inRangeExact(ip, r));
  if (hit) return hit[1];
  return inRangeExact(ip, GLOBAL_V6) ? undefined : 'not a global unicast address';
}
