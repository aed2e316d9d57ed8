/**
 * `npm run build` (and `prepack`): the package's dist/.
 *
 * 1. `tsc -p tsconfig.build.json`: the entries of package.json "exports" and the CLI, with everything they import,
 *    as ES modules with declarations and source maps. tsc rather than a bundler: it keeps one file per module, so
 *    an application's bundler drops what it does not import ("sideEffects": false), it writes the `.d.ts` files, and
 *    it needs nothing beyond the TypeScript the repository already uses.
 * 2. Declarations no entry's declarations reach are removed (the generated zod validators' types run to megabytes
 *    and no public type names them).
 * 3. The scenario catalog (`fixtures/`) as one JSON file, `dist/catalog.json`, for `crosswire conformance`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogOf } from '../conformance/scenarios/load-scenarios.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The `.d.ts` files the declarations of `entries` import, directly or not. */
function reachableDeclarations(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      queue.push(resolve(dirname(file), m[1]!.replace(/\.js$/, '.d.ts')));
    }
  }
  return seen;
}

/** The declaration files of package.json "exports" (`types` conditions). */
function entryDeclarations(): string[] {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { types?: string }>;
  };
  return Object.values(manifest.exports)
    .map((v) => (typeof v === 'string' ? undefined : v.types))
    .filter((t): t is string => t !== undefined)
    .map((t) => resolve(ROOT, t));
}

function main(): void {
  const started = performance.now();
  rmSync(DIST, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);

  const entries = entryDeclarations();
  const missing = entries.filter((e) => !existsSync(e));
  if (missing.length > 0) throw new Error(`exports name declarations tsc did not write: ${missing.join(', ')}`);
  const keep = reachableDeclarations(entries);
  let removed = 0;
  for (const f of files(DIST)) {
    if (f.endsWith('.d.ts') && !keep.has(f)) {
      rmSync(f);
      removed++;
    }
  }

  const catalog = catalogOf();
  writeFileSync(join(DIST, 'catalog.json'), JSON.stringify(catalog));
  const all = files(DIST);
  const bytes = all.reduce((n, f) => n + statSync(f).size, 0);
  console.log(
    `dist/: ${all.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB (${keep.size} declarations kept, ${removed} ` +
      `unreachable removed; ${Object.keys(catalog.scenarios).length} scenarios in ${relative(ROOT, join(DIST, 'catalog.json'))}) ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main();
