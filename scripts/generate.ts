/**
 * `npm run generate`: writes `generated/<format>/` for every spec in `scripts/specs.ts`:
 *   - `types.gen.ts`, `zod.gen.ts`, `index.ts`  (@hey-api/openapi-ts: `@hey-api/typescript` + `zod`; discriminated
 *     `oneOf`s in `zod.gen.ts` are then rewritten to `z.discriminatedUnion`, see generate-discriminated-unions.ts)
 *   - `paths.gen.ts`                             (openapi-typescript, `defaultNonNullable: false`)
 *
 * `npm run generate:check` (`--check`): generates into a temporary folder and compares it with `generated/`;
 * exits 1 and lists the stale, missing and extra files when they differ. Nothing in `generated/` is touched.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { rewriteDiscriminatedUnions } from './generate-discriminated-unions.js';
import { SPECS, type SpecEntry } from './specs.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const GENERATED = join(ROOT, 'generated');

/** Writes `<outRoot>/<format>/` for every spec. */
export async function generateAll(outRoot: string, specs: readonly SpecEntry[] = SPECS): Promise<void> {
  // One hey-api call with one job per spec (it runs them together); openapi-typescript alongside.
  await Promise.all([
    createClient(
      specs.map((s) => ({
        input: join(ROOT, s.spec),
        output: { path: join(outRoot, s.format), module: { extension: '.js' as const }, clean: true },
        plugins: ['@hey-api/typescript' as const, 'zod' as const],
        logs: { level: 'silent' as const, file: false },
      })),
    ),
    ...specs.map(async (s) => {
      const ast = await openapiTS(new URL(`file://${join(ROOT, s.spec)}`), { defaultNonNullable: false });
      return { s, text: COMMENT_HEADER + astToString(ast) };
    }),
  ]).then(async ([, ...paths]) => {
    // Written after hey-api, which cleans its output folder first.
    for (const { s, text } of paths) {
      await writeFile(join(outRoot, s.format, 'paths.gen.ts'), text);
      const zodFile = join(outRoot, s.format, 'zod.gen.ts');
      await writeFile(zodFile, rewriteDiscriminatedUnions(await readFile(zodFile, 'utf8')));
    }
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p));
    }
  }
  await walk(dir);
  return out.sort();
}

/** Compares a fresh generation with `generated/`; returns the differing files (relative to `generated/`). */
export async function findStaleFiles(specs: readonly SpecEntry[] = SPECS): Promise<string[]> {
  const tmp = await mkdtemp(join(tmpdir(), 'crosswire-generate-'));
  try {
    await generateAll(tmp, specs);
    const stale: string[] = [];
    for (const s of specs) {
      const fresh = await listFiles(join(tmp, s.format));
      const current = await listFiles(join(GENERATED, s.format));
      for (const f of new Set([...fresh, ...current])) {
        const a = fresh.includes(f) ? await readFile(join(tmp, s.format, f), 'utf8') : undefined;
        const b = current.includes(f) ? await readFile(join(GENERATED, s.format, f), 'utf8') : undefined;
        if (a === undefined) stale.push(`${s.format}/${f} (not generated any more)`);
        else if (b === undefined) stale.push(`${s.format}/${f} (missing)`);
        else if (a !== b) stale.push(`${s.format}/${f}`);
      }
    }
    return stale;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  if (process.argv.includes('--check')) {
    const stale = await findStaleFiles();
    if (stale.length > 0) {
      console.error(`generated/ is stale; run \`npm run generate\`. Differing files:\n  ${stale.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`generated/ is up to date (${SPECS.length} spec(s), ${Math.round(performance.now() - started)} ms)`);
    return;
  }
  await generateAll(GENERATED);
  console.log(
    `generated ${SPECS.map((s) => `generated/${s.format}/`).join(', ')} in ${Math.round(performance.now() - started)} ms`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
