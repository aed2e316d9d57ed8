/**
 * `npm run soak [-- --concurrency 32 --seconds 20 --fault-rate 0.3 --hostile-rate 0.1 --seed N]`: concurrent
 * streams through the reference gateway to the strict mocks with injected faults and hostile requests, on
 * loopback. Exit 1 when a fault was not surfaced to its client, a clean request failed, model text was lost, a
 * hostile request was answered otherwise than docs/security.md promises, or the gateway logged an internal
 * error. See docs/failure-behaviour.md.
 */
import { parseArgs } from 'node:util';
import { formatSoak, runSoak, type SoakOptions, soakPassed } from './soak/run-soak.js';

function positive(v: string | undefined, what: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${what} must be a positive number, got ${v}`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string' },
      seconds: { type: 'string' },
      'fault-rate': { type: 'string' },
      'hostile-rate': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const opts: SoakOptions = {
    concurrency: Math.floor(positive(values.concurrency, 'concurrency', 32)),
    seconds: positive(values.seconds, 'seconds', 20),
    faultRate: values['fault-rate'] === undefined ? 0.3 : Number(values['fault-rate']),
    hostileRate: values['hostile-rate'] === undefined ? 0.1 : Number(values['hostile-rate']),
    seed: values.seed === undefined ? undefined : Number(values.seed),
    progress: (line) => console.log(line),
  };
  if (!(opts.faultRate !== undefined && opts.faultRate >= 0 && opts.faultRate <= 1))
    throw new Error('--fault-rate must be between 0 and 1');
  if (!(opts.hostileRate !== undefined && opts.hostileRate >= 0 && opts.hostileRate <= 1))
    throw new Error('--hostile-rate must be between 0 and 1');
  const result = await runSoak(opts);
  console.log(formatSoak(result, opts));
  return soakPassed(result) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
