import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InstalledPackage {
  name: string;
  version: string;
  /** where, relative to the app's node_modules */
  path: string;
  /** bytes on disk of the package's own files (nested node_modules not counted) */
  bytes: number;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' && entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

/** Every package under `nodeModules`, nested ones included (npm's layout; `.bin` and dot folders skipped). */
export function installedPackages(nodeModules: string, prefix = ''): InstalledPackage[] {
  if (!existsSync(nodeModules)) return [];
  const out: InstalledPackage[] = [];
  const visit = (dir: string, rel: string) => {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) return;
    const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    out.push({ name: name ?? rel, version: version ?? '?', path: rel, bytes: folderBytes(dir) });
    out.push(...installedPackages(join(dir, 'node_modules'), `${rel}/node_modules/`));
  };
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || !entry.isDirectory()) continue;
    if (entry.name.startsWith('@')) {
      for (const scoped of readdirSync(join(nodeModules, entry.name), { withFileTypes: true })) {
        if (scoped.isDirectory())
          visit(join(nodeModules, entry.name, scoped.name), `${prefix}${entry.name}/${scoped.name}`);
      }
    } else {
      visit(join(nodeModules, entry.name), `${prefix}${entry.name}`);
    }
  }
  return out;
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
