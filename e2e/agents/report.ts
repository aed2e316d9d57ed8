/**
 * The reports of `npm run e2e:agents`: report.json (the runs, the matrix), report.html (its "Coding agents" section:
 * the matrix, one row per run, the request/response transcript of a failing run), and vitest.json (the counts in
 * vitest's JSON reporter shape, so CI adds the runs to its final `N passed, N failed` line).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MATRIX, PROVIDERS } from './gateway-matrix.js';
import type { GatewayRunReport } from './gateway-run.js';

export interface AgentsReport {
  readonly tool: 'crosswire e2e:agents';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly summary: { readonly total: number; readonly passed: number; readonly failed: number };
  /** `matrix[agent][provider]`: `pass`, `fail`, or absent when the run was not selected */
  readonly matrix: Record<string, Record<string, 'pass' | 'fail'>>;
  readonly runs: readonly GatewayRunReport[];
}

export function buildAgentsReport(runs: readonly GatewayRunReport[], durationMs: number, now: Date): AgentsReport {
  const matrix: Record<string, Record<string, 'pass' | 'fail'>> = {};
  for (const r of runs) {
    matrix[r.agent] ??= {};
    matrix[r.agent]![r.provider] = r.passed ? 'pass' : 'fail';
  }
  const passed = runs.filter((r) => r.passed).length;
  return {
    tool: 'crosswire e2e:agents',
    startedAt: new Date(now.getTime() - durationMs).toISOString(),
    durationMs,
    summary: { total: runs.length, passed, failed: runs.length - passed },
    matrix,
    runs,
  };
}

const html = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** The "Coding agents" section: the matrix, then one block per run (a failing one with its transcript). */
export function renderAgentsSection(report: AgentsReport): string {
  const agents = Object.keys(MATRIX);
  const providers = PROVIDERS.map((p) => p.name);
  const head = `<tr><th>agent \\ provider</th>${providers.map((p) => `<th>${p}</th>`).join('')}</tr>`;
  const rows = agents.map((a) => {
    const cells = providers.map((p) => {
      const state = report.matrix[a]?.[p];
      const inMatrix = (MATRIX as Record<string, readonly string[]>)[a]?.includes(p) ?? false;
      const label = state === 'pass' ? '✓' : state === 'fail' ? '✗' : inMatrix ? 'not run' : '·';
      return `<td class="${state ?? 'none'}">${label}</td>`;
    });
    return `<tr><th>${a}</th>${cells.join('')}</tr>`;
  });
  const runs = report.runs.map((r) => {
    const reasons = r.reasons.map((x) => `<li>${html(x)}</li>`).join('');
    const transcript = (r.transcript ?? [])
      .map(
        (t) =>
          `<details><summary>${t.side}: ${html(t.method)} ${html(t.url)} → ${t.status}</summary>` +
          `<h4>request</h4><pre>${html(t.requestBody)}</pre><h4>response</h4><pre>${html(t.responseBody)}</pre></details>`,
      )
      .join('');
    const stderr = r.stderr ? `<details><summary>agent stderr</summary><pre>${html(r.stderr)}</pre></details>` : '';
    return (
      `<div class="run ${r.passed ? 'pass' : 'fail'}"><h3>${r.passed ? 'PASS' : 'FAIL'} ${html(r.agent)} ${html(r.version)} → ` +
      `gateway → ${html(r.provider)} (${html(r.format)}, <code>${html(r.model)}</code>) ${r.seconds.toFixed(1)}s</h3>` +
      `<p>upstream: ${r.upstream.map((u) => `${html(u.path)} ${u.status}${u.stream ? ' (stream)' : ''}`).join('; ') || 'none'}</p>` +
      (reasons ? `<ul>${reasons}</ul>` : '') +
      transcript +
      stderr +
      '</div>'
    );
  });
  return (
    `<section id="agents"><h2>Coding agents: ${report.summary.passed} of ${report.summary.total} runs passed</h2>` +
    `<table>${head}${rows.join('')}</table>${runs.join('')}</section>`
  );
}

export function renderAgentsHtml(report: AgentsReport): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>crosswire e2e:agents</title><style>
body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:center}
td.pass{background:#dfd}td.fail{background:#fdd}.run.fail h3{color:#a00}.run.pass h3{color:#060}pre{white-space:pre-wrap;background:#f6f6f6;padding:6px;max-height:30em;overflow:auto}
</style></head><body><h1>crosswire e2e:agents</h1><p>started ${html(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s</p>
${renderAgentsSection(report)}</body></html>
`;
}

/** The counts as vitest's JSON reporter writes them (one test per run). */
export function vitestCounts(report: AgentsReport): Record<string, unknown> {
  return {
    numTotalTests: report.summary.total,
    numPassedTests: report.summary.passed,
    numFailedTests: report.summary.failed,
    numTotalTestSuites: 1,
    numFailedTestSuites: report.summary.failed > 0 ? 1 : 0,
    success: report.summary.failed === 0,
    testResults: [
      {
        name: 'e2e/agents (npm run e2e:agents)',
        status: report.summary.failed === 0 ? 'passed' : 'failed',
        assertionResults: report.runs.map((r) => ({
          title: `${r.agent} -> ${r.provider}`,
          fullName: `e2e:agents ${r.agent} -> gateway -> ${r.provider}`,
          status: r.passed ? 'passed' : 'failed',
          duration: Math.round(r.seconds * 1000),
          failureMessages: r.reasons,
        })),
      },
    ],
  };
}

export async function writeAgentsReports(
  dir: string,
  runs: readonly GatewayRunReport[],
  durationMs: number,
): Promise<AgentsReport> {
  const report = buildAgentsReport(runs, durationMs, new Date());
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'report.html'), renderAgentsHtml(report));
  await writeFile(join(dir, 'vitest.json'), `${JSON.stringify(vitestCounts(report), null, 2)}\n`);
  return report;
}
