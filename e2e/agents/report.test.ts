import { describe, expect, it } from 'vitest';
import type { GatewayRunReport } from './gateway-run.js';
import { buildAgentsReport, renderAgentsSection, vitestCounts } from './report.js';

const run = (agent: string, provider: string, passed: boolean): GatewayRunReport => ({
  agent,
  version: '1.0.0',
  provider,
  format: 'gemini',
  model: `@${provider}/m`,
  passed,
  reasons: passed ? [] : ['exit code 1'],
  seconds: 1.5,
  exitCode: passed ? 0 : 1,
  timedOut: false,
  upstream: [{ path: '/v1/messages', status: passed ? 200 : 400, stream: true }],
  ...(passed
    ? {}
    : {
        transcript: [
          {
            side: 'upstream' as const,
            method: 'POST',
            url: 'http://127.0.0.1:1/v1/messages',
            requestBody: '{"a":"<b>"}',
            status: 400,
            responseBody: 'bad & wrong',
          },
        ],
        stderr: 'boom',
      }),
});

describe('the agents reports', () => {
  const report = buildAgentsReport(
    [run('claude-code', 'gemini', true), run('gemini-cli', 'anthropic', false)],
    3000,
    new Date('2026-12-06T01:00:03Z'),
  );

  it('count the runs and fill the matrix', () => {
    expect(report.summary).toEqual({ total: 2, passed: 1, failed: 1 });
    expect(report.matrix).toEqual({ 'claude-code': { gemini: 'pass' }, 'gemini-cli': { anthropic: 'fail' } });
    expect(report.startedAt).toBe('2026-12-06T01:00:00.000Z');
  });

  it('give CI the counts in vitest JSON shape', () => {
    expect(vitestCounts(report)).toMatchObject({ numTotalTests: 2, numPassedTests: 1, numFailedTests: 1 });
  });

  it('show a failing run with its transcript, escaped, and mark runs of the matrix that did not run', () => {
    const html = renderAgentsSection(report);
    expect(html).toContain('Coding agents: 1 of 2 runs passed');
    expect(html).toContain('{&quot;a&quot;:&quot;&lt;b&gt;&quot;}');
    expect(html).toContain('bad &amp; wrong');
    expect(html).toContain('<li>exit code 1</li>');
    expect(html).toContain('not run');
    // a passing run has no transcript
    expect(html.match(/<details><summary>upstream:/g)).toHaveLength(1);
  });
});
