import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_DIR } from './paths.js';
import { runOk } from './run.js';

export interface PackedFile {
  path: string;
  size: number;
}

export interface ConsumerProject {
  /** the consumer app's folder (outside the repository), with crosswire installed from the tarball */
  dir: string;
  /** the temp folder holding the tarball and the app */
  root: string;
  tarball: string;
  /** what `npm pack` packed */
  packed: { files: PackedFile[]; size: number; unpackedSize: number; entryCount: number };
  /** the installed package's package.json */
  manifest: Record<string, unknown> & { version: string };
  packMs: number;
  installMs: number;
}

interface NpmPackEntry {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: PackedFile[];
}

/** `npm pack --json` prints the report last; lifecycle scripts (a `prepack` build) may print before it. */
function parsePackJson(stdout: string): NpmPackEntry {
  const start = stdout.search(/^\[/m);
  if (start < 0) throw new Error(`npm pack printed no JSON report:\n${stdout.slice(-2000)}`);
  const entries = JSON.parse(stdout.slice(start)) as NpmPackEntry[];
  const entry = entries[0];
  if (!entry) throw new Error('npm pack reported no package');
  return entry;
}

/**
 * `npm pack` the package in `packageDir`, then, in a new temp folder outside the repository, install the tarball
 * into a fresh app as a user would (`npm install ./crosswire-x.y.z.tgz`) and copy the app's files beside it.
 */
export async function createConsumerProject(packageDir: string): Promise<ConsumerProject> {
  const root = mkdtempSync(join(tmpdir(), 'crosswire-consumer-'));
  const dir = join(root, 'app');
  mkdirSync(dir);

  const packStarted = performance.now();
  const pack = await runOk('npm', ['pack', '--json', '--pack-destination', root], {
    cwd: packageDir,
    timeoutMs: 600_000,
  });
  const packMs = performance.now() - packStarted;
  const entry = parsePackJson(pack.stdout);
  const tarball = join(root, entry.filename);

  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2)}\n`,
  );
  for (const name of readdirSync(APP_DIR, { recursive: true, withFileTypes: true })) {
    if (!name.isFile()) continue;
    const rel = join(name.parentPath, name.name).slice(APP_DIR.length + 1);
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    copyFileSync(join(APP_DIR, rel), join(dir, rel));
  }

  const installStarted = performance.now();
  await runOk('npm', ['install', tarball, '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 600_000 });
  const installMs = performance.now() - installStarted;
  const manifest = JSON.parse(
    readFileSync(join(dir, 'node_modules', 'crosswire', 'package.json'), 'utf8'),
  ) as ConsumerProject['manifest'];

  return {
    dir,
    root,
    tarball,
    packed: { files: entry.files, size: entry.size, unpackedSize: entry.unpackedSize, entryCount: entry.entryCount },
    manifest,
    packMs,
    installMs,
  };
}
