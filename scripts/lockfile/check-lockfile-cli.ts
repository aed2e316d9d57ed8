/** `npm run lint:lockfile`: fails when package-lock.json would not install with `npm ci` on every platform. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Lockfile, lockfileProblems } from './check-lockfile.js';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
const problems = lockfileProblems(lock);
if (problems.length > 0) {
  console.error(`package-lock.json: ${problems.length} problem(s)\n  ${problems.slice(0, 40).join('\n  ')}`);
  process.exit(1);
}
console.log(`package-lock.json: ${Object.keys(lock.packages).length - 1} packages, complete for every platform`);
