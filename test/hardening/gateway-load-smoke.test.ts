/** bench/gateway-load.ts in a tiny load (vitest does not collect bench/, so its smoke test lives here). */
import { describe, expect, it } from 'vitest';
import { measureGatewayOverhead } from '../../bench/gateway-load.js';

describe('measureGatewayOverhead (smoke)', () => {
  it('runs client, upstream, relay and gateway in processes of their own, checks each answer and measures every target', async () => {
    const r = await measureGatewayOverhead({ smoke: true, concurrency: [1, 4], rounds: 1 });
    expect(r.failures).toBe(0);
    // orchestrator, load generator, upstream, relay, gateway: five different processes
    expect(r.processes.map((p) => p.name)).toEqual(['orchestrator', 'load generator', 'upstream', 'relay', 'gateway']);
    expect(new Set(r.processes.map((p) => p.pid)).size).toBe(5);
    expect(r.loads.map((l) => `${l.kind} ${l.concurrency}`)).toEqual(['request 1', 'stream 1', 'stream 4']);
    for (const l of r.loads) {
      expect(l.targets.map((t) => t.name)).toEqual(['direct', 'relay', 'gateway']);
      for (const t of l.targets) {
        expect(t.failures).toBe(0);
        expect(t.requests).toBe(16);
        expect(t.ttfb[0]).toBeLessThanOrEqual(t.ttlb[t.ttlb.length - 1]!);
        // the process that did the hop used CPU for it; the load generator is a process of its own
        expect(t.cpuUs['load generator']).toBeGreaterThan(0);
      }
      const [, relay, gateway] = l.targets;
      expect(relay!.cpuUs.relay).toBeGreaterThan(0);
      expect(gateway!.cpuUs.gateway).toBeGreaterThan(0);
      expect(l.addedOverRelayMs).toBeCloseTo(percentile50(gateway!.ttlb) - percentile50(relay!.ttlb), 6);
    }
    expect(r.markdown).toContain('### gateway: 4 concurrent streams');
    expect(r.markdown).toMatch(/Gateway over the relay at p50 \(time to last byte\): \*\*[+-][\d.]+ ms\*\*/);
  }, 60_000);
});

function percentile50(sorted: number[]): number {
  return sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)]!;
}
