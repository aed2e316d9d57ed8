/**
 * `crosswire/gateway/node`: the reference gateway in Node. Everything `crosswire/gateway` exports, with a
 * `createGateway` whose upstream client is a `node:http` keep-alive client (unless the config names one),
 * `serveGateway`/`serveFetch` over `node:http`, and `loadConfig` (the config file and environment).
 */
export * from '../index.js';
export { createGateway } from './create-gateway.js';
export { loadConfig } from './load-config.js';
export { type Served, serveFetch, serveGateway } from './serve.js';
export { createNodeUpstreamFetch } from './upstream-fetch.js';
