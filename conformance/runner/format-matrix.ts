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

/** The width the terminal matrix keeps within (the route columns are split into blocks that fit). */
export const MATRIX_WIDTH = 120;

/** Column indexes in blocks whose lines, `first` columns wide plus each column and its gap, fit in `width`. */
function blocksOf(widths: readonly number[], first: number, width: number): number[][] {
  const blocks: number[][] = [];
  let block: number[] = [];
  let used = first;
  widths.forEach((w, i) => {
    if (block.length > 0 && used + 2 + w > width) {
      blocks.push(block);
      block = [];
      used = first;
    }
    block.push(i);
    used += 2 + w;
  });
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/**
 * The feature × route matrix as terminal text: `✓ passed/total` per cell, red when any check failed, yellow when not
 * offered. The route columns come in blocks that fit `width` (default 120) columns; a block lists only the features
 * that have a cell in it.
 */
export function formatMatrix(
  report: ConformanceReport,
  style: MatrixStyle = { color: false },
  width = MATRIX_WIDTH,
): string {
  const { rows, columns, cells } = report.matrix;
  const rowWidth = Math.max(7, ...rows.map((r) => r.length));
  // a route `client → provider` is headed on two lines: the client, then `→ provider`
  const heads = columns.map((c) => {
    const at = c.indexOf(' → ');
    return at < 0 ? [c, ''] : [c.slice(0, at), c.slice(at + 1)];
  });
  const widths = columns.map((c, i) =>
    Math.max(9, ...heads[i]!.map((h) => h.length), ...rows.map((r) => cellLabel(cells[r]?.[c]).length)),
  );
  const lines: string[] = [];
  for (const block of blocksOf(widths, rowWidth, width)) {
    if (lines.length > 0) lines.push('');
    for (const [n, first] of [[0, 'client'] as const, [1, 'feature'] as const])
      lines.push([first.padEnd(rowWidth), ...block.map((i) => heads[i]![n]!.padEnd(widths[i]!))].join('  ').trimEnd());
    lines.push(['-'.repeat(rowWidth), ...block.map((i) => '-'.repeat(widths[i]!))].join('  '));
    for (const row of rows) {
      if (!block.some((i) => cells[row]?.[columns[i]!] !== undefined)) continue;
      const parts = [row.padEnd(rowWidth)];
      for (const i of block) {
        const cell = cells[row]?.[columns[i]!];
        parts.push(paint(cellLabel(cell).padEnd(widths[i]!), CODES[cellState(cell)], style));
      }
      lines.push(parts.join('  ').trimEnd());
    }
  }
  lines.push('');
  lines.push('✓ every check passed  ✗ some check failed (a defect)  – n/o: route not offered  skip: not checkable');
  lines.push(...wrapAt(summaryLine(report, style), '; ', width));
  return lines.join('\n');
}

/** The printed width of a line: characters, colour codes left out. */
function printedWidth(line: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ESC of the colour codes
  return [...line.replace(/\u001b\[[0-9;]*m/g, '')].length;
}

/** `text` on lines of at most `width` printed characters, broken after a `separator` where it must be. */
function wrapAt(text: string, separator: string, width: number): string[] {
  const [first = '', ...rest] = text.split(separator);
  const lines: string[] = [];
  let line = first;
  for (const part of rest) {
    const joined = `${line}${separator}${part}`;
    if (printedWidth(joined) <= width) line = joined;
    else {
      lines.push(`${line}${separator.trimEnd()}`);
      line = part;
    }
  }
  lines.push(line);
  return lines;
}
