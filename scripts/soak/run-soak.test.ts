import { describe, expect, it } from 'vitest';
import { formatSoak, runSoak, soakPassed } from './run-soak.js';

describe('soak (short mode)', () => {
  it('a few seconds of concurrent faulted streams: every fault surfaced, nothing lost', async () => {
    const opts = { concurrency: 8, seconds: 2.5, faultRate: 0.4, hostileRate: 0.2, seed: 7 };
    const r = await runSoak(opts);
    const report = formatSoak(r, opts);
    expect(r.requests, report).toBeGreaterThan(20);
    expect(r.faultsInjected, report).toBeGreaterThan(3);
    expect(r.faultsUnsurfaced, report).toBe(0);
    expect(r.cleanFailures, report).toBe(0);
    expect(r.bytesLost, report).toBe(0);
    expect(r.faultsSurfaced).toBe(r.faultsInjected);
    expect(
      Object.values(r.hostile).reduce((a, h) => a + h.sent, 0),
      report,
    ).toBeGreaterThan(3);
    expect(r.hostileMishandled, report).toBe(0);
    expect(r.internalErrors, report).toBe(0);
    expect(soakPassed(r)).toBe(true);
    expect(report).toMatch(/\| bytes lost \| 0 \|/);
  });

  it('soakPassed fails a run that lost bytes or missed a fault', () => {
    const base = {
      requests: 10,
      faultsInjected: 2,
      faultsSurfaced: 2,
      faultsUnsurfaced: 0,
      cleanFailures: 0,
      hostile: {},
      hostileMishandled: 0,
      internalErrors: 0,
      bytesLost: 0,
      bytesReceived: 1,
      rssStartMb: 0,
      rssEndMb: 0,
      rssGrowthMb: 0,
      heapGrowthMb: 0,
      heapGrowthAfterWarmupMb: 0,
      arrayBuffersGrowthMb: 0,
      seconds: 1,
      problems: [],
      byFault: {},
    };
    expect(soakPassed(base)).toBe(true);
    expect(soakPassed({ ...base, bytesLost: 1 })).toBe(false);
    expect(soakPassed({ ...base, faultsUnsurfaced: 1 })).toBe(false);
    expect(soakPassed({ ...base, cleanFailures: 1 })).toBe(false);
    expect(soakPassed({ ...base, requests: 0 })).toBe(false);
    expect(soakPassed({ ...base, hostileMishandled: 1 })).toBe(false);
    expect(soakPassed({ ...base, internalErrors: 1 })).toBe(false);
  });
});
