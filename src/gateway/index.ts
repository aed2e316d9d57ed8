export { type ClientFormat, clientError, clientErrorBody } from './client-error.js';
export { configFromJson, envName, type GatewayConfig, type LossLogEntry, loadConfig, type ProviderConfig } from './config.js';
export { createGateway, type Gateway } from './create-gateway.js';
export { LOSS_DETAIL_HEADER, LOSSES_HEADER } from './exchange-context.js';
export { ESTIMATE_HEADER, TOKEN_ESTIMATORS, type TokenEstimator } from './handle-count-tokens.js';
export { createNodeUpstreamFetch, responseBody, type UpstreamFetch, type UpstreamInit } from './node-upstream-fetch.js';
export { routeModel } from './route-model.js';
export { type Served, serveFetch, serveGateway } from './serve.js';
