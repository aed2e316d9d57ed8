import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, run } from './run.js';

/** The consumer's flags: strict, and the strict extras that a library's types most often break. */
const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noPropertyAccessFromIndexSignature: true,
  noUncheckedIndexedAccess: true,
  // check crosswire's .d.ts too: a published declaration must hold under the consumer's flags
  skipLibCheck: false,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  // no ambient @types: the translators' types must stand on web-standard types alone
  types: [],
};

export type Resolution = 'nodenext' | 'bundler';

const MODULE: Record<Resolution, { module: string; moduleResolution: string }> = {
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
};

/** Write `tsconfig.<name>.json` in the app folder checking `files` under `resolution`; returns its path. */
export function writeTsconfig(dir: string, name: string, resolution: Resolution, files: string[]): string {
  const path = join(dir, `tsconfig.${name}.json`);
  writeFileSync(path, `${JSON.stringify({ compilerOptions: { ...STRICT, ...MODULE[resolution] }, files }, null, 2)}\n`);
  return path;
}

export interface Diagnostic {
  file: string;
  line: number;
  code: string;
  message: string;
}

export interface TscRun {
  run: RunResult;
  diagnostics: Diagnostic[];
  /** CPU time of the tsc process (user + system), ms */
  cpuMs: number;
}

const CPU_TIME = fileURLToPath(new URL('./cpu-time.cjs', import.meta.url));

/** `tsc -p <tsconfig>` with the host node; diagnostics parsed from `--pretty false` output; its CPU time. */
export async function tsc(tscScript: string, dir: string, tsconfig: string): Promise<TscRun> {
  const r = await run(process.execPath, ['--require', CPU_TIME, tscScript, '-p', tsconfig, '--pretty', 'false'], {
    cwd: dir,
    timeoutMs: 300_000,
  });
  const cpu = /^crosswire-consumer-cpu-ms (\d+)$/m.exec(r.stderr);
  if (!cpu) throw new Error(`tsc did not report its CPU time\n${r.stderr.slice(-1000)}`);
  const diagnostics: Diagnostic[] = [];
  for (const line of r.stdout.split('\n')) {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (m) diagnostics.push({ file: m[1]!, line: Number(m[2]), code: m[3]!, message: m[4]! });
    else if (/^error (TS\d+): /.test(line))
      diagnostics.push({ file: '', line: 0, code: line.slice(6, line.indexOf(':')), message: line });
  }
  return { run: r, diagnostics, cpuMs: Number(cpu[1]) };
}

/** The first diagnostics, one a line, with a count by file. */
export function describeDiagnostics(diagnostics: readonly Diagnostic[], shown = 8): string {
  const byFile = new Map<string, number>();
  for (const d of diagnostics) {
    const file = d.file.replace(/^.*node_modules\//, 'node_modules/');
    byFile.set(file, (byFile.get(file) ?? 0) + 1);
  }
  const files = [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 6);
  return [
    `${diagnostics.length} error(s) in ${byFile.size} file(s): ${files.map(([f, n]) => `${f} (${n})`).join(', ')}`,
    ...diagnostics
      .slice(0, shown)
      .map(
        (d) =>
          `  ${d.file.replace(/^.*node_modules\//, 'node_modules/')}(${d.line}): ${d.code} ${d.message.slice(0, 200)}`,
      ),
  ].join('\n');
}
