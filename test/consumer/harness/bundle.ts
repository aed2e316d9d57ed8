import { gzipSync } from 'node:zlib';
import type { EsbuildApi } from './tools.js';

export interface BundleSize {
  minified: number;
  gzip: number;
  /** the heaviest contributors (package or folder), bytes in the minified output */
  heaviest: Array<{ from: string; bytes: number }>;
}

/** The package (or the package's own folder) an input file of the bundle comes from. */
function origin(input: string): string {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return parts.slice(0, -1).join('/') || input;
  const name = parts[at + 1]?.startsWith('@') ? parts.slice(at + 1, at + 3).join('/') : (parts[at + 1] ?? input);
  if (name !== 'crosswire') return name;
  return `crosswire/${parts.slice(at + 2, -1).join('/')}`;
}

/** `esbuild --bundle --platform=neutral --format=esm --minify` of `entry`; size of the output, raw and gzip. */
export async function bundleSize(esbuild: EsbuildApi, cwd: string, entry: string): Promise<BundleSize> {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: cwd,
    bundle: true,
    platform: 'neutral',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = result.outputFiles?.[0];
  if (!out) throw new Error(`esbuild wrote no output for ${entry}`);
  const byOrigin = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      byOrigin.set(origin(input), (byOrigin.get(origin(input)) ?? 0) + bytesInOutput);
    }
  }
  const heaviest = [...byOrigin]
    .map(([from, bytes]) => ({ from, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
  return { minified: out.contents.length, gzip: gzipSync(out.contents, { level: 9 }).length, heaviest };
}

/** esbuild's failure (a thrown BuildFailure) as readable text: its first errors. */
export function describeBuildFailure(error: unknown): string {
  const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> })
    .errors;
  if (!errors) return error instanceof Error ? error.message : String(error);
  const shown = errors
    .slice(0, 6)
    .map((e) => `  ${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
  return `${errors.length} bundling error(s):\n${shown.join('\n')}${errors.length > 6 ? '\n  …' : ''}`;
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
