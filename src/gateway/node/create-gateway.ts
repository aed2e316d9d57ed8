import type { GatewayConfig } from '../config.js';
import { createGateway as createWebGateway, type Gateway } from '../create-gateway.js';
import type { UpstreamFetch } from '../upstream-fetch.js';
import { createNodeUpstreamFetch, hasNodeHttp } from './upstream-fetch.js';

/** One keep-alive client for every gateway in this process that does not bring its own. */
let nodeFetch: UpstreamFetch | undefined;

/**
 * The reference gateway as `crosswire/gateway` exports it: the web-standard gateway (`../create-gateway.ts`)
 * whose upstream client, unless the config names one (`fetch` or `upstreamFetch`), is the `node:http`
 * keep-alive client where node:http exists (else the global `fetch`).
 */
export function createGateway(config: GatewayConfig): Gateway {
  if (config.fetch || config.upstreamFetch || !hasNodeHttp()) return createWebGateway(config);
  nodeFetch ??= createNodeUpstreamFetch();
  return createWebGateway({ ...config, upstreamFetch: nodeFetch });
}
