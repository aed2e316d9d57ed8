/**
 * The reference gateway in a worker thread (its own event loop), for bench/gateway-load.ts: reads the upstream
 * base URL from `workerData`, posts back the gateway URL, closes on any message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { serveGateway } from '../../src/gateway/node/serve.js';

const { upstreamUrl, apiKey } = workerData as { upstreamUrl: string; apiKey: string };
const served = await serveGateway(
  createGateway({
    providers: { anthropic: { format: 'anthropic-messages', baseUrl: upstreamUrl, apiKey } },
    log: () => {},
  }),
);
parentPort?.postMessage({ url: served.url });
parentPort?.once('message', () => {
  void served.close().then(() => process.exit(0));
});
