import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/consumer/ */
export const CONSUMER_TEST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(CONSUMER_TEST_DIR, '../..');
/** The files copied into the consumer project (a user's app). */
export const APP_DIR = join(CONSUMER_TEST_DIR, 'app');
/** Pinned tools of the test (bun, deno, workerd, node 20/22/24, esbuild, typescript), installed on first use. */
export const TOOLS_DIR = join(CONSUMER_TEST_DIR, 'tools');
/** A tiny package shaped like the built crosswire: the harness's own self-test. */
export const STAND_IN_DIR = join(CONSUMER_TEST_DIR, 'stand-in');

/**
 * The package under test: the repository (default), the stand-in (`CROSSWIRE_CONSUMER_TARGET=stand-in`), or a
 * folder given by path.
 */
export function targetDir(): string {
  const target = process.env.CROSSWIRE_CONSUMER_TARGET ?? 'repo';
  if (target === 'repo') return REPO_DIR;
  if (target === 'stand-in') return STAND_IN_DIR;
  return resolve(target);
}
