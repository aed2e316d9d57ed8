/**
 * The side of a bench/gateway-load process that talks to the orchestrator over IPC: it posts `ready` with its URL
 * once serving, answers `usage` with its CPU time and event-loop utilisation so far, runs `job`s (the load
 * generator), and on `close` stops serving and exits normally (so that `--cpu-prof` writes its profile).
 */
import { performance } from 'node:perf_hooks';

export interface Usage {
  /** user + system CPU time since start, µs */
  cpuUs: number;
  /** event-loop idle and active time since start, ms */
  idle: number;
  active: number;
}

export type ToChild = { type: 'usage'; id: number } | { type: 'close' } | { type: 'job'; id: number; job: unknown };
export type FromChild =
  | { type: 'ready'; url: string; pid: number; info: string }
  | { type: 'usage'; id: number; usage: Usage }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'failed'; message: string };

function send(m: FromChild): void {
  process.send?.(m);
}

export function usage(): Usage {
  const c = process.cpuUsage();
  const e = performance.eventLoopUtilization();
  return { cpuUs: c.user + c.system, idle: e.idle, active: e.active };
}

export interface Served {
  url: string;
  /** what this process is, for the report */
  info: string;
  close(): Promise<void>;
  job?: (job: unknown) => Promise<unknown>;
}

/** Start serving, report ready, then answer the orchestrator until `close`. */
export async function runChild(start: () => Promise<Served>): Promise<void> {
  let served: Served;
  try {
    served = await start();
  } catch (e) {
    send({ type: 'failed', message: (e as Error).stack ?? String(e) });
    process.exit(2);
  }
  process.on('message', (m: ToChild) => {
    if (m.type === 'usage') send({ type: 'usage', id: m.id, usage: usage() });
    else if (m.type === 'job' && served.job) {
      served.job(m.job).then(
        (result) => send({ type: 'result', id: m.id, result }),
        (e: unknown) => send({ type: 'failed', message: (e as Error).stack ?? String(e) }),
      );
    } else if (m.type === 'close') {
      void served.close().finally(() => process.exit(0));
    }
  });
  // the orchestrator is gone: do not linger
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: served.url, pid: process.pid, info: served.info });
}

/** Listen on 127.0.0.1, a free port. */
export function listen(server: import('node:http').Server): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
