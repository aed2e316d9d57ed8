import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Lockfile, lockfileProblems } from './check-lockfile.js';

const lock = JSON.parse(readFileSync(join(import.meta.dirname, '../../package-lock.json'), 'utf8')) as Lockfile;

describe('package-lock.json installs with npm ci on every platform', () => {
  it('the committed lockfile has every dependency, every platform package included, with its integrity', () => {
    expect(lockfileProblems(lock)).toEqual([]);
    // the platform packages of the native tools are there for other systems than this one
    for (const p of ['@biomejs/cli-darwin-arm64', '@biomejs/cli-win32-x64', '@esbuild/linux-arm64'])
      expect(lock.packages[`node_modules/${p}`]?.integrity, p).toMatch(/^sha512-/);
  });

  it('finds a platform package npm left out, a nested dependency resolved too high, a missing hash', () => {
    const broken: Lockfile = structuredClone(lock);
    delete broken.packages['node_modules/@biomejs/cli-darwin-arm64'];
    const esbuild = Object.keys(broken.packages).find((k) => k.endsWith('node_modules/esbuild'))!;
    broken.packages[esbuild] = { ...broken.packages[esbuild], integrity: undefined };
    broken.packages['node_modules/nested-parent'] = {
      version: '1.0.0',
      integrity: 'sha512-x',
      dependencies: { 'no-such-child': '1' },
    };
    const problems = lockfileProblems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        'node_modules/@biomejs/biome: optional dependency @biomejs/cli-darwin-arm64 is not in the lockfile',
        `${esbuild}: no integrity hash`,
        'node_modules/nested-parent: dependency no-such-child is not in the lockfile',
      ]),
    );
    expect(problems).toHaveLength(3);
  });
});
