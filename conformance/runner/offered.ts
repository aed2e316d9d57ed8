import type { FormatId } from '../../src/core/formats.js';
import { isBedrockAlternate } from '../scenarios/meaning-checks.js';

/**
 * Whether the gateway offers a scenario's route at all. A route it does not offer is one finding per scenario, not a
 * failure of every check: counting it 4–5 times (and letting an error page pass a schema check) says nothing about
 * the translations the gateway does offer.
 */

/** Statuses that say "no such route" (not found, method not allowed, not implemented). */
export const NOT_OFFERED_STATUSES: ReadonlySet<number> = new Set([404, 405, 501]);

/** What one exchange of a scenario showed about the route. */
export interface ExchangeTrace {
  /** HTTP status the client got */
  status: number;
  /** the scenario upstream received the request */
  reached: boolean;
  /** the format of the upstream endpoint it went to */
  upstreamFormat?: FormatId;
  /** the client path called */
  path: string;
}

/**
 * Why a scenario's route is not offered, judged on the scenario alone (undefined: it is, or it cannot be told):
 * every exchange answered 404 / 405 / 501 without calling the provider, or the gateway passed the client's call
 * through unchanged to an endpoint of the client's own format (no translation to the scenario's provider).
 */
export function scenarioNotOffered(
  client: FormatId,
  upstream: FormatId,
  traces: readonly ExchangeTrace[],
): string | undefined {
  if (traces.length === 0) return undefined;
  if (traces.every((t) => !t.reached && NOT_OFFERED_STATUSES.has(t.status))) {
    const statuses = [...new Set(traces.map((t) => t.status))].join('/');
    return `HTTP ${statuses} on ${traces[0]!.path.replace(/\?.*$/, '')}: no such route`;
  }
  if (client !== upstream && !isBedrockAlternate(upstream, client) && traces.some((t) => t.upstreamFormat === client)) {
    return `the ${client} call is passed through unchanged (the provider gets a ${client} request, not a ${upstream} one)`;
  }
  return undefined;
}

/**
 * Why a whole route is not offered: every exchange of every scenario of the route in this run was answered with an
 * error and none reached the provider (e.g. an HTTP 500 "not supported" for every request). `undefined`: some
 * request of the route reached the provider or was answered with a success.
 */
export function routeNotOffered(traces: readonly ExchangeTrace[]): string | undefined {
  if (traces.length === 0) return undefined;
  if (traces.some((t) => t.reached || (t.status >= 200 && t.status < 300))) return undefined;
  const statuses = [...new Set(traces.map((t) => t.status))].sort().join('/');
  return `HTTP ${statuses} to every request of the route, none sent to the provider`;
}
