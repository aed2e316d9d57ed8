import type { FormatId } from '../../src/core/formats.js';
import { createGateway } from '../../src/gateway/node/create-gateway.js';
import { type Served, serveFetch, serveGateway } from '../../src/gateway/node/serve.js';
import { defaultChecks } from '../scenarios/default-checks.js';
import { loadScenarios, type Scenario } from '../scenarios/load-scenarios.js';
import { type AspectResult, createScenarioRun } from '../scenarios/run-scenario.js';
import { createLiveExchange, type Preset, providerOf, VERTEX_LOCATION } from './live-exchange.js';
import { buildReport, type CaseResult, type ConformanceReport } from './report-model.js';
import { runRealChecks } from './run-real-checks.js';
import { createScenarioUpstream } from './scenario-upstream.js';
import { strictUpstreamCheck } from './strict-upstream-check.js';
import { type ReportPaths, writeReports } from './write-reports.js';

export interface ConformanceOptions {
  /** a running gateway; none: the reference gateway in-process */
  gateway?: string;
  upstream: 'mocks' | 'real';
  preset?: Preset;
  /** scenario id substring (or several, comma-separated) */
  only?: string;
  /** provider name (`openai`, `anthropic`, ...) or upstream format id */
  provider?: string;
  /** client format id, or `anthropic` / `openai` */
  format?: string;
  out: string;
  fixturesDir?: string;
  headers?: Record<string, string>;
  /** fixed port for the scenario upstream (for gateways configured ahead, e.g. LiteLLM's api_base) */
  mockPort?: number;
  timeoutMs?: number;
  /** a line of progress */
  progress?: (line: string) => void;
}

export interface ConformanceRun {
  report: ConformanceReport;
  paths: ReportPaths;
  failures: number;
}

function matchesFormat(format: FormatId, wanted: string): boolean {
  return format === wanted || providerOf(format) === wanted;
}

/** The scenarios the filters select. */
export function selectScenarios(
  all: readonly Scenario[],
  o: Pick<ConformanceOptions, 'only' | 'provider' | 'format'>,
): Scenario[] {
  const only = o.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return all.filter(
    (s) =>
      (!only || only.some((p) => s.id.includes(p))) &&
      (!o.provider || matchesFormat(s.upstream, o.provider)) &&
      (!o.format || matchesFormat(s.client, o.format)),
  );
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
  const scenarios = selectScenarios(loadScenarios(o.fixturesDir), o);
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
          headers: o.headers,
          timeoutMs: o.timeoutMs,
          progress: say,
        })),
      );
    } else {
      const upstream = createScenarioUpstream(strictUpstreamCheck);
      const mock = await serveFetch(upstream.handler, { port: o.mockPort });
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
        ];
        const providers = Object.fromEntries(
          formats.map((f) => [
            providerOf(f),
            {
              format: f,
              baseUrl: f === 'openai-chat' ? `${mock.url}/v1` : mock.url,
              apiKey: 'mock-upstream-key',
              ...VERTEX_LOCATION,
            },
          ]),
        );
        const gateway = await serveGateway(createGateway({ providers, log: () => {} }));
        servers.push(gateway);
        target = gateway.url;
        targetLabel = `reference gateway (in-process, ${gateway.url})`;
        say(`reference gateway on ${gateway.url}`);
      }
      const exchange = createLiveExchange({
        gatewayUrl: target,
        preset: o.preset ?? 'crosswire',
        upstream,
        mockUrl: mock.url,
        headers: o.headers,
        timeoutMs: o.timeoutMs,
      });
      say(`running ${scenarios.length} scenarios against ${targetLabel}`);
      let n = 0;
      for (const s of scenarios) {
        n++;
        const run = createScenarioRun(s, exchange, defaultChecks);
        const mine: CaseResult[] = [];
        for (const aspect of run.aspects) {
          const t0 = Date.now();
          const r = await run.check(aspect);
          mine.push(toCase(s, r, exchange.lastSent(s.id)?.body, Date.now() - t0));
        }
        results.push(...mine);
        const failed = mine.filter((c) => c.status === 'fail');
        const mark = failed.length === 0 ? '✓' : '✗';
        say(
          `[${n}/${scenarios.length}] ${mark} ${s.id}${failed.length ? ` (${failed.map((f) => f.aspect).join(', ')})` : ''}`,
        );
      }
    }
    const report = buildReport(results, {
      target: targetLabel,
      upstream: o.upstream,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      filters: { only: o.only, provider: o.provider, format: o.format },
    });
    const paths = writeReports(report, o.out);
    return { report, paths, failures: report.summary.failed };
  } finally {
    for (const s of servers.reverse()) await s.close();
  }
}
