import { describe, expect, it } from 'vitest';
import { formatMatrix } from './format-matrix.js';
import { buildReport, type CaseResult } from './report-model.js';
import { renderHtml } from './write-html.js';
import { renderJUnit } from './write-junit.js';

const base = { client: 'openai-chat', provider: 'anthropic', durationMs: 1, message: '' } as const;
const results: CaseResult[] = [
  { ...base, scenario: 'p/a', aspect: 'response', features: ['tools', 'text'], status: 'pass' },
  {
    ...base,
    scenario: 'p/b',
    aspect: 'stream',
    features: ['tools'],
    status: 'fail',
    message: 'x: expected <1>, got "&"',
    expected: { x: 1 },
    actual: { x: '</script><b>' },
  },
  { ...base, scenario: 'p/c', aspect: 'request', features: [], status: 'skip', message: 'cannot see' },
];
const report = buildReport(results, { target: 't', upstream: 'mocks', startedAt: 'now', durationMs: 5, filters: {} });

describe('report writers', () => {
  it('builds the feature x provider matrix (no features: basic)', () => {
    expect(report.matrix.rows).toEqual(['basic', 'text', 'tools']);
    expect(report.matrix.cells.tools!['openai → anthropic']).toEqual({ pass: 1, fail: 1, skip: 0, notOffered: 0 });
    expect(report.matrix.cells.basic!['openai → anthropic']).toEqual({ pass: 0, fail: 0, skip: 1, notOffered: 0 });
    expect(report.summary).toEqual({
      total: 3,
      passed: 1,
      failed: 1,
      skipped: 1,
      notOffered: 0,
      defects: 1,
      identical: { identical: 1, compared: 2 },
    });
  });
  it('JUnit: counts, failure message escaped, skipped element', () => {
    const xml = renderJUnit(report);
    expect(xml).toContain('tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<failure message="x: expected &lt;1&gt;, got &quot;&amp;&quot;">');
    expect(xml).toContain('<skipped message="cannot see"/>');
  });
  it('HTML: data cannot close the script element; no external assets', () => {
    const html = renderHtml(report);
    expect(html).not.toContain('</script><b>');
    expect(html).toContain('\\u003c/script>');
    expect(html).not.toMatch(/<(link|img)\b|\bsrc=|https?:\/\//);
  });
  it('terminal matrix shows pass/total per cell', () => {
    const text = formatMatrix(report);
    expect(text).toContain('✗ 1/2');
    expect(text).toContain('✓ 1/1');
    expect(text).toContain('3 checks: 1 passed, 1 failed (1 distinct defect), 1 skipped');
  });
});
