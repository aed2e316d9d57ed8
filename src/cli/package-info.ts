import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The folder of the crosswire package this CLI belongs to (the repository, or `node_modules/crosswire`). */
export function packageDir(): string {
  // the package names itself: the same path from the sources and from dist/
  return dirname(createRequire(import.meta.url).resolve('crosswire/package.json'));
}

/** The package's version, from its package.json. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
