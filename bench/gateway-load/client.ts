/**
 * The load generator of the gateway bench, in its own process (its CPU is not the gateway's): node:http with a
 * keep-alive agent, `concurrency` requests in flight, each timed to its first and last body byte. A job with
 * `capture` returns one response's status and body instead (the orchestrator checks it before timing).
 */
import { Agent, request } from 'node:http';
import { runChild } from './child.js';
import type { Target } from './exchange.js';

export interface Job {
  url: string;
  target: Target;
  concurrency: number;
  requests: number;
  maxMs: number;
  capture?: boolean;
}

export interface JobResult {
  ttfb: number[];
  ttlb: number[];
  failures: number;
  /** first failure, for the report */
  failure?: string;
  ms: number;
  capture?: { status: number; body: string };
}

function one(
  agent: Agent,
  url: URL,
  t: Target,
  keep: boolean,
): Promise<{ ttfb: number; ttlb: number; status: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: t.path,
        method: 'POST',
        headers: { ...t.headers, 'content-length': String(Buffer.byteLength(t.body)) },
        agent,
      },
      (res) => {
        let ttfb = -1;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (ttfb < 0) ttfb = performance.now() - t0;
          if (keep) parts.push(c);
        });
        res.on('end', () =>
          resolve({
            ttfb,
            ttlb: performance.now() - t0,
            status: res.statusCode ?? 0,
            body: keep ? Buffer.concat(parts).toString('utf8') : undefined,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(t.body);
  });
}

async function run(job: Job): Promise<JobResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.url);
  const out: JobResult = { ttfb: [], ttlb: [], failures: 0, ms: 0 };
  const t0 = performance.now();
  if (job.capture) {
    const r = await one(agent, url, job.target, true);
    agent.destroy();
    return { ...out, capture: { status: r.status, body: r.body ?? '' } };
  }
  let started = 0;
  const lane = async () => {
    while (started < job.requests && performance.now() - t0 < job.maxMs) {
      started++;
      try {
        const r = await one(agent, url, job.target, false);
        if (r.status !== 200) throw new Error(`status ${r.status}`);
        out.ttfb.push(r.ttfb);
        out.ttlb.push(r.ttlb);
      } catch (e) {
        out.failures++;
        out.failure ??= (e as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  out.ms = performance.now() - t0;
  agent.destroy();
  return out;
}

await runChild(async () => ({
  url: '',
  info: 'load generator (node:http client, keep-alive)',
  close: async () => {},
  job: (j) => run(j as Job),
}));
