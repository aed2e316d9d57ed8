/**
 * A small interleaved benchmark harness. Every contender of a case is measured in the same
 * run, in alternating rounds, so machine drift hits all of them alike; results are reported
 * as ratios against the case's baseline.
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
  /** ratio against the baseline (first contender) */
  ratio: number;
}

function now(): bigint {
  return process.hrtime.bigint();
}

async function timeBatch(fn: () => unknown, iterations: number): Promise<number> {
  const first = fn();
  const isAsync = first instanceof Promise;
  if (isAsync) await first;
  const start = now();
  if (isAsync) {
    for (let i = 0; i < iterations; i++) await fn();
  } else {
    for (let i = 0; i < iterations; i++) fn();
  }
  return Number(now() - start) / iterations;
}

/** Iterations so that one batch takes about `targetMs`. */
async function calibrate(fn: () => unknown, targetMs: number): Promise<number> {
  let n = 1;
  for (;;) {
    const per = await timeBatch(fn, n);
    if (per * n >= targetMs * 1e6 || n >= 1 << 20) return Math.max(1, Math.round((targetMs * 1e6) / per));
    n *= 4;
  }
}

export interface HarnessOptions {
  /** rounds of interleaved batches */
  rounds: number;
  /** target duration of one batch in ms */
  batchMs: number;
}

function median(xs: number[]): number {
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
      samples[k]!.push(await timeBatch(contenders[k]!.run, iterations[k]!));
    }
  }
  const medians = samples.map(median);
  const base = medians[0]!;
  return contenders.map((c, i) => ({ name: c.name, medianNs: medians[i]!, ratio: medians[i]! / base }));
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function table(title: string, rows: Measurement[], note?: string): string {
  const lines = [`### ${title}`, '', '| contender | median | × baseline |', '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.name} | ${formatNs(r.medianNs)} | ${r.ratio.toFixed(2)}× |`);
  if (note) lines.push('', note);
  return lines.join('\n');
}
