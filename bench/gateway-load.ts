/**
 * Gateway overhead under load: p50/p99 time to first byte and to last byte, and throughput, of the reference
 * gateway at 64 concurrent streams (Chat client -> gateway -> Anthropic mock, streamed and translated), beside
 * the same load sent straight to the Anthropic mock, measured in the same run, on loopback.
 *
 * `measureGatewayOverhead(opts)` returns the numbers (bench/run.ts calls it); standalone:
 * `node --import tsx bench/gateway-load.ts` (`CROSSWIRE_BENCH_SMOKE=1`: a tiny load).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serveOnLoopback } from '../conformance/mocks/adapters/serve-on-loopback.js';
import { createAnthropicMock } from '../conformance/mocks/anthropic/create-anthropic-mock.js';
import { createGateway } from '../src/gateway/node/create-gateway.js';
import { serveGateway } from '../src/gateway/node/serve.js';

export interface GatewayLoadOptions {
  /** concurrent streams (default 64) */
  concurrency?: number;
  /** requests per measured load (default 2000; smoke 64) */
  requests?: number;
  /** stop a load after this long even if not all requests ran (default 10 s; smoke 2 s) */
  maxSeconds?: number;
  /** warm-up requests per target before measuring (default 200; smoke 16) */
  warmup?: number;
  /** characters of streamed answer text (default ~480: about 30 deltas) */
  answerChars?: number;
  smoke?: boolean;
  /**
   * where the gateway runs: `worker` (default; a worker thread with its own event loop, as a gateway process
   * would have) or `inline` (the same event loop as the client and the mock)
   */
  gatewayIn?: 'worker' | 'inline';
}

export interface LoadStats {
  requests: number;
  failures: number;
  seconds: number;
  requestsPerSecond: number;
  ttfbP50Ms: number;
  ttfbP99Ms: number;
  ttlbP50Ms: number;
  ttlbP99Ms: number;
}

export interface GatewayOverhead {
  concurrency: number;
  gatewayIn: 'worker' | 'inline';
  direct: LoadStats;
  gateway: LoadStats;
  /** gateway p50 time to last byte minus direct */
  addedP50Ms: number;
  addedP99Ms: number;
  /** gateway / direct, time to last byte at p50 */
  ratioP50: number;
  /** gateway throughput / direct throughput */
  throughputRatio: number;
  markdown: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** One streamed request: times to first and last body byte (ms), or undefined when it failed. */
async function timeOne(url: string, init: RequestInit): Promise<{ ttfb: number; ttlb: number } | undefined> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const reader = res.body?.getReader();
  if (!reader || res.status !== 200) {
    await reader?.cancel();
    return undefined;
  }
  let ttfb = -1;
  for (;;) {
    const { done } = await reader.read();
    if (ttfb < 0) ttfb = performance.now() - t0;
    if (done) break;
  }
  return { ttfb, ttlb: performance.now() - t0 };
}

async function load(
  target: { url: string; init: RequestInit },
  total: number,
  concurrency: number,
  maxMs: number,
): Promise<LoadStats> {
  const ttfb: number[] = [];
  const ttlb: number[] = [];
  let started = 0;
  let failures = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < total && performance.now() - t0 < maxMs) {
      started++;
      const r = await timeOne(target.url, target.init).catch(() => undefined);
      if (!r) failures++;
      else {
        ttfb.push(r.ttfb);
        ttlb.push(r.ttlb);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  ttfb.sort((a, b) => a - b);
  ttlb.sort((a, b) => a - b);
  return {
    requests: ttlb.length,
    failures,
    seconds: round(seconds),
    requestsPerSecond: round(ttlb.length / seconds, 1),
    ttfbP50Ms: round(percentile(ttfb, 50)),
    ttfbP99Ms: round(percentile(ttfb, 99)),
    ttlbP50Ms: round(percentile(ttlb, 50)),
    ttlbP99Ms: round(percentile(ttlb, 99)),
  };
}

function table(r: Omit<GatewayOverhead, 'markdown'>): string {
  const row = (name: string, s: LoadStats) =>
    `| ${name} | ${s.requests} | ${s.failures} | ${s.requestsPerSecond} | ${s.ttfbP50Ms} | ${s.ttfbP99Ms} | ${s.ttlbP50Ms} | ${s.ttlbP99Ms} |`;
  return [
    `### gateway overhead: ${r.concurrency} concurrent streams (loopback; gateway ${r.gatewayIn === 'worker' ? 'in a worker thread' : 'on the same event loop'})`,
    '',
    '| target | requests | failed | req/s | TTFB p50 ms | TTFB p99 ms | TTLB p50 ms | TTLB p99 ms |',
    '|---|---|---|---|---|---|---|---|',
    row('Anthropic mock, direct (Messages stream)', r.direct),
    row('gateway: Chat client -> Anthropic mock (translated stream)', r.gateway),
    '',
    `Gateway / direct at p50 (time to last byte): ×${r.ratioP50}, **+${r.addedP50Ms} ms** (p99 +${r.addedP99Ms} ms); throughput ×${r.throughputRatio}.`,
    r.gatewayIn === 'worker'
      ? "Client and mock share the main thread; the gateway has its own thread. The added time is the extra HTTP hop plus the gateway's validation and translation."
      : "Client, gateway and mock share one event loop: the added time includes the gateway's CPU taken from the client and the mock.",
  ].join('\n');
}

async function startGatewayInline(
  upstreamUrl: string,
  apiKey: string,
): Promise<{ url: string; close(): Promise<void> }> {
  return serveGateway(
    createGateway({
      providers: { anthropic: { format: 'anthropic-messages', baseUrl: upstreamUrl, apiKey } },
      log: () => {},
    }),
  );
}

/** The gateway in a worker thread; TypeScript is loaded there through tsx's register API. */
async function startGatewayWorker(
  upstreamUrl: string,
  apiKey: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const entry = new URL('./gateway-load/gateway-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(code, { eval: true, workerData: { upstreamUrl, apiKey } });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`gateway worker exited with ${code}`)));
  });
  return {
    url,
    close: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('close');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      await worker.terminate();
    },
  };
}

export async function measureGatewayOverhead(opts: GatewayLoadOptions = {}): Promise<GatewayOverhead> {
  const smoke = opts.smoke ?? process.env.CROSSWIRE_BENCH_SMOKE === '1';
  const concurrency = opts.concurrency ?? (smoke ? 8 : 64);
  const total = opts.requests ?? (smoke ? 64 : 2000);
  const maxMs = (opts.maxSeconds ?? (smoke ? 2 : 10)) * 1000;
  const warmup = opts.warmup ?? (smoke ? 16 : 200);
  const words = Math.max(1, Math.round((opts.answerChars ?? 480) / 18));
  const prompt = 'lighthouse keeper '.repeat(words).trim();

  const gatewayIn = opts.gatewayIn ?? 'worker';
  const mock = createAnthropicMock({ apiKey: 'bench-upstream-key', chunkSize: 16 });
  const mocks = await serveOnLoopback({ anthropic: mock });
  const gateway =
    gatewayIn === 'worker'
      ? await startGatewayWorker(mocks.urls.anthropic ?? '', 'bench-upstream-key')
      : await startGatewayInline(mocks.urls.anthropic ?? '', 'bench-upstream-key');
  const direct = {
    url: `${mocks.urls.anthropic}/v1/messages`,
    init: {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': 'bench-upstream-key',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({
        model: 'claude-bench',
        max_tokens: 1024,
        stream: true,
        messages: [{ role: 'user', content: prompt }],
      }),
    },
  };
  const viaGateway = {
    url: `${gateway.url}/v1/chat/completions`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench-client' },
      body: JSON.stringify({
        model: '@anthropic/claude-bench',
        max_tokens: 1024,
        stream: true,
        messages: [{ role: 'user', content: prompt }],
      }),
    },
  };
  try {
    const resetEvery = async (stats: Promise<LoadStats>) => {
      const s = await stats;
      mock.reset(); // the mock's request log is not what is measured
      return s;
    };
    await resetEvery(load(direct, warmup, concurrency, maxMs));
    await resetEvery(load(viaGateway, warmup, concurrency, maxMs));
    const d = await resetEvery(load(direct, total, concurrency, maxMs));
    const g = await resetEvery(load(viaGateway, total, concurrency, maxMs));
    const r = {
      concurrency,
      gatewayIn,
      direct: d,
      gateway: g,
      addedP50Ms: round(g.ttlbP50Ms - d.ttlbP50Ms),
      addedP99Ms: round(g.ttlbP99Ms - d.ttlbP99Ms),
      ratioP50: round(g.ttlbP50Ms / d.ttlbP50Ms),
      throughputRatio: round(g.requestsPerSecond / d.requestsPerSecond),
    };
    return { ...r, markdown: table(r) };
  } finally {
    await gateway.close();
    await mocks.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureGatewayOverhead().then(
    (r) => {
      console.log(r.markdown);
      process.exit(r.direct.failures + r.gateway.failures > 0 ? 1 : 0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
