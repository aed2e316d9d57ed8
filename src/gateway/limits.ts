import type { GatewayConfig } from './config.js';
import { DEFAULT_MAX_JSON_DEPTH } from './json-shape.js';

/** Limits the Node server enforces (`serveGateway`, `crosswire serve`); each is a `GatewayConfig` field too. */
export interface ServerLimits {
  /** the request line and headers must arrive within this time (ms); else 408 and the connection is closed */
  headersTimeoutMs: number;
  /** an idle keep-alive connection is closed after this time (ms) */
  keepAliveTimeoutMs: number;
  /** a client that takes no response bytes for this long while some wait (ms) is dropped and the upstream aborted */
  writeTimeoutMs: number;
  /** open connections at most; more are closed as they arrive */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  writeTimeoutMs: 60_000,
  maxConnections: 1_024,
};

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_IN_FLIGHT_BODY_BYTES = 128 * 1024 * 1024;
export const DEFAULT_MAX_REPORTED_LOSSES = 50;

/** The limits the web-standard gateway enforces itself, with their defaults applied. */
export interface GatewayLimits {
  maxBodyBytes: number;
  idleMs: number;
  bodyTimeoutMs: number;
  maxInFlightBodyBytes: number;
  maxJsonDepth: number;
  maxReportedLosses: number;
}

export function gatewayLimits(config: GatewayConfig): GatewayLimits {
  return {
    maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    idleMs: config.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    bodyTimeoutMs: config.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    maxInFlightBodyBytes: config.maxInFlightBodyBytes ?? DEFAULT_MAX_IN_FLIGHT_BODY_BYTES,
    maxJsonDepth: config.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH,
    maxReportedLosses: config.maxReportedLosses ?? DEFAULT_MAX_REPORTED_LOSSES,
  };
}

/** The server limits a config sets (the rest: `DEFAULT_SERVER_LIMITS`). */
export function serverLimits(config: GatewayConfig): Partial<ServerLimits> {
  const out: Partial<ServerLimits> = {};
  if (config.headersTimeoutMs !== undefined) out.headersTimeoutMs = config.headersTimeoutMs;
  if (config.keepAliveTimeoutMs !== undefined) out.keepAliveTimeoutMs = config.keepAliveTimeoutMs;
  if (config.writeTimeoutMs !== undefined) out.writeTimeoutMs = config.writeTimeoutMs;
  if (config.maxConnections !== undefined) out.maxConnections = config.maxConnections;
  return out;
}
