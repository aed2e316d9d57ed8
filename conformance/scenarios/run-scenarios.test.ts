import { describe, expect, it } from 'vitest';
import { defaultChecks } from './default-checks.js';
import { libraryExchange } from './library-exchange.js';
import { loadScenarios } from './load-scenarios.js';
import { createScenarioRun } from './run-scenario.js';

const scenarios = loadScenarios();

describe('scenario catalog', () => {
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(0);
  });
});

for (const scenario of scenarios) {
  const run = createScenarioRun(scenario, libraryExchange, defaultChecks);
  it(`${scenario.id}/files`, () => {
    expect(run.aspects.length, `${scenario.dir} has no checkable pair of files`).toBeGreaterThan(0);
  });
  for (const aspect of run.aspects) {
    it(`${scenario.id}/${aspect}`, async () => {
      const r = await run.check(aspect);
      expect(r.ok, `${r.scenario}/${r.aspect}\n${r.diff}`).toBe(true);
    });
  }
}
