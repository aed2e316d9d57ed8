import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENTS } from './agents.js';
import { AGENTS_DIR } from './install.js';

const manifest = JSON.parse(readFileSync(join(AGENTS_DIR, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(AGENTS_DIR, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string }>;
};
const agentsReadme = readFileSync(join(AGENTS_DIR, 'README.md'), 'utf8');
const rootReadme = readFileSync(join(AGENTS_DIR, '..', '..', 'README.md'), 'utf8');

describe('the pinned agent versions', () => {
  it('are exact versions, one per agent, and the lockfile holds the same ones', () => {
    expect(Object.keys(manifest.dependencies).sort()).toEqual(AGENTS.map((a) => a.packageName).sort());
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages[`node_modules/${name}`]?.version).toBe(version);
    }
  });

  it('are the ones both READMEs name', () => {
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(agentsReadme).toContain(`\`${name}\` ${version}`);
      expect(rootReadme).toContain(` ${version}`);
    }
  });
});
