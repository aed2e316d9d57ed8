/**
 * A small interleaved benchmark harness. Every contender of a case is measured in the same run, in rounds: each
 * round times one batch of every contender (the starting contender rotates), so machine drift hits all of them
 * alike. A contender's time is the median of its batches; a ratio between two contenders is the median of their
 * per-round ratios (paired in time, which cancels most of the load that other processes put on a shared machine).
 */
export interface Contender {
  name: string;
  /** one operation; may be async */
  run: () => unknown;
}

export interface Measurement {
  name: string;
  /** median time of one operation, in nanoseconds */
  medianNs: number;
  /** per-round times of one operation, in nanoseconds (round order) */
  samples: number[];
}

/**
 * `wall`: elapsed time (what a user waits). `cpu`: this process's CPU time (user + system, all its threads), which
 * leaves out the time other processes hold the cores: steadier on a shared machine, but it counts the GC's
 * helper threads and not the waits.
 */
export type Clock = 'wall' | 'cpu';

function now(clock: Clock): number {
  if (clock === 'wall') return Number(process.hrtime.bigint());
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

async function timeBatch(fn: () => unknown, iterations: number, clock: Clock): Promise<number> {
  const first = fn();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  const start = now(clock);
  if (isAsync) {
    for (let i = 0; i < iterations; i++) await fn();
  } else {
    for (let i = 0; i < iterations; i++) fn();
  }
  return (now(clock) - start) / iterations;
}

/** Iterations so that one batch takes about `targetMs` (of wall time). */
async function calibrate(fn: () => unknown, targetMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const per = await timeBatch(fn, n, 'wall');
    if (per * n >= targetMs * 1e6 || n >= 1 << 20) return Math.max(1, Math.round((targetMs * 1e6) / per));
    n *= 4;
  }
}

export interface HarnessOptions {
  /** rounds of interleaved batches */
  rounds: number;
  /** target duration of one batch in ms */
  batchMs: number;
  /** default `wall` */
  clock?: Clock;
}

export function median(xs: readonly number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export async function compare(contenders: Contender[], opts: HarnessOptions): Promise<Measurement[]> {
  const iterations: number[] = [];
  for (const c of contenders) iterations.push(await calibrate(c.run, opts.batchMs));
  const samples: number[][] = contenders.map(() => []);
  for (let r = 0; r < opts.rounds; r++) {
    for (let i = 0; i < contenders.length; i++) {
      // rotate the start so no contender always runs first in a round
      const k = (i + r) % contenders.length;
      samples[k]!.push(await timeBatch(contenders[k]!.run, iterations[k]!, opts.clock ?? 'wall'));
    }
  }
  return contenders.map((c, i) => ({ name: c.name, medianNs: median(samples[i]!), samples: samples[i]! }));
}

/** `a` / `b`: the median of their per-round ratios. */
export function pairedRatio(a: Measurement, b: Measurement): number {
  return median(a.samples.map((x, r) => x / b.samples[r]!));
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** A case as a markdown table: each contender's median and its ratio to the first contender (paired per round). */
export function table(title: string, rows: Measurement[], note?: string): string {
  const lines = [`### ${title}`, '', '| contender | median | × baseline |', '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${formatNs(r.medianNs)} | ${pairedRatio(r, rows[0]!).toFixed(2)}× |`);
  if (note) lines.push('', note);
  return lines.join('\n');
}
