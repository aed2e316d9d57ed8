import type { Cell, ConformanceReport } from './report-model.js';

export interface MatrixStyle {
  color: boolean;
}

function paint(text: string, code: number, style: MatrixStyle): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** A cell's state: some check failed (a defect), all passed, the route is not offered, or nothing could be checked. */
export type CellState = 'defect' | 'pass' | 'not-offered' | 'skip' | 'none';

export function cellState(cell: Cell | undefined): CellState {
  if (!cell) return 'none';
  if (cell.fail > 0) return 'defect';
  if (cell.pass > 0) return 'pass';
  if (cell.notOffered > 0) return 'not-offered';
  return 'skip';
}

/** A cell's label: `✓ passed/checked`, `✗ passed/checked`, `– n/o N` (scenarios not offered), `skip N`. */
export function cellLabel(cell: Cell | undefined): string {
  const state = cellState(cell);
  if (!cell || state === 'none') return '·';
  if (state === 'not-offered') return `– n/o ${cell.notOffered}`;
  if (state === 'skip') return `skip ${cell.skip}`;
  const checked = cell.pass + cell.fail;
  const extra = cell.notOffered > 0 ? ` +${cell.notOffered} n/o` : '';
  return `${state === 'pass' ? '✓' : '✗'} ${cell.pass}/${checked}${extra}`;
}

const CODES: Record<CellState, number> = { defect: 31, pass: 32, 'not-offered': 33, skip: 90, none: 90 };

/** The summary line: checks, defects, routes not offered, and how many comparisons were byte-identical. */
export function summaryLine(report: ConformanceReport, style: MatrixStyle = { color: false }): string {
  const s = report.summary;
  const parts = [
    paint(`${s.passed} passed`, 32, style),
    paint(`${s.failed} failed`, s.failed > 0 ? 31 : 32, style) +
      (s.failed > 0 ? ` (${s.defects} distinct defect${s.defects === 1 ? '' : 's'})` : ''),
    `${s.skipped} skipped`,
  ];
  let line = `${s.total - s.notOffered} checks: ${parts.join(', ')}`;
  if (s.notOffered > 0)
    line += `; ${paint(`${s.notOffered} scenario${s.notOffered === 1 ? '' : 's'} not offered`, 33, style)}`;
  if (report.meta.compare === 'meaning' && s.identical.compared > 0) {
    line += `; ${s.identical.identical} of ${s.identical.compared} comparisons byte-identical to the reference`;
  }
  if (report.meta.compare) line += ` (compared by ${report.meta.compare})`;
  return line;
}

/** The findings first: each distinct defect in one sentence with where it shows, then the routes not offered. */
export function formatFindings(report: ConformanceReport, style: MatrixStyle = { color: false }, limit = 40): string {
  const lines: string[] = [];
  const f = report.findings;
  if (f.length === 0) lines.push(paint('no defects found', 32, style));
  else lines.push(`${f.length} distinct defect${f.length === 1 ? '' : 's'}, most routes first:`);
  f.slice(0, limit).forEach((x, i) => {
    const where = `${x.routes.length} route${x.routes.length === 1 ? '' : 's'}, ${x.scenarios.length} scenario${x.scenarios.length === 1 ? '' : 's'}`;
    const also = x.also?.length ? ` (+${x.also.length} related difference${x.also.length === 1 ? '' : 's'})` : '';
    lines.push(
      `${String(i + 1).padStart(3)}. ${paint(x.sentence, 31, style)}${also} — ${where} [${x.checks.join(', ')}], e.g. ${x.example.scenario}`,
    );
  });
  if (f.length > limit) lines.push(`     … ${f.length - limit} more in report.html / report.json`);
  if (report.notOffered.length > 0) {
    lines.push('');
    lines.push(
      `not offered (${report.summary.notOffered} scenario${report.summary.notOffered === 1 ? '' : 's'}, one finding each, not defects):`,
    );
    for (const n of report.notOffered)
      lines.push(
        `  ${paint(n.route, 33, style)}: ${n.scenarios.length} scenario${n.scenarios.length === 1 ? '' : 's'} — ${n.reason}`,
      );
  }
  return lines.join('\n');
}

/** The feature × provider matrix as terminal text: `✓ passed/total` per cell, red when any check failed, yellow when not offered. */
export function formatMatrix(report: ConformanceReport, style: MatrixStyle = { color: false }): string {
  const { rows, columns, cells } = report.matrix;
  const rowWidth = Math.max(7, ...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(c.length, 9, ...rows.map((r) => cellLabel(cells[r]?.[c]).length)));
  const lines: string[] = [];
  lines.push(['feature'.padEnd(rowWidth), ...columns.map((c, i) => c.padEnd(widths[i]!))].join('  '));
  lines.push(['-'.repeat(rowWidth), ...widths.map((w) => '-'.repeat(w))].join('  '));
  for (const row of rows) {
    const parts = [row.padEnd(rowWidth)];
    columns.forEach((col, i) => {
      const cell = cells[row]?.[col];
      parts.push(paint(cellLabel(cell).padEnd(widths[i]!), CODES[cellState(cell)], style));
    });
    lines.push(parts.join('  '));
  }
  lines.push('');
  lines.push(
    '✓ every check passed  ✗ some check failed (a defect)  – n/o: route not offered (scenarios)  skip: not checkable',
  );
  lines.push(summaryLine(report, style));
  return lines.join('\n');
}
