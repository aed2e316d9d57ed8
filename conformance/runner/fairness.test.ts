import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../scenarios/load-scenarios.js';
import {
  answerProxy,
  ILLEGAL_ANSWER,
  LEGAL_ANSWER,
  LEGAL_REQUEST,
  type ProxyLog,
  requestProxy,
  seeded,
} from './fairness-proxy.js';
import { runConformance } from './run-conformance.js';

/**
 * The fairness test (issue 15): the meaning level must pass a gateway that says the same in other bytes, and fail
 * one that says something else. The reference gateway runs behind a proxy (`fairness-proxy.ts`) that changes its
 * answers and its upstream requests:
 *
 * - legal variations, all at once, over the WHOLE catalog: every check must pass by meaning;
 * - each illegal variation over the scenarios it can apply to (those whose client answer has what it changes, picked
 *   from the scenario files below; a variation of a stream's content applies to streams that end cleanly): every
 *   scenario it changed must fail, on one of the checks the variation names.
 *
 * `CROSSWIRE_FAIRNESS_SEED=<n>` replays a run (the seed is in the test name).
 */

const SEED = Number(process.env.CROSSWIRE_FAIRNESS_SEED ?? 20261205);
const out = mkdtempSync(join(tmpdir(), 'crosswire-fairness-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** What the client gets in a scenario, as text (to pick the scenarios an illegal variation applies to). */
function clientText(s: Scenario): string {
  const parts = [s.clientResponse === undefined ? '' : JSON.stringify(s.clientResponse)];
  if (s.clientFrames) parts.push(JSON.stringify(s.clientFrames));
  else if (s.clientStream) parts.push(new TextDecoder().decode(s.clientStream));
  return parts.join('\n');
}

/** The scenarios each illegal variation is tried on: those whose client answer has what it changes. */
const APPLIES: Record<string, (s: Scenario) => boolean> = {
  'cached tokens dropped': (s) =>
    /"(cache_read_input_tokens|cached_tokens|cachedContentTokenCount|cacheReadInputTokens)":\s*[1-9]/.test(
      clientText(s),
    ),
  'a finish reason changed': (s) => /"(stop_reason|finish_reason|finishReason|stopReason)":\s*"/.test(clientText(s)),
  'a tool-call argument dropped': (s) => /tool_use|tool_calls|functionCall|toolUse/.test(clientText(s)),
  'a failed stream ended as a success': (s) => s.meta.expectStreamError === true,
  'stream blocks reordered': (s) =>
    s.clientStream !== undefined && /"index":\s*1\b|"contentBlockIndex":\s*1\b/.test(clientText(s)),
  'a thinking signature dropped': (s) => /signature/i.test(clientText(s)),
};

describe(`fairness: the reference gateway behind a proxy (seed ${SEED})`, () => {
  it('legal variations (all at once, the whole catalog): every check passes by meaning', async () => {
    const log: ProxyLog = { applied: new Map() };
    const rng = seeded(SEED);
    const run = await runConformance({
      upstream: 'mocks',
      out: join(out, 'legal'),
      proxy: {
        answers: (h) => answerProxy(h, LEGAL_ANSWER, rng, log),
        requests: (h) => requestProxy(h, LEGAL_REQUEST, rng, log),
      },
    });
    const failing = run.report.results
      .filter((r) => r.status !== 'pass')
      .map((r) => `${r.scenario} ${r.aspect}: ${r.message.split('\n')[0]}`);
    expect(failing).toEqual([]);
    expect(run.report.summary.passed).toBeGreaterThan(2000);
    // every variation did change something, and the bytes did change: the exact level would fail most comparisons
    for (const v of [...LEGAL_ANSWER, ...LEGAL_REQUEST])
      expect(log.applied.get(v.name) ?? 0, v.name).toBeGreaterThan(0);
    const { identical, compared } = run.report.summary.identical;
    expect(identical / compared).toBeLessThan(0.3);
  }, 180_000);

  for (const v of ILLEGAL_ANSWER) {
    it(`illegal: ${v.name} → caught by ${v.caughtBy.join(' or ')}`, async () => {
      const log: ProxyLog = { applied: new Map() };
      const rng = seeded(SEED);
      const changed = new Set<string>();
      let current = '';
      const run = await runConformance({
        upstream: 'mocks',
        out: join(out, v.name.replace(/\W+/g, '-')),
        select: APPLIES[v.name],
        onExchange: (s) => {
          current = s.id;
        },
        proxy: {
          answers: (h) => {
            const proxied = answerProxy(h, [v], rng, log);
            return async (req) => {
              const before = log.applied.get(v.name) ?? 0;
              const res = await proxied(req);
              if ((log.applied.get(v.name) ?? 0) > before) changed.add(current);
              return res;
            };
          },
        },
      });
      expect(changed.size, 'the variation changed no answer').toBeGreaterThan(0);
      const caught = new Map<string, Set<string>>();
      for (const r of run.report.results) {
        if (r.status !== 'fail') continue;
        const set = caught.get(r.scenario) ?? new Set();
        set.add(r.aspect);
        caught.set(r.scenario, set);
      }
      const missed = [...changed].filter((id) => ![...(caught.get(id) ?? [])].some((a) => v.caughtBy.includes(a)));
      expect(missed, 'changed, but no named check failed').toEqual([]);
    }, 120_000);
  }
});
