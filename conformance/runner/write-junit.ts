import type { CaseResult, ConformanceReport } from './report-model.js';

function esc(s: string): string {
  // XML 1.0 cannot carry most control characters at all; drop them
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping characters XML forbids
  const clean = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function testcase(r: CaseResult): string {
  const name = `${r.scenario} [${r.aspect}]`;
  const open = `    <testcase classname="${esc(r.scenario.split('/')[0] ?? r.scenario)}" name="${esc(name)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
  if (r.status === 'pass') return `${open}/>`;
  if (r.status === 'skip') return `${open}>\n      <skipped message="${esc(r.message)}"/>\n    </testcase>`;
  if (r.status === 'not-offered')
    return `${open}>\n      <skipped message="${esc(`not offered: ${r.message}`)}"/>\n    </testcase>`;
  const first = r.message.split('\n')[0] ?? 'failed';
  return `${open}>\n      <failure message="${esc(first)}">${esc(r.message)}</failure>\n    </testcase>`;
}

/** JUnit XML: one testsuite per column (client → provider), one testcase per scenario aspect. */
export function renderJUnit(report: ConformanceReport): string {
  const groups = new Map<string, CaseResult[]>();
  for (const r of report.results) {
    const key = `${r.client} -> ${r.provider}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  const suites: string[] = [];
  for (const [name, cases] of groups) {
    const failures = cases.filter((c) => c.status === 'fail').length;
    const skipped = cases.filter((c) => c.status === 'skip' || c.status === 'not-offered').length;
    const time = cases.reduce((t, c) => t + c.durationMs, 0) / 1000;
    suites.push(
      `  <testsuite name="${esc(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">\n${cases.map(testcase).join('\n')}\n  </testsuite>`,
    );
  }
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="crosswire conformance" tests="${s.total}" failures="${s.failed}" errors="0" skipped="${s.skipped + s.notOffered}" time="${(report.meta.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
