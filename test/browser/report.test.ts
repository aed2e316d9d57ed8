import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, type CaseResult } from '../../conformance/runner/report-model.js';
import { writeReports } from '../../conformance/runner/write-reports.js';

const CHROMIUM = process.env.CROSSWIRE_CHROMIUM ?? '/usr/bin/chromium';

const base = { client: 'anthropic-messages', durationMs: 3 } as const;
const results: CaseResult[] = [
  {
    ...base,
    scenario: 'anthropic-messages--openai-chat/text',
    aspect: 'response',
    provider: 'openai',
    features: ['text'],
    status: 'pass',
    message: '',
  },
  {
    ...base,
    scenario: 'anthropic-messages--openai-chat/text',
    aspect: 'stream',
    provider: 'openai',
    features: ['text', 'stream'],
    status: 'pass',
    message: '',
  },
  {
    ...base,
    scenario: 'anthropic-messages--openai-chat/tools',
    aspect: 'response',
    provider: 'openai',
    features: ['tools'],
    status: 'fail',
    message: 'content[0].input.city: expected "Paris", got "Lyon"',
    request: { model: 'gpt-4o', max_tokens: 64, messages: [{ role: 'user', content: 'weather?' }] },
    expected: { content: [{ type: 'tool_use', input: { city: 'Paris' } }] },
    actual: { content: [{ type: 'tool_use', input: { city: 'Lyon' } }] },
  },
  {
    ...base,
    client: 'openai-chat',
    scenario: 'openai-chat--anthropic-messages/tools',
    aspect: 'response',
    provider: 'anthropic',
    features: ['tools'],
    status: 'pass',
    message: '',
  },
  {
    ...base,
    client: 'gemini',
    scenario: 'gemini--anthropic-messages/tools',
    aspect: 'route',
    provider: 'anthropic',
    features: ['tools'],
    status: 'not-offered',
    message: 'HTTP 404 on /v1beta/models/m:generateContent: no such route',
  },
];

// CI (and `npm run test:browser`) must run this test: there a missing Chromium is a failure. On a developer's
// machine without Debian's chromium package the test shows as skipped, with the reason printed.
const mustRun = process.env.CI === 'true' || process.env.CROSSWIRE_REQUIRE_BROWSER === '1';
const skip = !mustRun && !existsSync(CHROMIUM);
if (skip)
  console.warn(
    `report.html browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CROSSWIRE_CHROMIUM)`,
  );

describe.skipIf(skip)('report.html in headless Chromium', () => {
  let browser: BrowserContext | undefined;
  let dir = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: install it with .ci/install-chromium.sh (apt-get install -y chromium) or set CROSSWIRE_CHROMIUM`,
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'crosswire-browser-'));
    // a fresh profile directory per run (playwright passes it as --user-data-dir)
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1100, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      timeout: 20_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir && !process.env.CROSSWIRE_KEEP_SCREENSHOT) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the matrix, and a click on a failing cell opens its diff', async () => {
    if (!browser) throw new Error('browser did not start');
    const report = buildReport(results, {
      target: 'reference gateway (in-process)',
      upstream: 'mocks',
      startedAt: '2026-11-22T04:00:00.000Z',
      durationMs: 1234,
      filters: {},
    });
    const paths = writeReports(report, join(dir, 'reports'));
    const page = await browser.newPage();
    // the report is self-contained: any request other than the file itself is a bug
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(paths.html).href);

    const rows = page.locator('#matrix tbody tr');
    expect(await rows.count()).toBe(3); // stream, text, tools
    expect(await page.locator('#matrix thead th').allTextContents()).toEqual([
      'feature',
      'anthropic → openai',
      'gemini → anthropic',
      'openai → anthropic',
    ]);
    // the findings come first: the defect in one sentence, then the route not offered
    const findings = page.locator('#findings');
    expect(await findings.locator('ol > li').count()).toBe(1);
    expect(await findings.locator('ol > li').first().textContent()).toContain(
      'Anthropic-format answers have `content[].input.city` "Lyon" where "Paris" is expected',
    );
    expect(await findings.textContent()).toContain('gemini → anthropic: 1 scenario — HTTP 404');
    const unoffered = page.locator('#matrix button.c-na');
    expect(await unoffered.count()).toBe(1);
    expect(await unoffered.textContent()).toBe('– n/o 1');
    const failing = page.locator('button.c-fail');
    expect(await failing.count()).toBe(1);
    expect(await failing.textContent()).toBe('✗ 0/1');
    const color = await failing.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(color).toBe('rgb(217, 56, 58)');
    expect(await page.locator('#details .case').count()).toBe(0);

    await failing.click();
    const details = page.locator('#details');
    await expect.poll(() => details.locator('.case').count()).toBe(1);
    expect(await details.locator('h2').textContent()).toContain('tools');
    expect(await details.locator('.msg').textContent()).toContain('expected "Paris", got "Lyon"');
    expect(await details.locator('.d-del').allTextContents()).toEqual(['-         "city": "Paris"']);
    expect(await details.locator('.d-add').allTextContents()).toEqual(['+         "city": "Lyon"']);
    expect(await details.locator('details pre').textContent()).toContain('"weather?"');

    const shot = join(process.env.CROSSWIRE_SCREENSHOT_DIR ?? dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    expect(requests).toEqual([pathToFileURL(paths.html).href]);
  });
});
