/**
 * What makes `npm ci` work from the committed package-lock.json on every platform: every package a locked package
 * depends on, optional platform packages included (esbuild's, biome's, rolldown's… for every OS and CPU), has an
 * entry that Node's resolution would find, with an integrity hash. npm leaves out an optional package it could not
 * fetch when it wrote the lockfile; `npm ci` on that platform then fails ("Missing: … from lock file").
 */

interface LockedPackage {
  version?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface Lockfile {
  lockfileVersion?: number;
  packages: Record<string, LockedPackage>;
}

/** The entry Node would load for `name` required from the package at `from` (`''`: the root), if locked. */
function resolveFrom(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

/** Every problem that would make `npm ci` fail on some platform, one line each. */
export function lockfileProblems(lock: Lockfile): string[] {
  const problems: string[] = [];
  if (lock.lockfileVersion !== 3) problems.push(`lockfileVersion ${lock.lockfileVersion}: npm 7+ writes 3`);
  for (const [path, p] of Object.entries(lock.packages)) {
    const where = path || '(the root)';
    if (path && !p.link && !p.integrity) problems.push(`${where}: no integrity hash`);
    for (const name of Object.keys(p.dependencies ?? {}))
      if (!resolveFrom(lock, path, name)) problems.push(`${where}: dependency ${name} is not in the lockfile`);
    for (const name of Object.keys(p.optionalDependencies ?? {}))
      if (!resolveFrom(lock, path, name)) problems.push(`${where}: optional dependency ${name} is not in the lockfile`);
    for (const name of Object.keys(p.peerDependencies ?? {})) {
      if (p.peerDependenciesMeta?.[name]?.optional || path === '') continue;
      if (!resolveFrom(lock, path, name)) problems.push(`${where}: peer dependency ${name} is not in the lockfile`);
    }
  }
  return problems;
}
