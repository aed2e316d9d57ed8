import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { TOOLS_DIR } from './paths.js';
import { runOk } from './run.js';

/** What the harness uses of esbuild's API (esbuild is installed in tools/, not in the project). */
export interface EsbuildApi {
  build(options: {
    entryPoints: string[];
    absWorkingDir: string;
    bundle: true;
    platform: 'neutral';
    format: 'esm';
    minify: boolean;
    write: boolean;
    outfile?: string;
    metafile: true;
    logLevel: 'silent';
  }): Promise<{
    outputFiles?: Array<{ path: string; contents: Uint8Array }>;
    metafile: { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };
  }>;
}

export interface Tools {
  /** Node binaries by major version label (20 is the engines floor, 20.19.0) */
  node: { '20': string; '22': string; '24': string };
  bun: string;
  deno: string;
  workerd: string;
  /** `tsc` as a script to run with the host node */
  tsc: string;
  esbuild: EsbuildApi;
  versions: Record<string, string>;
  /** ms spent installing the tools in this run (0 when they were already there) */
  installMs: number;
}

const STAMP = join(TOOLS_DIR, 'node_modules', '.consumer-tools-stamp');

function lockHash(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(TOOLS_DIR, 'package.json')));
  hash.update(readFileSync(join(TOOLS_DIR, 'package-lock.json')));
  return hash.digest('hex');
}

function must(path: string): string {
  if (!existsSync(path))
    throw new Error(`consumer tools: ${path} is missing after install (its install script did not run?)`);
  return path;
}

/**
 * Install the pinned tools into test/consumer/tools/node_modules (`npm ci`) unless the installed copy matches
 * the lockfile, then locate each binary.
 */
export async function ensureTools(): Promise<Tools> {
  const started = performance.now();
  let installMs = 0;
  const hash = lockHash();
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== hash) {
    await runOk('npm', ['ci', '--no-audit', '--no-fund'], { cwd: TOOLS_DIR, timeoutMs: 600_000 });
    writeFileSync(STAMP, hash);
    installMs = performance.now() - started;
  }
  const nm = join(TOOLS_DIR, 'node_modules');
  const require = createRequire(join(TOOLS_DIR, 'package.json'));
  const version = (name: string): string =>
    (JSON.parse(readFileSync(join(nm, name, 'package.json'), 'utf8')) as { version: string }).version;
  const deno = existsSync(join(nm, 'deno', 'deno')) ? join(nm, 'deno', 'deno') : must(join(nm, 'deno', 'bin.cjs'));
  return {
    node: {
      '20': must(join(nm, 'node20/bin/node')),
      '22': must(join(nm, 'node22/bin/node')),
      '24': must(join(nm, 'node24/bin/node')),
    },
    bun: must(join(nm, 'bun/bin/bun.exe')),
    deno,
    workerd: must(join(nm, 'workerd/bin/workerd')),
    tsc: must(join(nm, 'typescript/bin/tsc')),
    esbuild: require('esbuild') as EsbuildApi,
    versions: Object.fromEntries(
      ['bun', 'deno', 'esbuild', 'node20', 'node22', 'node24', 'typescript', 'workerd'].map((n) => [n, version(n)]),
    ),
    installMs,
  };
}
