import type { FormatId } from '../../src/core/formats.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { type Served, serveFetch, serveGateway } from '../../src/gateway/node/serve.js';
import { defaultChecks } from '../scenarios/default-checks.js';
import { loadScenarios, type Scenario, type ScenarioRef } from '../scenarios/load-scenarios.js';
import {
  type AspectResult,
  type CompareLevel,
  createScenarioRun,
  type Exchange,
  type ExchangeMode,
} from '../scenarios/run-scenario.js';
import { createLiveExchange } from './live-exchange.js';
import { type ExchangeTrace, NOT_OFFERED_STATUSES, routeNotOffered, scenarioNotOffered } from './offered.js';
import { type Preset, providerOf, VERTEX_LOCATION } from './presets.js';
import { buildReport, type CaseResult, type ConformanceReport, columnOf } from './report-model.js';
import { runRealChecks } from './run-real-checks.js';
import { createScenarioUpstream } from './scenario-upstream.js';
import { strictUpstreamCheck } from './strict-upstream-check.js';
import { type ReportPaths, writeReports } from './write-reports.js';

export interface ConformanceOptions {
  /** a running gateway; none: the reference gateway in-process */
  gateway?: string;
  /** how answers and upstream requests are compared: by `meaning` (default) or `exact`ly; the other level is reported too */
  compare?: CompareLevel;
  upstream: 'mocks' | 'real';
  preset?: Preset;
  /** the model sent, `{provider}` and `{model}` filled in per scenario (overrides the preset's) */
  modelTemplate?: string;
  /** scenario id substring (or several, comma-separated) */
  only?: string;
  /** provider name (`openai`, `anthropic`, ...) or upstream format id (or several, comma-separated) */
  provider?: string;
  /** client format id, or `anthropic` / `openai` (or several, comma-separated) */
  format?: string;
  out: string;
  fixturesDir?: string;
  headers?: Record<string, string>;
  /** fixed port for the scenario upstream (for gateways configured by file: claude-code-router, LiteLLM, crosswire serve) */
  mockPort?: number;
  timeoutMs?: number;
  /** a line of progress */
  progress?: (line: string) => void;
  /**
   * for tests (the fairness test): proxies in the in-process setup, around the reference gateway (what clients get)
   * and around the scenario upstream (what the gateway sends)
   */
  proxy?: {
    answers?: (h: (req: Request) => Promise<Response>) => (req: Request) => Promise<Response>;
    requests?: (h: (req: Request) => Promise<Response>) => (req: Request) => Promise<Response>;
  };
  /** for tests: only the scenarios this accepts (after the filters) */
  select?: (s: Scenario) => boolean;
  /** for tests: told of each exchange before it starts (exchanges run one at a time) */
  onExchange?: (s: Scenario, mode: ExchangeMode) => void;
}

export interface ConformanceRun {
  report: ConformanceReport;
  paths: ReportPaths;
  /** failed checks (defects); routes not offered are not failures */
  failures: number;
  /** no check could be made: every selected scenario's route is not offered */
  nothingOffered: boolean;
}

function matchesFormat(format: FormatId, wanted: string): boolean {
  return format === wanted || providerOf(format) === wanted;
}

function list(v: string | undefined): string[] | undefined {
  const items = v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

/** Whether the filters select a scenario (each filter: any of its comma-separated values). */
export function scenarioSelector(
  o: Pick<ConformanceOptions, 'only' | 'provider' | 'format'>,
): (s: ScenarioRef) => boolean {
  const only = list(o.only);
  const providers = list(o.provider);
  const formats = list(o.format);
  return (s) =>
    (!only || only.some((p) => s.id.includes(p))) &&
    (!providers || providers.some((p) => matchesFormat(s.upstream, p))) &&
    (!formats || formats.some((f) => matchesFormat(s.client, f)));
}

/** The scenarios the filters select. */
export function selectScenarios(
  all: readonly Scenario[],
  o: Pick<ConformanceOptions, 'only' | 'provider' | 'format'>,
): Scenario[] {
  return all.filter(scenarioSelector(o));
}

/** A gateway that cannot be graded (unreachable, or not pointed at the scenario upstream): exit code 2, no report. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Answers (other than "not offered") after which a scenario upstream that received nothing stops the run. */
export const STARTUP_WINDOW = 5;

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? ` (${(e.cause as Error & { code?: string }).code ?? e.cause.message})` : '';
  return `${e.message}${cause}`;
}

/**
 * Watches the first exchanges of a run for the two ways a gateway cannot be graded: it does not answer at
 * all, or it answers without ever calling the scenario upstream (its providers point elsewhere).
 */
function watchStartup(exchange: Exchange, received: () => number, gatewayUrl: string, mockUrl: string) {
  let answered = 0;
  let anyAnswer = false;
  let firstAnswer = '';
  let networkError: string | undefined;
  const watched: Exchange = async (s, mode) => {
    try {
      const o = await exchange(s, mode);
      anyAnswer = true;
      if (!NOT_OFFERED_STATUSES.has(o.status)) {
        answered++;
        if (!firstAnswer) {
          const body =
            o.body === undefined ? '(a stream)' : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
          firstAnswer = `${o.status} ${body.length > 200 ? `${body.slice(0, 200)}…` : body}`;
        }
      }
      return o;
    } catch (e) {
      // fetch's own failure (refused, unknown host, reset), not a time-out of a gateway that is there
      if (e instanceof TypeError) networkError ??= describeError(e);
      throw e;
    }
  };
  const port = new URL(mockUrl).port;
  /** the start-up problem seen so far (`final`: the run is over, judge on what there is) */
  const problem = (final: boolean): string | undefined => {
    if (received() > 0) return undefined;
    if (!anyAnswer && networkError)
      return `the gateway at ${gatewayUrl} did not answer: ${networkError}. Is it running?`;
    if (answered >= STARTUP_WINDOW || (final && answered > 0)) {
      return (
        `the gateway sent nothing to the scenario upstream (${mockUrl}) in answer to ${answered} requests ` +
        `(first answer: ${firstAnswer}): is it configured with --mock-port ${port}?`
      );
    }
    return undefined;
  };
  return { exchange: watched, problem };
}

/** A route judged not offered needs this many scenarios in the run (one failing scenario is not a route). */
const ROUTE_MIN_SCENARIOS = 3;

/** The one case that stands for a scenario whose route the gateway does not offer. */
function notOfferedCase(s: Scenario, reason: string): CaseResult {
  return {
    scenario: s.id,
    aspect: 'route',
    client: s.client,
    provider: providerOf(s.upstream),
    features: s.meta.features,
    status: 'not-offered',
    message: reason,
    durationMs: 0,
  };
}

/**
 * Routes not offered as a whole: all of a route's scenarios (at least ROUTE_MIN_SCENARIOS) were answered with errors
 * and none reached the provider. Their cases become one not-offered case each.
 */
function foldUnofferedRoutes(
  done: { s: Scenario; cases: CaseResult[] }[],
  traces: ReadonlyMap<string, ExchangeTrace[]>,
): void {
  const byRoute = new Map<string, { s: Scenario; cases: CaseResult[] }[]>();
  for (const d of done) {
    const route = columnOf({ client: d.s.client, provider: providerOf(d.s.upstream) });
    const list = byRoute.get(route) ?? [];
    list.push(d);
    byRoute.set(route, list);
  }
  for (const list of byRoute.values()) {
    const open = list.filter((d) => d.cases.some((c) => c.status !== 'not-offered'));
    if (open.length < ROUTE_MIN_SCENARIOS || open.length !== list.length) continue;
    const reason = routeNotOffered(open.flatMap((d) => traces.get(d.s.id) ?? []));
    if (!reason) continue;
    for (const d of open) d.cases = [notOfferedCase(d.s, reason)];
  }
}

function toCase(s: Scenario, r: AspectResult, request: unknown, durationMs: number): CaseResult {
  return {
    scenario: s.id,
    aspect: r.aspect,
    client: s.client,
    provider: providerOf(s.upstream),
    features: s.meta.features,
    status: r.skipped ? 'skip' : r.ok ? 'pass' : 'fail',
    message: r.skipped ?? r.diff,
    ...(r.identical === undefined ? {} : { identical: r.identical }),
    ...(r.comparedAs === undefined ? {} : { comparedAs: r.comparedAs }),
    ...(r.ok ? {} : { request, expected: r.expected, actual: r.actual }),
    durationMs,
  };
}

/**
 * Run the scenario catalog against a gateway: the reference gateway in-process (no `gateway`), or any
 * running gateway. With `upstream: 'mocks'` the upstream is our loopback scenario upstream; with
 * `'real'` the gateway talks to real providers and only structure is checked.
 */
export async function runConformance(o: ConformanceOptions): Promise<ConformanceRun> {
  const started = Date.now();
  const say = o.progress ?? (() => {});
  const scenarios = loadScenarios(o.fixturesDir, scenarioSelector(o)).filter((s) => o.select?.(s) ?? true);
  const servers: Served[] = [];
  const results: CaseResult[] = [];
  try {
    let target = o.gateway;
    let targetLabel = o.gateway ?? 'reference gateway (in-process)';
    if (o.upstream === 'real') {
      if (!target)
        throw new Error('--upstream real needs --gateway URL (a gateway configured with real provider keys)');
      results.push(
        ...(await runRealChecks(scenarios, {
          gatewayUrl: target,
          preset: o.preset ?? 'crosswire',
          modelTemplate: o.modelTemplate,
          headers: o.headers,
          timeoutMs: o.timeoutMs,
          progress: say,
        })),
      );
    } else {
      const upstream = createScenarioUpstream(strictUpstreamCheck);
      const mock = await serveFetch(o.proxy?.requests ? o.proxy.requests(upstream.handler) : upstream.handler, {
        port: o.mockPort,
      });
      servers.push(mock);
      say(`scenario upstream (mock providers) on ${mock.url}`);
      if (!target) {
        const formats: FormatId[] = [
          'anthropic-messages',
          'openai-chat',
          'gemini',
          'bedrock-invoke',
          'bedrock-converse',
          'vertex-anthropic',
          'openai-responses',
        ];
        const providers = Object.fromEntries(
          formats.map((f) => [
            providerOf(f),
            {
              format: f,
              baseUrl: f === 'openai-chat' || f === 'openai-responses' ? `${mock.url}/v1` : mock.url,
              apiKey: 'mock-upstream-key',
              ...VERTEX_LOCATION,
              // the scenarios check the translation (URL media a provider cannot take is the translator's reported
              // loss) and their media URLs name no server here: the gateway's own inlining is tested apart
              // (src/gateway/gateway-media.test.ts)
              media: 'pass' as const,
            },
          ]),
        );
        // the error scenarios check how an upstream 401/403 translates: relayed, as a translating proxy does
        const reference = createGateway({ providers, log: () => {}, upstreamAuthErrors: 'relay' });
        const gateway = await serveGateway(
          o.proxy?.answers ? { fetch: o.proxy.answers((req) => reference.fetch(req)) } : reference,
        );
        servers.push(gateway);
        target = gateway.url;
        targetLabel = `reference gateway (in-process, ${gateway.url})`;
        say(`reference gateway on ${gateway.url}`);
      }
      const live = createLiveExchange({
        gatewayUrl: target,
        preset: o.preset ?? 'crosswire',
        modelTemplate: o.modelTemplate,
        upstream,
        mockUrl: mock.url,
        headers: o.headers,
        timeoutMs: o.timeoutMs,
      });
      const startup = watchStartup(live, upstream.received, target, mock.url);
      const traces = new Map<string, ExchangeTrace[]>();
      const traced: Exchange = async (s, mode) => {
        o.onExchange?.(s, mode);
        const out = await startup.exchange(s, mode);
        const list = traces.get(s.id) ?? [];
        const sent = live.lastSent(s.id)?.url;
        list.push({
          status: out.status,
          reached: out.upstreamRequest !== null && out.upstreamRequest !== undefined,
          upstreamFormat: out.upstreamFormat,
          path: sent ? new URL(sent).pathname : '',
        });
        traces.set(s.id, list);
        return out;
      };
      say(`running ${scenarios.length} scenarios against ${targetLabel}`);
      const done: { s: Scenario; cases: CaseResult[] }[] = [];
      let n = 0;
      for (const s of scenarios) {
        n++;
        const run = createScenarioRun(s, traced, defaultChecks, { compare: o.compare ?? 'meaning' });
        let mine: CaseResult[] = [];
        for (const aspect of run.aspects) {
          const t0 = Date.now();
          const r = await run.check(aspect);
          mine.push(toCase(s, r, live.lastSent(s.id)?.body, Date.now() - t0));
        }
        const unoffered = scenarioNotOffered(s.client, s.upstream, traces.get(s.id) ?? []);
        if (unoffered) mine = [notOfferedCase(s, unoffered)];
        done.push({ s, cases: mine });
        const failed = mine.filter((c) => c.status === 'fail');
        const mark = unoffered ? '–' : failed.length === 0 ? '✓' : '✗';
        const note = unoffered ? ' (not offered)' : failed.length ? ` (${failed.map((f) => f.aspect).join(', ')})` : '';
        say(`[${n}/${scenarios.length}] ${mark} ${s.id}${note}`);
        const problem = startup.problem(n === scenarios.length);
        if (problem) throw new StartupError(problem);
      }
      foldUnofferedRoutes(done, traces);
      for (const d of done) results.push(...d.cases);
    }
    const report = buildReport(results, {
      target: targetLabel,
      upstream: o.upstream,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      filters: { only: o.only, provider: o.provider, format: o.format },
      compare: o.upstream === 'real' ? undefined : (o.compare ?? 'meaning'),
    });
    const paths = writeReports(report, o.out);
    const s = report.summary;
    return { report, paths, failures: s.failed, nothingOffered: s.notOffered > 0 && s.total === s.notOffered };
  } finally {
    for (const s of servers.reverse()) await s.close();
  }
}
