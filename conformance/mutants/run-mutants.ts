/**
 * The mutant check: plant each bug of `catalogue.ts` in a copy of the tree and run the tests that should catch it.
 * The real source files are never touched.
 *
 *   npm run conformance:mutants [-- [--workers N] [--no-baseline] name ...]
 *
 * Mutants run in parallel, one per worker (default: 2, or CROSSWIRE_MUTANT_WORKERS); each worker owns its own copy of
 * the tree under `.cache/mutants/worker-<i>/`, plants one mutant, runs that mutant's listed test files in a fresh
 * vitest process, and puts the original files back before the next one — so two mutants never share a tree. The
 * verdict is its deterministic tests' (see `judge`); one property seed serves the whole run and is printed
 * (`CROSSWIRE_PROPERTY_SEED` replays it).
 * First the unmutated copy must pass every listed test (the baseline; `--no-baseline` skips it when the same files
 * just passed, as in CI right after `npm test`), or a "kill" could be a test that fails anyway.
 *
 * Prints one line per mutant and `mutants killed: N of M`; exits 1 if any mutant survives, the unmutated copy fails
 * its tests, or an anchor no longer matches.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE } from './catalogue.js';
import { applyEdits, isPropertyTest, type Mutant, RottenMutantError } from './mutant.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const WORK = join(ROOT, '.cache', 'mutants');

/**
 * One property seed for the whole run, shared by every vitest process it starts: `CROSSWIRE_PROPERTY_SEED` when set,
 * else a fresh one. It is printed, so any run can be replayed exactly. The verdicts do not hang on it: they are the
 * deterministic tests' (every mutant lists one; catalogue.test.ts checks it); the baseline and the diagnosis of a
 * survivor run the properties with it.
 */
const SEED = propertySeed(process.env.CROSSWIRE_PROPERTY_SEED);

function propertySeed(env: string | undefined): number {
  const n = Number(env);
  return env !== undefined && env !== '' && Number.isInteger(n) ? n : Math.floor(Math.random() * 0x7fffffff);
}
const COPY = [
  'src',
  'conformance',
  'fixtures',
  'generated',
  'spec',
  'test',
  'docs',
  'README.md',
  'package.json',
  'tsconfig.json',
  'vitest.config.ts',
];

/** A fresh copy of the tree (no node_modules: linked). */
function prepare(name: string): string {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const entry of COPY) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Plant `mutant` in the tree at `dir`; returns the function that puts the original files back. */
function plant(dir: string, mutant: Mutant): () => void {
  const originals = new Map<string, string>();
  const edited = applyEdits(mutant, (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    originals.set(f, text);
    return text;
  });
  for (const [file, text] of edited) writeFileSync(join(dir, file), text);
  return () => {
    for (const [file, text] of originals) writeFileSync(join(dir, file), text);
  };
}

interface RunResult {
  passed: boolean;
  output: string;
  ms: number;
}

function runTests(dir: string, tests: readonly string[], filter?: string): Promise<RunResult> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--root',
        dir,
        // the type-level project is `npm run typecheck`'s and the full suite's job
        '--project',
        'unit',
        '--project',
        'integration',
        '--bail',
        '1',
        '--reporter',
        'dot',
        ...(filter === undefined ? [] : [`--testNamePattern=${filter}`]),
        ...tests,
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          CROSSWIRE_PROPERTY_RUNS: process.env.CROSSWIRE_PROPERTY_RUNS ?? '100',
          CROSSWIRE_PROPERTY_SEED: String(SEED),
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

interface Verdict {
  killed: boolean;
  ms: number;
  /** which test killed it, or why it counts as a survivor */
  note: string;
}

/**
 * A mutant's verdict comes from its deterministic tests alone (unit tests, scenarios; run whole): killed when one fails.
 * Property tests draw random cases, so a kill by them alone is luck — a survivor on another seed. They run only when
 * the deterministic tests pass, to say whether a property would have caught it (narrowed by `filter`).
 */
async function judge(dir: string, m: Mutant): Promise<Verdict> {
  const fixed = m.tests.filter((t) => !isPropertyTest(t));
  const properties = m.tests.filter(isPropertyTest);
  if (fixed.length === 0) return { killed: false, ms: 0, note: 'it lists no deterministic test' };
  const r = await runTests(dir, fixed);
  if (!r.passed) return { killed: true, ms: r.ms, note: `by ${failedTests(r.output) || 'a failing run'}` };
  if (properties.length === 0) return { killed: false, ms: r.ms, note: 'its tests pass' };
  const p = await runTests(dir, properties, m.filter);
  return {
    killed: false,
    ms: r.ms + p.ms,
    note: p.passed
      ? 'its tests pass, its property tests too'
      : `its deterministic tests pass; only a property test fails (${failedTests(p.output)}, with this seed): give it a deterministic test that kills it`,
  };
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first failing test's name, without colors and seeds. */
function failedTests(output: string): string {
  const plain = output.replace(ANSI, '');
  const names = [...plain.matchAll(/FAIL\s+(.+)/g)].map((m) => m[1]!.replace(/\s*\(with seed=-?\d+\)/, '').trim());
  return names[0] ?? '';
}

interface Args {
  only: string[];
  workers: number;
  baseline: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = {
    only: [],
    workers: Number(process.env.CROSSWIRE_MUTANT_WORKERS) || Math.min(2, availableParallelism()),
    baseline: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--no-baseline') args.baseline = false;
    else if (a === '--workers') args.workers = Math.max(1, Number(argv[++i]) || 1);
    else if (!a.startsWith('-')) args.only.push(a);
  }
  return args;
}

/** Run `jobs` on `workers` trees, each job alone in its tree; results in job order. */
async function pool<T, R>(
  jobs: readonly T[],
  trees: readonly string[],
  run: (job: T, dir: string) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    trees.map(async (dir) => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await run(jobs[i]!, dir);
      }
    }),
  );
  return results;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const mutants = args.only.length > 0 ? CATALOGUE.filter((m) => args.only.includes(m.name)) : CATALOGUE;
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
  const started = Date.now();
  console.log(`property seed: ${SEED} (replay this run with CROSSWIRE_PROPERTY_SEED=${SEED})`);
  const workers = Math.min(args.workers, mutants.length);
  const trees = Array.from({ length: workers }, (_, i) => prepare(`worker-${i}`));
  if (args.baseline) {
    // the listed files, shared out over the workers' (still unmutated) trees
    const tests = [...new Set(mutants.flatMap((m) => m.tests))];
    const shares = trees.map((_, w) => tests.filter((_, i) => i % workers === w)).filter((s) => s.length > 0);
    const results = await pool(shares, trees, (share, dir) => runTests(dir, share));
    const failed = results.find((r) => !r.passed);
    if (failed) {
      console.error(
        `the unmutated tree fails its own tests (${failedTests(failed.output)}); fix that first\n${failed.output.slice(-3000)}`,
      );
      return 1;
    }
    const ms = Math.max(...results.map((r) => r.ms));
    console.log(`baseline: the listed tests pass on the unmutated tree (${(ms / 1000).toFixed(1)} s)`);
  }
  let killed = 0;
  await pool(mutants, trees, async (m, dir) => {
    const restore = plant(dir, m);
    let v: Verdict;
    try {
      v = await judge(dir, m);
    } finally {
      restore();
    }
    if (v.killed) killed++;
    const verdict = v.killed ? 'killed  ' : 'SURVIVED';
    console.log(
      `${verdict} ${m.name.padEnd(40)} ${(v.ms / 1000).toFixed(1).padStart(5)} s  ${m.description}\n         ${v.note}`,
    );
  });
  console.log(`(${workers} workers, ${((Date.now() - started) / 1000).toFixed(0)} s, property seed ${SEED})`);
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
