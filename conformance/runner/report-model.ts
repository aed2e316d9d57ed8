import { type CaseResult, columnOf } from './case-result.js';
import { deriveFindings, type Finding } from './findings.js';

export type { CaseResult, CaseStatus } from './case-result.js';
export { columnOf } from './case-result.js';

export interface ReportMeta {
  /** what was tested: `reference gateway (in-process)` or a URL */
  target: string;
  upstream: 'mocks' | 'real';
  startedAt: string;
  durationMs: number;
  filters: { only?: string; provider?: string; format?: string };
  /** the level the verdicts were given at (`meaning`: what the client and the provider make of it; `exact`: bytes) */
  compare?: 'meaning' | 'exact';
}

export interface Cell {
  pass: number;
  fail: number;
  skip: number;
  /** scenarios whose route the gateway does not offer */
  notOffered: number;
}

export interface Matrix {
  rows: string[];
  columns: string[];
  /** `cells[row][column]` */
  cells: Record<string, Record<string, Cell>>;
}

/** A route (client → provider) the gateway does not offer, with why, counted once per scenario. */
export interface NotOffered {
  route: string;
  scenarios: string[];
  reason: string;
}

export interface Summary {
  /** checks made (a scenario whose route is not offered counts once, as not offered) */
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  /** scenarios whose route the gateway does not offer */
  notOffered: number;
  /** distinct defects (findings) the failed checks show */
  defects: number;
  /** comparison checks (request, response, stream, error) whose output was byte-identical to the reference */
  identical: { identical: number; compared: number };
}

export type { Finding } from './findings.js';

export interface ConformanceReport {
  tool: 'crosswire conformance';
  meta: ReportMeta;
  summary: Summary;
  /** what a reader needs first: each distinct defect once, most routes first */
  findings: Finding[];
  notOffered: NotOffered[];
  matrix: Matrix;
  results: CaseResult[];
}

/** Short names of client formats for column labels (the provider names are short already). */
/** Rows are features; a case without features counts under `basic`. */
export function rowsOf(r: Pick<CaseResult, 'features'>): string[] {
  return r.features.length > 0 ? r.features : ['basic'];
}

export function buildMatrix(results: readonly CaseResult[]): Matrix {
  const rows = new Set<string>();
  const columns = new Set<string>();
  const cells: Record<string, Record<string, Cell>> = {};
  for (const r of results) {
    const col = columnOf(r);
    columns.add(col);
    for (const row of rowsOf(r)) {
      rows.add(row);
      cells[row] ??= {};
      cells[row][col] ??= { pass: 0, fail: 0, skip: 0, notOffered: 0 };
      const cell = cells[row][col];
      if (r.status === 'not-offered') cell.notOffered++;
      else cell[r.status]++;
    }
  }
  return { rows: [...rows].sort(), columns: [...columns].sort(), cells };
}

/** Comparison checks: their outputs can be byte-identical to the reference. */
const COMPARISONS = new Set(['request', 'response', 'stream', 'error']);

/** Routes not offered, one entry per route and reason. */
function notOfferedRoutes(results: readonly CaseResult[]): NotOffered[] {
  const by = new Map<string, NotOffered>();
  for (const r of results) {
    if (r.status !== 'not-offered') continue;
    const route = columnOf(r);
    const key = `${route}|${r.message}`;
    const entry = by.get(key) ?? { route, scenarios: [], reason: r.message };
    entry.scenarios.push(r.scenario);
    by.set(key, entry);
  }
  return [...by.values()].sort((a, b) => a.route.localeCompare(b.route) || b.scenarios.length - a.scenarios.length);
}

export function buildReport(results: CaseResult[], meta: ReportMeta): ConformanceReport {
  const summary: Summary = {
    total: results.length,
    passed: 0,
    failed: 0,
    skipped: 0,
    notOffered: 0,
    defects: 0,
    identical: { identical: 0, compared: 0 },
  };
  for (const r of results) {
    if (r.status === 'pass') summary.passed++;
    else if (r.status === 'fail') summary.failed++;
    else if (r.status === 'skip') summary.skipped++;
    else summary.notOffered++;
    if (COMPARISONS.has(r.aspect) && (r.status === 'pass' || r.status === 'fail')) {
      summary.identical.compared++;
      if (r.identical ?? r.status === 'pass') summary.identical.identical++;
    }
  }
  const findings = deriveFindings(results);
  summary.defects = findings.length;
  return {
    tool: 'crosswire conformance',
    meta,
    summary,
    findings,
    notOffered: notOfferedRoutes(results),
    matrix: buildMatrix(results),
    results,
  };
}
