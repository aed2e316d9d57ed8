import { BodyBudget, type BodyHold, NO_HOLD } from './body-budget.js';
import { clientKeyCheck } from './client-keys.js';
import type { GatewayConfig, LossLogEntry } from './config.js';
import { hostPolicy } from './host-policy.js';
import { type GatewayLimits, gatewayLimits } from './limits.js';
import { createRedactor, type Redactor } from './redact.js';

export type LogEntry = LossLogEntry | { event: string; [key: string]: unknown };

/** What one gateway keeps besides its config: resolved limits, its secrets' redactor, its budgets. */
export interface GatewayRuntime {
  config: GatewayConfig;
  limits: GatewayLimits;
  redact: Redactor;
  /** the configured log (default: a JSON line on stderr), every string redacted */
  log: (entry: LogEntry) => void;
  /** whether the gateway answers a request for this URL hostname */
  hostAllowed: (hostname: string) => boolean;
  /** checks a presented client key (constant time); undefined: no client keys, an open gateway */
  clientKeyOk: ((presented: string) => boolean) | undefined;
  bodies: BodyBudget;
  /** each request's hold on `bodies`, released when its response is ready */
  holds: WeakMap<Request, BodyHold>;
}

/** One JSON line on stderr (the console's error stream where there is no `process`). */
export function defaultLog(entry: LogEntry): void {
  const line = JSON.stringify({ crosswire: true, ...entry });
  const stderr = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process?.stderr;
  if (stderr) stderr.write(`${line}\n`);
  else console.error(line);
}

/** Header names whose configured values are credentials (redacted like keys). */
const CREDENTIAL_HEADER = /auth|key|token|secret|cookie|password|credential|signature/i;

/** Every secret in a config: upstream keys and tokens, credential headers sent upstream, client keys. */
export function configuredSecrets(config: GatewayConfig): string[] {
  const out: string[] = [...(config.clientKeys ?? [])];
  for (const name of Object.keys(config.providers)) {
    const p = config.providers[name]!;
    if (p.apiKey) out.push(p.apiKey);
    for (const [h, v] of Object.entries(p.headers ?? {})) if (CREDENTIAL_HEADER.test(h)) out.push(v);
  }
  return out;
}

export function createRuntime(config: GatewayConfig): GatewayRuntime {
  const redact = createRedactor(configuredSecrets(config));
  const sink = config.log ?? defaultLog;
  const limits = gatewayLimits(config);
  const keys = config.clientKeys?.filter((k) => k !== '') ?? [];
  return {
    config,
    limits,
    redact,
    log: redact.empty ? sink : (entry) => sink(redact.value(entry)),
    hostAllowed: hostPolicy(config),
    clientKeyOk: keys.length > 0 ? clientKeyCheck(keys) : undefined,
    bodies: new BodyBudget(limits.maxInFlightBodyBytes),
    holds: new WeakMap(),
  };
}

/** The body hold of a request the gateway is answering (none for a handler called on its own). */
export function holdOf(rt: GatewayRuntime, req: Request): BodyHold {
  return rt.holds.get(req) ?? NO_HOLD;
}
