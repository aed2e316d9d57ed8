import { createPinnedFetch, nodeResolve } from '../../media/node.js';
import type { GatewayConfig } from '../config.js';
import { createGateway as createWebGateway, type Gateway } from '../create-gateway.js';
import type { UpstreamFetch } from '../upstream-fetch.js';
import { createNodeUpstreamFetch, hasNodeHttp } from './upstream-fetch.js';

/** One keep-alive client for every gateway in this process that does not bring its own. */
let nodeFetch: UpstreamFetch | undefined;

/**
 * The media resolver's Node defaults (docs/gateway.md#media): DNS through `nodeResolve`, and a fetch whose
 * connections can only reach addresses the rules allow (`createPinnedFetch`, with the config's `allowHosts` and
 * `allowHttp`). A config that names its own `media.fetch` keeps it.
 */
function withNodeMedia(config: GatewayConfig): GatewayConfig {
  const media = config.media ?? {};
  return {
    ...config,
    media: {
      ...media,
      resolve: media.resolve ?? nodeResolve,
      fetch:
        media.fetch ??
        createPinnedFetch({
          allowHosts: media.allowHosts,
          allowHttp: media.allowHttp,
          resolve: typeof media.resolve === 'function' ? media.resolve : nodeResolve,
        }),
    },
  };
}

/**
 * The reference gateway as `crosswire/gateway` exports it: the web-standard gateway (`../create-gateway.ts`)
 * whose upstream client, unless the config names one (`fetch` or `upstreamFetch`), is the `node:http`
 * keep-alive client where node:http exists (else the global `fetch`), and whose media resolver fetches through
 * `node:http` with the address checks at connect time.
 */
export function createGateway(config: GatewayConfig): Gateway {
  if (!hasNodeHttp()) return createWebGateway(config);
  const withMedia = withNodeMedia(config);
  if (config.fetch || config.upstreamFetch) return createWebGateway(withMedia);
  nodeFetch ??= createNodeUpstreamFetch();
  return createWebGateway({ ...withMedia, upstreamFetch: nodeFetch });
}
