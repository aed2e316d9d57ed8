import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunResult {
  /** exit code; null when killed (timeout) */
  code: number | null;
  stdout: string;
  stderr: string;
  /** wall time from spawn to exit, ms */
  ms: number;
  /** ms from spawn to the first stdout line matching `firstLine`, when asked and seen */
  firstLineMs?: number;
  /** CPU time (user + system) the process had used by then, ms (Linux: from /proc) */
  firstLineCpuMs?: number;
  timedOut: boolean;
}

/**
 * The environment of everything the test starts: the caller's, less what npm (`npm run` sets npm_config_*, which
 * a nested npm would take as its own config), vitest and Node option variables inject.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|NODE_PATH$|TSX_|FORCE_COLOR$)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface RunOptions {
  cwd: string;
  /** default: `cleanEnv()` */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** record when the first stdout line matching this appears */
  firstLine?: RegExp;
}

/** CPU time used so far by a running process, ms; undefined where /proc is not there. */
function cpuMsOf(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "pid (comm) ": state is field 3, utime 14, stime 15, in USER_HZ (100 a second on Linux)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Run a command to completion (no shell), capturing its output and timing it. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let firstLineMs: number | undefined;
    let firstLineCpuMs: number | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.stdout.setEncoding('utf8').on('data', (piece: string) => {
      stdout += piece;
      if (
        options.firstLine &&
        firstLineMs === undefined &&
        stdout.split('\n').some((line) => options.firstLine?.test(line))
      ) {
        firstLineMs = performance.now() - started;
        firstLineCpuMs = cpuMsOf(child.pid);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (piece: string) => {
      stderr += piece;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result: RunResult = { code, stdout, stderr, ms: performance.now() - started, timedOut };
      if (firstLineMs !== undefined) result.firstLineMs = firstLineMs;
      if (firstLineCpuMs !== undefined) result.firstLineCpuMs = firstLineCpuMs;
      resolvePromise(result);
    });
  });
}

/** The tail of a run's output, for failure messages. */
export function describeRun(what: string, r: RunResult): string {
  const tail = (s: string) => (s.length > 2000 ? `…${s.slice(-2000)}` : s);
  const how = r.timedOut ? 'timed out' : `exited ${r.code}`;
  return `${what} ${how} after ${Math.round(r.ms)} ms\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`;
}

/** Run and fail (throw) unless it exits 0. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(describeRun(`${command} ${args.join(' ')}`, r));
  return r;
}

/** Memoize an async setup step: run once, on first use; every caller gets the same result or error. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= make();
    return promise;
  };
}
