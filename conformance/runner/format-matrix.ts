import type { Cell, ConformanceReport } from './report-model.js';

export interface MatrixStyle {
  color: boolean;
}

function paint(text: string, code: number, style: MatrixStyle): string {
  return style.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function cellText(cell: Cell | undefined): { text: string; code: number } {
  if (!cell) return { text: '·', code: 90 };
  const total = cell.pass + cell.fail;
  if (total === 0) return { text: `skip ${cell.skip}`, code: 90 };
  if (cell.fail === 0) return { text: `✓ ${cell.pass}/${total}`, code: 32 };
  return { text: `✗ ${cell.pass}/${total}`, code: 31 };
}

/** The feature × provider matrix as terminal text: `✓ passed/total` per cell, red when any case failed. */
export function formatMatrix(report: ConformanceReport, style: MatrixStyle = { color: false }): string {
  const { rows, columns, cells } = report.matrix;
  const rowWidth = Math.max(7, ...rows.map((r) => r.length));
  const widths = columns.map((c) => Math.max(c.length, 9));
  const lines: string[] = [];
  lines.push(['feature'.padEnd(rowWidth), ...columns.map((c, i) => c.padEnd(widths[i]!))].join('  '));
  lines.push(['-'.repeat(rowWidth), ...widths.map((w) => '-'.repeat(w))].join('  '));
  for (const row of rows) {
    const parts = [row.padEnd(rowWidth)];
    columns.forEach((col, i) => {
      const { text, code } = cellText(cells[row]?.[col]);
      parts.push(paint(text.padEnd(widths[i]!), code, style));
    });
    lines.push(parts.join('  '));
  }
  const s = report.summary;
  lines.push('');
  lines.push(
    `${s.total} checks: ${paint(`${s.passed} passed`, 32, style)}, ${paint(`${s.failed} failed`, s.failed > 0 ? 31 : 32, style)}, ${s.skipped} skipped`,
  );
  return lines.join('\n');
}
