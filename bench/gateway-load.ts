/**
 * Gateway overhead: what crosswire's reference gateway adds to a request and to a stream, and its throughput at
 * 1, 16 and 64 concurrent streams, beside a pass-through relay baseline and the upstream alone, in the same run.
 *
 * Every part runs in its own process, started here and reported with its pid: the load generator
 * (bench/gateway-load/client.ts), the upstream (upstream.ts: a canned Anthropic API), the relay (relay.ts: node:http
 * in, node:http out, bytes piped) and the gateway (gateway.ts). This process only orchestrates over IPC. Each
 * process reports its CPU time and event-loop use per load, so the table shows where the CPU goes, not only the
 * latency that the shared cores make of it. Targets are measured in rounds, rotating which goes first.
 *
 * `measureGatewayOverhead(opts)` returns the figures (bench/run.ts calls it). Standalone:
 *   node --import tsx bench/gateway-load.ts [--concurrency 1,16,64] [--rounds 3] [--profile <dir>]
 * `--profile` runs the relay and the gateway under `--cpu-prof` (summarise with bench/profile-summary.ts).
 * `CROSSWIRE_BENCH_SMOKE=1`: a tiny load.
 */
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { digestDifference, responseDigest, streamDigest } from './digest.js';
import type { FromChild, ToChild, Usage } from './gateway-load/child.js';
import type { Job, JobResult } from './gateway-load/client.js';
import { cannedEvents, cannedResponse, chatRequest, messagesRequest, STREAM_EVENTS } from './gateway-load/exchange.js';
import { median } from './harness.js';

export interface GatewayLoadOptions {
  smoke?: boolean;
  /** concurrent streams to measure (default 1, 16, 64; smoke 1, 8) */
  concurrency?: number[];
  /** rounds per load (default 3; smoke 1) */
  rounds?: number;
  /** a directory: run the gateway and the relay under `--cpu-prof`, profiles written there (named by pid) when they exit */
  profile?: string;
}

interface Proc {
  name: string;
  pid: number;
  url: string;
  info: string;
  usage(): Promise<Usage>;
  job(job: Job): Promise<JobResult>;
  close(): Promise<void>;
}

const TSX = import.meta.resolve('tsx');

function spawn(name: string, entry: string, env: Record<string, string>, execArgv: string[] = []): Promise<Proc> {
  const child: ChildProcess = fork(fileURLToPath(new URL(entry, import.meta.url)), [], {
    execArgv: ['--import', TSX, ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, (m: FromChild) => void>();
  const ask = <T>(m: ToChild & { id: number }, pick: (r: FromChild) => T): Promise<T> =>
    new Promise((resolve) => {
      waiting.set(m.id, (r) => resolve(pick(r)));
      child.send(m);
    });
  return new Promise((resolve, reject) => {
    child.on('message', (m: FromChild) => {
      if (m.type === 'ready') {
        resolve({
          name,
          pid: m.pid,
          url: m.url,
          info: m.info,
          usage: () =>
            ask({ type: 'usage', id: nextId++ }, (r) =>
              r.type === 'usage' ? r.usage : { cpuUs: 0, idle: 0, active: 0 },
            ),
          job: (job) =>
            ask({ type: 'job', id: nextId++, job }, (r) =>
              r.type === 'result' ? (r.result as JobResult) : { ttfb: [], ttlb: [], failures: 1, ms: 0 },
            ),
          close: () =>
            new Promise<void>((done) => {
              const timer = setTimeout(() => child.kill(), 10_000);
              child.once('exit', () => {
                clearTimeout(timer);
                done();
              });
              child.send({ type: 'close' } satisfies ToChild);
            }),
        });
      } else if (m.type === 'failed') reject(new Error(`${name} process failed: ${m.message}`));
      else if ('id' in m) {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
      }
    });
    child.once('exit', (code) => reject(new Error(`${name} process exited with ${code} before it was ready`)));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(2) : n.toFixed(1));

interface TargetStats {
  name: string;
  label: string;
  requests: number;
  failures: number;
  failure?: string;
  seconds: number;
  ttfb: number[];
  ttlb: number[];
  /** per round: p50 time to last byte */
  roundP50: number[];
  /** CPU µs per process name over this target's loads */
  cpuUs: Record<string, number>;
  /** event-loop active and total ms of the hop process (relay or gateway) */
  hopActive: number;
  hopTotal: number;
}

export interface LoadResult {
  title: string;
  kind: 'request' | 'stream';
  concurrency: number;
  load: number;
  targets: TargetStats[];
  /** gateway p50 − relay p50, time to last byte (ms) */
  addedOverRelayMs: number;
  /** gateway / relay p50 (time to last byte), median of per-round ratios */
  ratioOverRelay: number;
  throughputOverRelay: number;
}

export interface GatewayOverhead {
  processes: { name: string; pid: number; info: string }[];
  loads: LoadResult[];
  failures: number;
  markdown: string;
}

export async function measureGatewayOverhead(opts: GatewayLoadOptions = {}): Promise<GatewayOverhead> {
  const smoke = opts.smoke ?? process.env.CROSSWIRE_BENCH_SMOKE === '1';
  const rounds = opts.rounds ?? (smoke ? 1 : 3);
  const concurrencies = opts.concurrency ?? (smoke ? [1, 8] : [1, 16, 64]);
  const perLoad = (c: number) => (smoke ? Math.max(16, 4 * c) : c === 1 ? 300 : Math.max(800, 25 * c));
  const maxMs = smoke ? 5_000 : 20_000;

  const procs: Proc[] = [];
  try {
    const client = await spawn('load generator', './gateway-load/client.ts', {});
    procs.push(client);
    const upstream = await spawn('upstream', './gateway-load/upstream.ts', {});
    procs.push(upstream);
    const prof = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${opts.profile}`] : [];
    const relay = await spawn('relay', './gateway-load/relay.ts', { CROSSWIRE_BENCH_UPSTREAM: upstream.url }, prof);
    procs.push(relay);
    const gateway = await spawn(
      'gateway',
      './gateway-load/gateway.ts',
      { CROSSWIRE_BENCH_UPSTREAM: upstream.url },
      prof,
    );
    procs.push(gateway);

    const targets = (stream: boolean) => [
      {
        name: 'direct',
        label: 'Messages client → upstream',
        url: upstream.url,
        target: messagesRequest(stream),
        hop: undefined,
      },
      {
        name: 'relay',
        label: 'Messages client → relay → upstream',
        url: relay.url,
        target: messagesRequest(stream),
        hop: relay,
      },
      {
        name: 'gateway',
        label: 'Chat client → gateway → upstream (translated)',
        url: gateway.url,
        target: chatRequest(stream),
        hop: gateway,
      },
    ];

    // correctness, outside the timed part: each target answers the canned exchange, the gateway's translated
    let failures = 0;
    const checks: string[] = [];
    for (const stream of [false, true]) {
      for (const t of targets(stream)) {
        const r = await client.job({ url: t.url, target: t.target, concurrency: 1, requests: 1, maxMs, capture: true });
        const format = t.name === 'gateway' ? 'openai-chat' : 'anthropic-messages';
        const expected = stream
          ? streamDigest('anthropic-messages', new TextEncoder().encode(cannedEvents().join('')))
          : responseDigest('anthropic-messages', JSON.parse(cannedResponse()));
        let why: string | undefined;
        try {
          const body = r.capture?.body ?? '';
          why =
            r.capture?.status !== 200
              ? `status ${r.capture?.status}: ${body.slice(0, 200)}`
              : digestDifference(
                  expected,
                  stream
                    ? streamDigest(format, new TextEncoder().encode(body))
                    : responseDigest(format, JSON.parse(body)),
                );
        } catch (e) {
          why = (e as Error).message;
        }
        if (why) {
          failures++;
          checks.push(`- **${t.name} (${stream ? 'stream' : 'request'}) does not answer correctly**: ${why}`);
        }
      }
    }

    // warm-up: every target, both kinds
    for (const stream of [false, true])
      for (const t of targets(stream))
        await client.job({ url: t.url, target: t.target, concurrency: 8, requests: smoke ? 16 : 200, maxMs });

    const loads: LoadResult[] = [];
    const plan: { kind: 'request' | 'stream'; concurrency: number }[] = [
      { kind: 'request', concurrency: 1 },
      ...concurrencies.map((c) => ({ kind: 'stream' as const, concurrency: c })),
    ];
    for (const { kind, concurrency } of plan) {
      const load = os.loadavg()[0]!;
      const list = targets(kind === 'stream');
      const stats: TargetStats[] = list.map((t) => ({
        name: t.name,
        label: t.label,
        requests: 0,
        failures: 0,
        seconds: 0,
        ttfb: [],
        ttlb: [],
        roundP50: [],
        cpuUs: {},
        hopActive: 0,
        hopTotal: 0,
      }));
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < list.length; i++) {
          const k = (i + r) % list.length;
          const t = list[k]!;
          const s = stats[k]!;
          const before = await Promise.all(procs.map((p) => p.usage()));
          const res = await client.job({
            url: t.url,
            target: t.target,
            concurrency,
            requests: perLoad(concurrency),
            maxMs,
          });
          const after = await Promise.all(procs.map((p) => p.usage()));
          procs.forEach((p, j) => {
            s.cpuUs[p.name] = (s.cpuUs[p.name] ?? 0) + after[j]!.cpuUs - before[j]!.cpuUs;
            if (p === t.hop) {
              s.hopActive += after[j]!.active - before[j]!.active;
              s.hopTotal += after[j]!.active + after[j]!.idle - before[j]!.active - before[j]!.idle;
            }
          });
          s.requests += res.ttlb.length;
          s.failures += res.failures;
          s.failure ??= res.failure;
          s.seconds += res.ms / 1000;
          s.ttfb.push(...res.ttfb);
          s.ttlb.push(...res.ttlb);
          s.roundP50.push(
            percentile(
              res.ttlb.slice().sort((a, b) => a - b),
              50,
            ),
          );
        }
      }
      for (const s of stats) {
        s.ttfb.sort((a, b) => a - b);
        s.ttlb.sort((a, b) => a - b);
        failures += s.failures;
      }
      const [, rl, gw] = stats as [TargetStats, TargetStats, TargetStats];
      loads.push({
        title:
          kind === 'request'
            ? 'one request at a time, not streamed'
            : `${concurrency} concurrent stream${concurrency === 1 ? '' : 's'}`,
        kind,
        concurrency,
        load,
        targets: stats,
        addedOverRelayMs: percentile(gw.ttlb, 50) - percentile(rl.ttlb, 50),
        ratioOverRelay: median(gw.roundP50.map((g, i) => g / rl.roundP50[i]!)),
        throughputOverRelay: gw.requests / gw.seconds / (rl.requests / rl.seconds),
      });
    }
    const processes = [
      { name: 'orchestrator', pid: process.pid, info: 'starts the others and reads their CPU over IPC; sends no load' },
      ...procs.map((p) => ({ name: p.name, pid: p.pid, info: p.info })),
    ];
    return { processes, loads, failures, markdown: markdown(processes, loads, checks, rounds, opts.profile) };
  } finally {
    await Promise.all(procs.map((p) => p.close()));
  }
}

function markdown(
  processes: GatewayOverhead['processes'],
  loads: LoadResult[],
  checks: string[],
  rounds: number,
  profile?: string,
): string {
  const out = [
    '### gateway: processes',
    '',
    ...processes.map((p) => `- ${p.name}, pid ${p.pid}: ${p.info}`),
    '',
    `All on loopback, sharing this machine's ${os.cpus().length} cores; each load runs ${rounds} round(s) per target, rotating which target goes first. CPU per request is each process's own CPU time (user + system) over a target's loads divided by its requests; "busy" is the hop process's event-loop utilisation during them. The upstream streams ${STREAM_EVENTS} events per answer.${profile ? ` The relay and the gateway ran under --cpu-prof (profiles in ${profile}, named by pid; summarise with bench/profile-summary.ts).` : ''}`,
    ...(checks.length ? ['', ...checks] : []),
  ];
  for (const l of loads) {
    out.push(
      '',
      `### gateway: ${l.title} · load ${l.load.toFixed(2)}`,
      '',
      '| target | requests | failed | req/s | TTFB p50 ms | TTLB p50 ms | TTLB p99 ms | CPU/req hop ms | CPU/req upstream ms | CPU/req client ms | hop busy |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const t of l.targets) {
      const per = (name: string) => (t.requests ? ms((t.cpuUs[name] ?? 0) / 1000 / t.requests) : '–');
      const hop = t.name === 'gateway' ? per('gateway') : t.name === 'relay' ? per('relay') : '';
      const busy = t.hopTotal > 0 ? `${Math.round((100 * t.hopActive) / t.hopTotal)} %` : '';
      out.push(
        `| ${t.label} | ${t.requests} | ${t.failures}${t.failure ? ` (${t.failure})` : ''} | ${(t.requests / t.seconds).toFixed(0)} | ${ms(percentile(t.ttfb, 50))} | ${ms(percentile(t.ttlb, 50))} | ${ms(percentile(t.ttlb, 99))} | ${hop} | ${per('upstream')} | ${per('load generator')} | ${busy} |`,
      );
    }
    const target =
      l.kind === 'stream' && l.concurrency === 1
        ? ` Target ≤ +1 ms: ${l.addedOverRelayMs <= 1 ? 'met' : 'missed'}.`
        : l.kind === 'stream' && l.concurrency >= 64
          ? ` Target ≤ ×1.5: ${l.ratioOverRelay <= 1.5 ? 'met' : 'missed'}.`
          : '';
    out.push(
      '',
      `Gateway over the relay at p50 (time to last byte): **${l.addedOverRelayMs >= 0 ? '+' : ''}${ms(l.addedOverRelayMs)} ms**, ×${l.ratioOverRelay.toFixed(2)} (median of per-round ratios); throughput ×${l.throughputOverRelay.toFixed(2)}.${target}`,
    );
  }
  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) =>
    process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
  const concurrency = arg('--concurrency')?.split(',').map(Number);
  const rounds = arg('--rounds') ? Number(arg('--rounds')) : undefined;
  measureGatewayOverhead({ concurrency, rounds, profile: arg('--profile') }).then(
    (r) => {
      console.log(r.markdown);
      process.exit(r.failures > 0 ? 1 : 0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(2);
    },
  );
}
