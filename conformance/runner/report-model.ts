/** One checked aspect of one scenario, as the reports show it. */
export interface CaseResult {
  /** `<client>--<upstream>/<name>` */
  scenario: string;
  aspect: string;
  /** the client format that sent the request */
  client: string;
  /** the provider column this case belongs to (the upstream's name, e.g. `openai`) */
  provider: string;
  features: string[];
  status: 'pass' | 'fail' | 'skip';
  /** why a case was skipped, or the diff of a failing case */
  message: string;
  /** the client request sent (for failing cases) */
  request?: unknown;
  expected?: unknown;
  actual?: unknown;
  durationMs: number;
}

export interface ReportMeta {
  /** what was tested: `reference gateway (in-process)` or a URL */
  target: string;
  upstream: 'mocks' | 'real';
  startedAt: string;
  durationMs: number;
  filters: { only?: string; provider?: string; format?: string };
}

export interface Cell {
  pass: number;
  fail: number;
  skip: number;
}

export interface Matrix {
  rows: string[];
  columns: string[];
  /** `cells[row][column]` */
  cells: Record<string, Record<string, Cell>>;
}

export interface ConformanceReport {
  tool: 'crosswire conformance';
  meta: ReportMeta;
  summary: { total: number; passed: number; failed: number; skipped: number };
  matrix: Matrix;
  results: CaseResult[];
}

/** Short names of client formats for column labels (the provider names are short already). */
const SHORT: Record<string, string> = {
  'anthropic-messages': 'anthropic',
  'openai-chat': 'openai',
  'bedrock-invoke': 'bedrock',
  'vertex-anthropic': 'vertex',
};

/** The column of a case: `client → provider`, e.g. `anthropic → openai` (an Anthropic client, an OpenAI provider). */
export function columnOf(r: Pick<CaseResult, 'client' | 'provider'>): string {
  return `${SHORT[r.client] ?? r.client} → ${r.provider}`;
}

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
      cells[row][col] ??= { pass: 0, fail: 0, skip: 0 };
      cells[row][col][r.status]++;
    }
  }
  return { rows: [...rows].sort(), columns: [...columns].sort(), cells };
}

export function buildReport(results: CaseResult[], meta: ReportMeta): ConformanceReport {
  const summary = { total: results.length, passed: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    if (r.status === 'pass') summary.passed++;
    else if (r.status === 'fail') summary.failed++;
    else summary.skipped++;
  }
  return { tool: 'crosswire conformance', meta, summary, matrix: buildMatrix(results), results };
}
