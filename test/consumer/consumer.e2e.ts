// The consumer test (issue 12): crosswire as a user gets it. `npm pack` the package, install the tarball into a
// fresh app in a temp folder outside the repository, and use it from every runtime, TypeScript, a bundler and
// the CLI. Run with `npm run test:consumer`; README.md beside this file says what each check means.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { chatRequest, messagesResponse, messagesStream } from './app/scenario.mjs';
import { type BundleSize, bundleSize, describeBuildFailure, kb } from './harness/bundle.js';
import { createConsumerProject } from './harness/consumer-project.js';
import { expectScenario, scenarioOutput } from './harness/expect-translations.js';
import { installedPackages, mb } from './harness/installed.js';
import { REPO_DIR, targetDir } from './harness/paths.js';
import { cleanEnv, describeRun, once, type RunResult, run } from './harness/run.js';
import { ensureTools } from './harness/tools.js';
import { describeDiagnostics, type Resolution, type TscRun, tsc, writeTsconfig } from './harness/typescript.js';
import { freePort, startWorkerd, writeWorkerdConfig } from './harness/workerd.js';

/**
 * Issue 12's targets. Its 60 KB for every format's translators was set for the six formats of the time; the seventh,
 * OpenAI Responses (the largest pair: its whole event grammar, both ways), adds about 20 KB gzip, so the budget for
 * all seven was 80 KB. Gemini grounding <-> Claude's web search, both ways in answers and streams, added 2.8 KB
 * (shared code and wire trims took 2 KB back: 81 KB measured on 2026-12-06), so the budget is 84 KB (a server that needs fewer formats imports only
 * their pairs: `crosswire/pairs/*`).
 */
const TARGET = {
  allTranslatorsGzip: 84 * 1024,
  onePairRequestGzip: 10 * 1024,
  tscAddedMs: 1000,
  conformanceFirstLineMs: 1000,
};
/** What a translator-only install must not pull in. */
const NOT_FOR_TRANSLATORS = ['tsx', 'esbuild', 'gpt-tokenizer', 'hono', '@hono/node-server', 'msw'];
/** Internals the root entry must not export (issue 12's examples). */
const INTERNALS = ['LossCollector', 'childPath', 'route', 'SSEParser', 'translateStreamWith'];
const CONFORMANCE_SCENARIO = 'openai-chat--anthropic-messages/stream-text';
/** Measurements are taken as the best of this many runs (the machine is shared; the best is the least disturbed). */
const TIMING_RUNS = 3;

const tools = once(ensureTools);
const project = once(() => createConsumerProject(targetDir()));
const figures: Record<string, unknown> = { target: relative(REPO_DIR, targetDir()) || '.' };

afterAll(async () => {
  const t = await tools().catch(() => undefined);
  if (t) figures.tools = { versions: t.versions, installMs: Math.round(t.installMs) };
  const c = await project().catch(() => undefined);
  if (c) {
    figures.pack = {
      ms: Math.round(c.packMs),
      files: c.packed.entryCount,
      size: c.packed.size,
      unpackedSize: c.packed.unpackedSize,
    };
    figures.installMs = Math.round(c.installMs);
    if (process.env.CROSSWIRE_CONSUMER_KEEP === '1') console.log(`consumer app kept in ${c.dir}`);
    else rmSync(c.root, { recursive: true, force: true });
  }
  mkdirSync(join(REPO_DIR, 'reports'), { recursive: true });
  const out = join(REPO_DIR, 'reports', 'consumer-figures.json');
  writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`consumer test figures (${relative(REPO_DIR, out)}):\n${JSON.stringify(figures, null, 2)}`);
});

/** Run a file of the app with a runtime; the scenario's JSON is its last stdout line. */
async function runApp(
  label: string,
  command: string,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Promise<{ r: RunResult; output: unknown }> {
  const c = await project();
  const r = await run(command, args, { cwd: c.dir, env: cleanEnv(extraEnv), timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(describeRun(`${label} ${args.join(' ')}`, r));
  return { r, output: scenarioOutput(r.stdout) };
}

describe(`crosswire as a user installs it (package: ${relative(REPO_DIR, targetDir()) || 'the repository'})`, () => {
  test('tarball: ships LICENSE, README and package.json; no tests, bench, scripts, CI or repo configs', async () => {
    const c = await project();
    const paths = c.packed.files.map((f) => f.path);
    const unwanted = paths.filter(
      (p) =>
        /\.test(-d)?\.[cm]?[jt]sx?$/.test(p) ||
        /^(bench|scripts|\.ci|test|reports)\//.test(p) ||
        /^(biome|redocly|vitest\.config|tsconfig)[.]/.test(p),
    );
    const summary = `${c.packed.entryCount} files, ${kb(c.packed.size)} packed, ${kb(c.packed.unpackedSize)} unpacked`;
    expect(paths.filter((p) => /^(LICENSE|README\.md|package\.json)$/.test(p)).sort(), `tarball (${summary})`).toEqual([
      'LICENSE',
      'README.md',
      'package.json',
    ]);
    expect(
      unwanted.length,
      `tarball (${summary}) ships what users do not need, e.g.:\n  ${unwanted.slice(0, 10).join('\n  ')}`,
    ).toBe(0);
  });

  test('package.json: every exports entry has a types condition, ./package.json is exported, sideEffects is false', async () => {
    const { manifest } = await project();
    const exportsMap = manifest.exports;
    expect(typeof exportsMap === 'object' && exportsMap !== null, 'an exports map').toBe(true);
    const entries = Object.entries(exportsMap as Record<string, unknown>);
    const untyped = entries
      .filter(
        ([key, value]) =>
          key !== './package.json' && !(typeof value === 'object' && value !== null && 'types' in value),
      )
      .map(([key]) => key);
    expect(untyped, 'entries without a types condition').toEqual([]);
    expect((exportsMap as Record<string, unknown>)['./package.json'], './package.json exported').toBe('./package.json');
    expect(manifest.sideEffects, 'sideEffects').toBe(false);
  });

  test('translator-only install: no tsx, esbuild, gpt-tokenizer, hono, @hono/node-server or msw in node_modules', async () => {
    const c = await project();
    const packages = installedPackages(join(c.dir, 'node_modules'));
    const total = packages.reduce((n, p) => n + p.bytes, 0);
    figures.nodeModules = {
      packages: packages.length,
      bytes: total,
      list: packages.map((p) => `${p.path}@${p.version} ${kb(p.bytes)}`),
    };
    const listing = packages
      .sort((a, b) => b.bytes - a.bytes)
      .map((p) => `${p.path}@${p.version} ${mb(p.bytes)}`)
      .join(', ');
    const unwanted = packages
      .filter((p) => NOT_FOR_TRANSLATORS.includes(p.name) || p.name.startsWith('@esbuild/'))
      .map((p) => `${p.name}@${p.version}`);
    expect(unwanted, `node_modules: ${packages.length} packages, ${mb(total)}: ${listing}`).toEqual([]);
  });

  const esmOutput = new Map<string, unknown>();
  for (const version of ['20', '22', '24'] as const) {
    const label = version === '20' ? 'node 20.19.0 (the engines floor)' : `node ${version}`;
    test(`${label}: import { translateRequest } from 'crosswire' runs the translations`, async () => {
      const node = (await tools()).node[version];
      const { r, output } = await runApp(`node ${version}`, node, ['app.mjs']);
      figures[`node${version}EsmMs`] = Math.round(r.ms);
      expectScenario(output);
      esmOutput.set(version, output);
    });
    test(`${label}: require('crosswire') (require(esm)) gives the same result`, async () => {
      const node = (await tools()).node[version];
      const { output } = await runApp(`node ${version}`, node, ['app.cjs']);
      expectScenario(output);
      if (esmOutput.has(version)) expect(output).toEqual(esmOutput.get(version));
    });
  }

  test('root entry: exports the translate functions and no internals (LossCollector, childPath, route, SSEParser, translateStreamWith)', async () => {
    const c = await project();
    const r = await run(
      (await tools()).node['22'],
      ['--input-type=module', '-e', "console.log(JSON.stringify(Object.keys(await import('crosswire'))))"],
      {
        cwd: c.dir,
      },
    );
    if (r.code !== 0) throw new Error(describeRun("import('crosswire')", r));
    const names = JSON.parse(r.stdout.trim()) as string[];
    figures.rootExports = names.length;
    expect(names).toEqual(
      expect.arrayContaining([
        'translateRequest',
        'translateResponse',
        'translateStream',
        'createStreamTranslator',
        'TranslationError',
      ]),
    );
    expect(
      names.filter((n) => INTERNALS.includes(n)),
      `the root exports ${names.length} names`,
    ).toEqual([]);
  });

  test("crosswire/conformance: loads without the package's devDependencies", async () => {
    const c = await project();
    const r = await run(
      (await tools()).node['22'],
      ['--input-type=module', '-e', "console.log(Object.keys(await import('crosswire/conformance')).length)"],
      { cwd: c.dir },
    );
    expect(r.code, describeRun("import('crosswire/conformance')", r)).toBe(0);
    expect(Number(r.stdout.trim()), 'crosswire/conformance exports something').toBeGreaterThan(0);
  });

  test('bun: runs the same app', async () => {
    const { r, output } = await runApp('bun', (await tools()).bun, ['--no-install', 'app.mjs']);
    figures.bunMs = Math.round(r.ms);
    expectScenario(output);
  });

  test('deno: runs the same app from node_modules, with no permissions granted', async () => {
    const c = await project();
    const { r, output } = await runApp('deno', (await tools()).deno, ['run', '--no-prompt', 'app.mjs'], {
      DENO_DIR: join(c.root, 'deno-cache'),
      DENO_NO_UPDATE_CHECK: '1',
    });
    figures.denoMs = Math.round(r.ms);
    expectScenario(output);
  });

  test('workerd: an esbuild --platform=neutral bundle of the translators answers translated bodies over loopback', async () => {
    const { esbuild, workerd } = await tools();
    const c = await project();
    try {
      await esbuild.build({
        entryPoints: ['worker.mjs'],
        absWorkingDir: c.dir,
        bundle: true,
        platform: 'neutral',
        format: 'esm',
        minify: false,
        write: true,
        outfile: join(c.dir, 'worker.js'),
        metafile: true,
        logLevel: 'silent',
      });
    } catch (error) {
      throw new Error(`esbuild --platform=neutral of the worker failed: ${describeBuildFailure(error)}`);
    }
    const port = await freePort();
    const worker = await startWorkerd(workerd, c.dir, writeWorkerdConfig(c.dir, port), port);
    try {
      const response = await fetch(worker.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chatRequest, messagesResponse, messagesStream }),
      });
      const text = await response.text();
      expect(
        response.status,
        `worker answered ${response.status}: ${text.slice(0, 2000)}\nworkerd: ${worker.output().slice(-2000)}`,
      ).toBe(200);
      expectScenario(JSON.parse(text) as unknown);
    } finally {
      await worker.stop();
    }
  });

  const typecheck = new Map<Resolution, Promise<Awaited<ReturnType<typeof tsc>>>>();
  const typecheckTyped = async (resolution: Resolution) => {
    const { tsc: tscScript } = await tools();
    const c = await project();
    if (!typecheck.has(resolution))
      typecheck.set(
        resolution,
        tsc(tscScript, c.dir, writeTsconfig(c.dir, `typed-${resolution}`, resolution, ['typed.ts'])),
      );
    return typecheck.get(resolution)!;
  };
  const TS_FLAGS = 'strict, exactOptionalPropertyTypes, noPropertyAccessFromIndexSignature, noUncheckedIndexedAccess';
  /** Errors that say the package or its types were not found: they are not the deliberate type error. */
  const NOT_FOUND = new Set(['TS2307', 'TS7016', 'TS2305', 'TS2792', 'TS2834', 'TS2835', 'TS1479']);

  for (const resolution of ['nodenext', 'bundler'] as const) {
    test(`typescript (${resolution}): correct typed calls compile with 0 errors under ${TS_FLAGS}`, async () => {
      const { run: r, diagnostics } = await typecheckTyped(resolution);
      figures[`tsc-${resolution}`] = { errors: diagnostics.length, ms: Math.round(r.ms) };
      expect(diagnostics.length, describeDiagnostics(diagnostics)).toBe(0);
      expect(r.code, describeRun('tsc', r)).toBe(0);
    });

    test(`typescript (${resolution}): a Chat body where a Messages body is required is reported`, async () => {
      const { tsc: tscScript } = await tools();
      const c = await project();
      const source = readFileSync(join(c.dir, 'type-error.ts'), 'utf8').split('\n');
      const first = source.findIndex((l) => l.includes('translateRequest(')) + 1;
      const last = source.findIndex((l, i) => i >= first && l.startsWith('});')) + 1;
      const { diagnostics } = await tsc(
        tscScript,
        c.dir,
        writeTsconfig(c.dir, `error-${resolution}`, resolution, ['type-error.ts']),
      );
      const onCall = diagnostics.filter(
        (d) => d.file.endsWith('type-error.ts') && d.line >= first && d.line <= last && !NOT_FOUND.has(d.code),
      );
      expect(
        onCall.length,
        `no type error on type-error.ts lines ${first}-${last}; tsc said: ${describeDiagnostics(diagnostics)}`,
      ).toBeGreaterThan(0);
    });
  }

  test(`typescript: crosswire adds ≤ ${TARGET.tscAddedMs} ms to the consumer's tsc (NodeNext, CPU time, best of up to ${TIMING_RUNS})`, async () => {
    const { tsc: tscScript } = await tools();
    const c = await project();
    const withCrosswire = writeTsconfig(c.dir, 'time-with', 'nodenext', ['typed.ts']);
    const without = writeTsconfig(c.dir, 'time-without', 'nodenext', ['baseline.ts']);
    const runs = { with: [] as TscRun[], without: [] as TscRun[] };
    const best = (list: TscRun[], of: (t: TscRun) => number) => Math.round(Math.min(...list.map(of)));
    const added = () => best(runs.with, (t) => t.cpuMs) - best(runs.without, (t) => t.cpuMs);
    for (let i = 0; i < TIMING_RUNS; i++) {
      runs.without.push(await tsc(tscScript, c.dir, without));
      runs.with.push(await tsc(tscScript, c.dir, withCrosswire));
      // far over the target: more runs would not change the verdict
      if (added() > 5 * TARGET.tscAddedMs) break;
    }
    const cpu = { with: best(runs.with, (t) => t.cpuMs), without: best(runs.without, (t) => t.cpuMs) };
    const wall = { with: best(runs.with, (t) => t.run.ms), without: best(runs.without, (t) => t.run.ms) };
    figures.tscMs = { cpu: { ...cpu, added: added() }, wall: { ...wall, added: wall.with - wall.without } };
    const message = `tsc CPU time: ${cpu.with} ms with crosswire, ${cpu.without} ms without (+${added()} ms); wall: ${wall.with} / ${wall.without} ms`;
    expect(added(), message).toBeLessThanOrEqual(TARGET.tscAddedMs);
  });

  const bundles: Record<string, BundleSize> = {};
  const measureBundle = async (name: string, entry: string): Promise<BundleSize> => {
    const { esbuild } = await tools();
    const c = await project();
    try {
      const size = await bundleSize(esbuild, c.dir, entry);
      bundles[name] = size;
      figures.bundles = Object.fromEntries(
        Object.entries(bundles).map(([n, s]) => [n, { minified: s.minified, gzip: s.gzip }]),
      );
      return size;
    } catch (error) {
      throw new Error(`esbuild --bundle --platform=neutral --minify ${entry} failed: ${describeBuildFailure(error)}`);
    }
  };
  const describeSize = (s: BundleSize) =>
    `${kb(s.minified)} minified, ${kb(s.gzip)} gzip; heaviest: ${s.heaviest.map((h) => `${h.from} ${kb(h.bytes)}`).join(', ')}`;

  test(`bundle: translateRequest + translateResponse + translateStream for every format ≤ ${TARGET.allTranslatorsGzip / 1024} KB gzip`, async () => {
    const size = await measureBundle('allTranslators', 'bundles/all-translators.mjs');
    expect(size.gzip, describeSize(size)).toBeLessThanOrEqual(TARGET.allTranslatorsGzip);
  });

  test(`bundle: one pair's request translator alone (crosswire/pairs/openai) ≤ ${TARGET.onePairRequestGzip / 1024} KB gzip`, async () => {
    const size = await measureBundle('onePairRequest', 'bundles/one-pair-request.mjs');
    expect(size.gzip, describeSize(size)).toBeLessThanOrEqual(TARGET.onePairRequestGzip);
  });

  test('bundle: the web-standard gateway (crosswire/gateway) bundles with --platform=neutral (size reported)', async () => {
    const size = await measureBundle('gateway', 'bundles/gateway.mjs');
    console.log(`gateway bundle: ${describeSize(size)}`);
    expect(size.minified).toBeGreaterThan(0);
  });

  test('cli: npx crosswire --version prints the package version', async () => {
    const c = await project();
    const r = await run('npx', ['--no', '--', 'crosswire', '--version'], { cwd: c.dir, timeoutMs: 60_000 });
    expect(r.code, describeRun('npx crosswire --version', r)).toBe(0);
    expect(r.stdout.trim()).toBe(c.manifest.version);
  });

  const SCENARIO_LINE = new RegExp(`^\\[1/\\d+\\] .*${CONFORMANCE_SCENARIO.replace(/[/-]/g, '\\$&')}`);
  const conformanceRuns = once(async () => {
    const c = await project();
    const runs: RunResult[] = [];
    for (let i = 0; i < TIMING_RUNS; i++) {
      const r = await run(
        join(c.dir, 'node_modules/.bin/crosswire'),
        ['conformance', '--only', CONFORMANCE_SCENARIO, '--out', join(c.root, 'reports')],
        {
          cwd: c.dir,
          timeoutMs: 120_000,
          firstLine: SCENARIO_LINE,
        },
      );
      runs.push(r);
      if (r.code !== 0) break;
    }
    return runs;
  });

  test(`cli: crosswire conformance --only ${CONFORMANCE_SCENARIO} passes from the tarball`, async () => {
    const [r] = await conformanceRuns();
    expect(r!.code, describeRun('crosswire conformance', r!)).toBe(0);
    expect(r!.stdout.split('\n').filter((l) => SCENARIO_LINE.test(l))).toEqual([expect.stringContaining('✓')]);
  });

  test(`cli: conformance start-up to the first scenario line < ${TARGET.conformanceFirstLineMs} ms of CPU time (best of ${TIMING_RUNS})`, async () => {
    const runs = await conformanceRuns();
    const seen = runs.filter((r) => r.firstLineMs !== undefined);
    expect(seen.length, `no scenario line: ${describeRun('crosswire conformance', runs[0]!)}`).toBeGreaterThan(0);
    const wall = Math.round(Math.min(...seen.map((r) => r.firstLineMs!)));
    const cpuTimes = seen.map((r) => r.firstLineCpuMs).filter((ms): ms is number => ms !== undefined);
    // CPU time where the OS tells it (a busy machine does not fail the check), else wall time
    const cpu = cpuTimes.length > 0 ? Math.min(...cpuTimes) : undefined;
    figures.conformanceFirstLineMs = { wall, cpu };
    expect(cpu ?? wall, `first scenario line after ${wall} ms (wall), ${cpu ?? '?'} ms of CPU time`).toBeLessThan(
      TARGET.conformanceFirstLineMs,
    );
  });
});
