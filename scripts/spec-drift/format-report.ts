/** Renders a drift report as text (terminal) or JSON. */
import { type Finding, type FindingKind, isConflict, SECTIONS, type Tally } from './findings.js';
import type { DriftReport } from './run-drift.js';

const HEADINGS: readonly [FindingKind, string][] = [
  ['missing-section', 'Sections upstream has that we lack'],
  ['missing-property', 'Properties upstream has that we lack'],
  ['missing-member', 'Union members upstream has that we lack'],
  ['missing-enum', 'Enum values upstream has that we lack'],
  ['conflict', 'Conflicts (our spec rejects what upstream allows)'],
];

const NOTES: readonly [FindingKind, string][] = [
  ['extra-enum', 'Enum values we have that upstream lacks'],
  ['looser', 'Properties upstream requires that we leave optional'],
  ['wider', 'Kinds of value we allow that upstream does not'],
];

export interface FormatOptions {
  readonly title: string;
  /** List the informational notes too (default: counts only). */
  readonly verbose?: boolean;
}

export function formatReport(report: DriftReport, options: FormatOptions): string {
  const out: string[] = [options.title, ...report.operations.map((o) => `  ${o}`), ''];
  if (report.missingSchemas.length > 0) {
    out.push(`Upstream schemas with no counterpart (${report.missingSchemas.length}):`);
    out.push(...wrap(report.missingSchemas.join(', '), 110).map((l) => `  ${l}`), '');
  }
  for (const [kind, heading] of HEADINGS) list(out, report.findings, kind, heading, true);
  for (const [kind, heading] of NOTES) list(out, report.findings, kind, heading, options.verbose === true);
  out.push('Coverage:');
  for (const section of SECTIONS) {
    const tally = report.coverage.properties[section];
    if (tally.total.size === 0) continue;
    const name = section === 'stream' ? 'stream event/chunk' : section;
    out.push(`  ${name} properties modeled: ${ratio(tally)}`);
  }
  out.push(`  enum values modeled: ${ratio(report.coverage.enumValues)}`);
  out.push(`  upstream schemas matched: ${ratio(report.coverage.schemas)}`);
  const conflicts = report.findings.filter(isConflict).length;
  const gaps = report.findings.filter((f) => f.kind.startsWith('missing-')).length;
  out.push('', `${conflicts} conflict(s), ${gaps} gap(s).`);
  return out.join('\n');
}

function list(
  out: string[],
  findings: readonly Finding[],
  kind: FindingKind,
  heading: string,
  detailed: boolean,
): void {
  const items = findings.filter((f) => f.kind === kind);
  if (items.length === 0) return;
  out.push(`${heading} (${items.length}):`);
  if (detailed) {
    for (const f of items) {
      const at = f.path && f.path !== f.location ? `  (at ${f.path})` : '';
      out.push(`  ${f.section.padEnd(8)} ${f.location}: ${f.detail}${at}`);
    }
  }
  out.push('');
}

function ratio(t: Tally): string {
  const pct = t.total.size === 0 ? 100 : Math.round((1000 * t.modeled.size) / t.total.size) / 10;
  const freeForm = [...t.freeForm].filter((k) => !t.modeled.has(k)).length;
  const note = freeForm > 0 ? `; ${freeForm} more accepted by free-form objects` : '';
  return `${t.modeled.size} of ${t.total.size} (${pct}%${note})`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A JSON rendering (sets as sorted arrays). */
export function reportToJson(report: DriftReport): unknown {
  const tally = (t: Tally) => ({
    modeled: t.modeled.size,
    total: t.total.size,
    freeForm: [...t.freeForm].filter((k) => !t.modeled.has(k)).sort(),
    missing: [...t.total].filter((k) => !t.modeled.has(k) && !t.freeForm.has(k)).sort(),
  });
  return {
    operations: report.operations,
    findings: report.findings,
    missingSchemas: report.missingSchemas,
    coverage: {
      properties: Object.fromEntries(SECTIONS.map((s) => [s, tally(report.coverage.properties[s])])),
      enumValues: tally(report.coverage.enumValues),
      schemas: tally(report.coverage.schemas),
    },
  };
}
