// Bundle-size entry: the web-standard gateway.
export { createGateway } from 'crosswire/gateway';
