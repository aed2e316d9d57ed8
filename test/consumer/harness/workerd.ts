import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A free loopback port (bound and released; workerd binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A minimal workerd config: one ES-module worker (`worker.js` beside the config) on 127.0.0.1:port. */
export function writeWorkerdConfig(dir: string, port: number): string {
  const path = join(dir, 'workerd.capnp');
  writeFileSync(
    path,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .translator)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const translator :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
);
`,
  );
  return path;
}

export interface RunningWorkerd {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Start `workerd serve config` and wait until it answers on its port (or fail with its output). */
export async function startWorkerd(
  workerd: string,
  dir: string,
  config: string,
  port: number,
): Promise<RunningWorkerd> {
  const child = spawn(workerd, ['serve', config], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited: number | null | undefined;
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  const closed = new Promise<void>((resolveClosed) => {
    child.on('close', (code) => {
      exited = code;
      resolveClosed();
    });
  });
  const stop = async () => {
    if (exited === undefined) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await closed;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`workerd exited ${exited} before answering:\n${output.slice(-3000)}`);
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1000) });
      return { url, output: () => output, stop };
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`workerd did not answer on ${url} within 30 s:\n${output.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
