/**
 * The gateway under test, in its own process: crosswire's reference gateway (`createGateway` + `serveGateway`, from
 * the sources or the built package: bench/target.ts) with one Anthropic provider, the bench's upstream.
 */
import { loadGatewayLibrary } from '../target.js';
import { runChild } from './child.js';
import { UPSTREAM_KEY } from './exchange.js';

const upstream = process.env.CROSSWIRE_BENCH_UPSTREAM ?? 'http://127.0.0.1:1';

await runChild(async () => {
  const { lib, description } = await loadGatewayLibrary();
  const gateway = lib.createGateway({
    providers: { anthropic: { format: 'anthropic-messages', baseUrl: upstream, apiKey: UPSTREAM_KEY } },
    log: () => {},
  });
  const served = await lib.serveGateway(gateway);
  return { url: served.url, close: () => served.close(), info: `crosswire gateway (${description})` };
});
