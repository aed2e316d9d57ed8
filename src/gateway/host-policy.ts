import type { GatewayConfig } from './config.js';

/** `127.0.0.0/8` as a URL hostname. */
const LOOPBACK_V4 = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
/** `::1` and `::ffff:127.x.y.z` as a URL hostname (WHATWG URL serialises IPv6 hosts in brackets, compressed). */
const LOOPBACK_V6 = /^\[(?:::1|::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4})\]$/;

/** A URL hostname, lower case, without the trailing dot of a fully qualified name. */
function normalize(hostname: string): string {
  const h = hostname.toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Loopback names and addresses: no web page can be served from them by someone else, so a request with such a
 * host is not a DNS rebinding (a page whose own name was rebound to 127.0.0.1 still sends its own name as Host).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = normalize(hostname);
  return h === 'localhost' || h.endsWith('.localhost') || LOOPBACK_V4.test(h) || LOOPBACK_V6.test(h);
}

/**
 * Which request hosts a gateway answers (docs/security.md#dns-rebinding): the loopback names and addresses always;
 * `allowedHosts` when set (`"name"`, `".suffix"` for a name and its subdomains, `"*"` for any); with no
 * `allowedHosts`, any host when client keys are set (a rebinding page does not have them), else none other.
 */
export function hostPolicy(config: Pick<GatewayConfig, 'allowedHosts' | 'clientKeys'>): (hostname: string) => boolean {
  const list = config.allowedHosts;
  if (list === undefined) {
    if (config.clientKeys && config.clientKeys.length > 0) return () => true;
    return isLoopbackHost;
  }
  if (list.includes('*')) return () => true;
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of list) {
    const e = normalize(entry.trim());
    if (e.startsWith('.')) suffixes.push(e);
    else if (e !== '') exact.add(e);
  }
  return (hostname) => {
    if (isLoopbackHost(hostname)) return true;
    const h = normalize(hostname);
    return exact.has(h) || suffixes.some((s) => h.endsWith(s) || h === s.slice(1));
  };
}
