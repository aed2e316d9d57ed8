/**
 * Installs the pinned agent packages into this folder's own node_modules on first use (`npm ci` from the
 * committed lockfile), so that the project's `npm install` stays light.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const AGENTS_DIR = dirname(fileURLToPath(import.meta.url));
export const BIN_DIR = join(AGENTS_DIR, 'node_modules', '.bin');

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The pinned versions from package.json, by package name. */
export async function pinnedVersions(): Promise<Record<string, string>> {
  const manifest = await readJson(join(AGENTS_DIR, 'package.json'));
  return (manifest?.dependencies ?? {}) as Record<string, string>;
}

/** Packages whose installed version is not the pinned one (or that are not installed). */
export async function outOfDate(): Promise<string[]> {
  const pinned = await pinnedVersions();
  const stale: string[] = [];
  for (const [name, version] of Object.entries(pinned)) {
    const installed = await readJson(join(AGENTS_DIR, 'node_modules', name, 'package.json'));
    if (installed?.version !== version) stale.push(`${name}@${version}`);
  }
  return stale;
}

export async function ensureInstalled(log: (line: string) => void): Promise<void> {
  const stale = await outOfDate();
  if (stale.length === 0) return;
  log(`agents: installing ${stale.join(', ')} into ${join('e2e', 'agents', 'node_modules')} (npm ci) ...`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: AGENTS_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`npm ci in e2e/agents failed with exit code ${code}`);
  const still = await outOfDate();
  if (still.length > 0) throw new Error(`after npm ci, still not installed: ${still.join(', ')}`);
}
