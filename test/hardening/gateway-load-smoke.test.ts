/** bench/gateway-load.ts in a tiny load (vitest does not collect bench/, so its smoke test lives here). */
import { describe, expect, it } from 'vitest';
import { measureGatewayOverhead } from '../../bench/gateway-load.js';

describe('measureGatewayOverhead (smoke)', () => {
  it.each(['worker', 'inline'] as const)(
    'gateway %s: measures both targets with no failed request and prints the table',
    async (gatewayIn) => {
      const r = await measureGatewayOverhead({ concurrency: 4, requests: 24, warmup: 4, maxSeconds: 5, gatewayIn });
      expect(r.gatewayIn).toBe(gatewayIn);
      for (const s of [r.direct, r.gateway]) {
        expect(s.failures).toBe(0);
        expect(s.requests).toBe(24);
        expect(s.ttlbP50Ms).toBeGreaterThan(0);
        expect(s.ttfbP50Ms).toBeLessThanOrEqual(s.ttlbP50Ms);
        expect(s.ttlbP99Ms).toBeGreaterThanOrEqual(s.ttlbP50Ms);
      }
      expect(r.addedP50Ms).toBeCloseTo(r.gateway.ttlbP50Ms - r.direct.ttlbP50Ms, 1);
      expect(r.markdown).toContain('| gateway: Chat client -> Anthropic mock (translated stream) |');
      expect(r.markdown).toMatch(/\+-?[\d.]+ ms/);
    },
  );
});
