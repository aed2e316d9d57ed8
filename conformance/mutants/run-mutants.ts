/**
 * The mutant check: plant each bug of `catalogue.ts` in a copy of the tree under `.cache/mutants/<name>/`
 * and run the tests that should catch it. The real source files are never touched.
 *
 *   npm run conformance:mutants [-- name ...]
 *
 * Prints one line per mutant and `mutants killed: N of M`; exits 1 if any mutant survives, the unmutated
 * copy fails its tests, or an anchor no longer matches.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from './catalogue.js';
import { applyEdits, type Mutant, RottenMutantError } from './mutant.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = join(ROOT, '.cache', 'mutants');
const COPY = [
  'src',
  'conformance',
  'fixtures',
  'generated',
  'spec',
  'test',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
];

/** A fresh copy of the tree (no node_modules: linked) with the mutant's edits applied. */
function prepare(name: string, mutant: Mutant | undefined): string {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of COPY) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (mutant) {
    for (const [file, text] of applyEdits(mutant, (f) => readFileSync(join(ROOT, f), 'utf8')))
      writeFileSync(join(dir, file), text);
  }
  return dir;
}

interface RunResult {
  passed: boolean;
  output: string;
  ms: number;
}

function runTests(dir: string, tests: readonly string[]): Promise<RunResult> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--root',
        dir,
        '--bail',
        '1',
        '--reporter',
        'dot',
        ...tests,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          CROSSWIRE_PROPERTY_RUNS: process.env.CROSSWIRE_PROPERTY_RUNS ?? '100',
          CI: 'true',
          NO_COLOR: '1',
          FORCE_COLOR: '0',
        },
      },
    );
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.on('close', (code) => done({ passed: code === 0, output, ms: Date.now() - started }));
  });
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first failing test's name, without colors and seeds. */
function failedTests(output: string): string {
  const plain = output.replace(ANSI, '');
  const names = [...plain.matchAll(/FAIL\s+(.+)/g)].map((m) => m[1]!.replace(/\s*\(with seed=-?\d+\)/, '').trim());
  return names[0] ?? '';
}

async function main(): Promise<number> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const mutants = only.length > 0 ? CATALOGUE.filter((m) => only.includes(m.name)) : CATALOGUE;
  if (mutants.length === 0) {
    console.error(`no mutants selected (known: ${CATALOGUE.map((m) => m.name).join(', ')})`);
    return 1;
  }
  // every anchor first: a rotten catalogue fails fast, before minutes of test runs
  for (const m of mutants) {
    try {
      applyEdits(m, (f) => readFileSync(join(ROOT, f), 'utf8'));
    } catch (e) {
      if (e instanceof RottenMutantError) {
        console.error(e.message);
        return 1;
      }
      throw e;
    }
  }
  const tests = [...new Set(mutants.flatMap((m) => m.tests))];
  const baseline = await runTests(prepare('_baseline', undefined), tests);
  if (!baseline.passed) {
    console.error(
      `the unmutated tree fails its own tests (${failedTests(baseline.output)}); fix that first\n${baseline.output.slice(-3000)}`,
    );
    return 1;
  }
  console.log(`baseline: tests pass on the unmutated copy (${(baseline.ms / 1000).toFixed(1)} s)`);
  let killed = 0;
  for (const m of mutants) {
    const r = await runTests(prepare(m.name, m), m.tests);
    if (!r.passed) killed++;
    const verdict = r.passed ? 'SURVIVED' : 'killed  ';
    const by = r.passed ? '' : `\n         by ${failedTests(r.output) || 'a failing run'}`;
    console.log(`${verdict} ${m.name.padEnd(40)} ${(r.ms / 1000).toFixed(1).padStart(5)} s  ${m.description}${by}`);
  }
  console.log(`mutants killed: ${killed} of ${mutants.length}`);
  if (!process.env.CROSSWIRE_KEEP_MUTANTS) rmSync(WORK, { recursive: true, force: true });
  return killed === mutants.length ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
