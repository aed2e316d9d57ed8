import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `npm run lint:deps` (dependency-cruiser with .dependency-cruiser.cjs) fails on each kind of violation:
 * a small tree with one planted violation per rule is checked with the repository's own config.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

const TREE: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'planted',
    type: 'module',
    dependencies: {},
    devDependencies: { vitest: '*' },
  }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
  }),
  // allowed: each layer imports the layers below it
  'src/core/errors.ts': 'export class E extends Error {}\n',
  'src/wire/sse.ts': "import { E } from '../core/errors.js';\nexport const w = E;\n",
  'src/formats/openai-chat/codec.ts': "import { w } from '../../wire/sse.js';\nexport const c = w;\n",
  'src/pairs/pair.ts': 'export interface P { x: number }\n',
  'src/pairs/a--b/index.ts':
    "import type { P } from '../pair.js';\nimport { c } from '../../formats/openai-chat/codec.js';\nexport const p: P = { x: c ? 1 : 0 };\n",
  'src/pairs/a--c/index.ts': 'export const q = 1;\n',
  'src/translate/translate.ts': "import { p } from '../pairs/a--b/index.js';\nexport const t = p;\n",
  'src/gateway/config.ts': "import { t } from '../translate/translate.js';\nexport const g = t;\n",
  'src/cli/main.ts': "import { g } from '../gateway/config.js';\nexport const m = g;\n",
  'test/support/drain.ts': 'export const d = 1;\n',
  'conformance/index.ts': "import { t } from '../src/translate/translate.js';\nexport const k = t;\n",
  'src/core/errors.test.ts':
    "import { d } from '../../test/support/drain.js';\nimport { m } from '../cli/main.js';\nexport const x = [d, m];\n",
};

/** One planted violation per rule: file -> content, and the rule that must fire. */
const PLANTED: { rule: string; file: string; content: string }[] = [
  {
    rule: 'layer-core',
    file: 'src/core/up.ts',
    content: "import { g } from '../gateway/config.js';\nexport const u = g;\n",
  },
  {
    rule: 'layer-formats',
    file: 'src/formats/openai-chat/up.ts',
    content: "import { t } from '../../translate/translate.js';\nexport const u = t;\n",
  },
  {
    rule: 'no-pair-to-pair',
    file: 'src/pairs/a--b/other.ts',
    content: "import { q } from '../a--c/index.js';\nexport const u = q;\n",
  },
  {
    rule: 'src-not-to-conformance-or-test',
    file: 'src/gateway/helper.ts',
    content: "import { d } from '../../test/support/drain.js';\nexport const u = d;\n",
  },
  {
    rule: 'conformance-beside-cli',
    file: 'conformance/runner.ts',
    content: "import { m } from '../src/cli/main.js';\nexport const u = m;\n",
  },
  {
    rule: 'no-dev-deps-in-src',
    file: 'src/translate/dev.ts',
    content: "import { expect } from 'vitest';\nexport const u = expect;\n",
  },
  {
    rule: 'package-runs-without-dev-deps',
    file: 'conformance/runner/dev.ts',
    content: "import { expect } from 'vitest';\nexport const u = expect;\n",
  },
  {
    rule: 'web-standard-library',
    file: 'src/pairs/a--b/fs.ts',
    content: "import { readFileSync } from 'node:fs';\nexport const u = readFileSync;\n",
  },
  {
    rule: 'no-cycles',
    file: 'src/core/cycle-a.ts',
    content: "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
  },
];
const CYCLE_PARTNER = {
  file: 'src/core/cycle-b.ts',
  content: "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
};

let dir: string;

function write(root: string, files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), content);
  }
}

function lintDeps(cwd: string): Promise<{ code: number; rules: string[] }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, 'src', 'conformance', 'test', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err'],
      { cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // `npm run lint:deps` prints one `error <rule>: <from> → <to>` line per violation and exits non-zero
        const rules = [...`${stdout}${stderr}`.matchAll(/^\s*error ([\w-]+):/gm)].map((m) => m[1]!);
        done({ code: error ? Number(error.code) : 0, rules });
      },
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-lint-deps-'));
  write(dir, TREE);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('lint:deps (.dependency-cruiser.cjs)', () => {
  it('passes a tree whose layers point one way (tests may import anything)', { timeout: 120_000 }, async () => {
    const r = await lintDeps(dir);
    expect(r.rules).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('fails on each planted violation, naming its rule', { timeout: 120_000 }, async () => {
    const planted = Object.fromEntries(PLANTED.map((p) => [p.file, p.content]));
    write(dir, { ...planted, [CYCLE_PARTNER.file]: CYCLE_PARTNER.content });
    const r = await lintDeps(dir);
    expect(r.code).not.toBe(0);
    for (const p of PLANTED) expect(r.rules, p.rule).toContain(p.rule);
  });
});
