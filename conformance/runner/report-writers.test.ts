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
  it('terminal matrix: the route columns in blocks that fit 120 columns, every cell shown once', () => {
    const clients = ['anthropic-messages', 'openai-chat', 'gemini', 'bedrock-converse', 'bedrock-invoke'];
    const providers = ['anthropic', 'openai', 'gemini', 'bedrock', 'bedrock-converse', 'vertex'];
    const many: CaseResult[] = clients.flatMap((client, c) =>
      providers.map((provider, p) => ({
        ...base,
        client,
        provider,
        scenario: `${client}--${provider}/s`,
        aspect: 'response',
        features: [c === p ? 'only-here' : 'tools', 'text'],
        status: (c + p) % 7 === 0 ? ('fail' as const) : ('pass' as const),
      })),
    );
    const wide = buildReport(many, {
      target: 't',
      upstream: 'mocks',
      startedAt: 'now',
      durationMs: 5,
      filters: {},
      compare: 'meaning',
    });
    const text = formatMatrix(wide);
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(120);
    const headers = lines.filter((l) => l.startsWith('feature'));
    expect(headers.length).toBeGreaterThan(1);
    // each route heads exactly one block's column: the client on the line above `→ provider`
    const routes = lines.flatMap((l, i) => {
      if (!l.startsWith('client')) return [];
      const below = lines[i + 1]!;
      return [...l.matchAll(/\S+/g)].slice(1).map((m) => `${m[0]} ${below.slice(m.index).split(/ {2,}/)[0]}`);
    });
    expect(routes.sort()).toEqual([...wide.matrix.columns].sort());
    // every cell once: a text row per block, and the cells' labels add up to every case
    const textRows = lines.filter((l) => l.startsWith('text '));
    expect(textRows).toHaveLength(headers.length);
    expect(textRows.join(' ').match(/[✓✗] \d+\/\d+/g)).toHaveLength(many.length);
    // a block lists only the features it has cells for
    expect(lines.filter((l) => l.startsWith('only-here')).length).toBeLessThanOrEqual(headers.length);
    // the summary too: 'N checks: …; … comparisons byte-identical …' breaks after a ';'
    const summary = lines.slice(lines.findIndex((l) => /^\d+ checks:/.test(l)));
    expect(summary.join(' ')).toMatch(/^30 checks: .*skipped;.*comparisons byte-identical/);
    // colour codes do not count towards the width
    expect(formatMatrix(wide, { color: true }).split('\n').length).toBe(lines.length);
  });

  it('terminal matrix shows pass/total per cell', () => {
    const text = formatMatrix(report);
    expect(text).toContain('✗ 1/2');
    expect(text).toContain('✓ 1/1');
    expect(text).toContain('3 checks: 1 passed, 1 failed (1 distinct defect), 1 skipped');
  });
});
