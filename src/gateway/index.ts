/**
 * `crosswire/gateway`: the reference gateway over web-standard `Request`/`Response` (Node, Bun, Deno, workers).
 * Its upstream client is `fetch` unless the config names one. `crosswire/gateway/node` adds serving over
 * `node:http`, the config file and a keep-alive upstream client.
 */
export { type ClientFormat, clientError, clientErrorBody } from './client-error.js';
export { configFromJson, envName, type GatewayConfig, type LossLogEntry, type ProviderConfig } from './config.js';
export { createGateway, type Gateway } from './create-gateway.js';
export { LOSS_DETAIL_HEADER, LOSSES_HEADER } from './exchange-context.js';
export { ESTIMATE_HEADER, TOKEN_ESTIMATORS, type TokenEstimator } from './handle-count-tokens.js';
export { routeModel } from './route-model.js';
export { responseBody, type UpstreamFetch, type UpstreamInit } from './upstream-fetch.js';
