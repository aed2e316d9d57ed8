import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * `crosswire/media` (src/media/index.ts) is web-standard: it bundles with `--platform=neutral` with no Node module,
 * and pulls in nothing from src but core and media. Its Node side (node.ts) is the only file that may use `node:`.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, '..');

async function bundle(entry: string) {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    metafile: true,
    logLevel: 'silent',
    external: ['node:*'],
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile as Metafile };
}

describe('crosswire/media bundle', () => {
  it('index.ts: no node: import, only src/core, src/wire and src/media files', async () => {
    const { code, metafile } = await bundle('index.ts');
    expect(Object.values(metafile.outputs)[0]!.imports).toEqual([]);
    expect(code).not.toMatch(/\bnode:|\brequire\s*\(|\bBuffer\b|\bprocess\./);
    const dirs = new Set(
      Object.keys(metafile.inputs).map((i) => path.relative(src, path.resolve(i)).split(path.sep)[0]),
    );
    expect([...dirs].sort()).toEqual(['core', 'media', 'wire']);
    expect(Object.keys(metafile.inputs).some((i) => i.endsWith('node.ts'))).toBe(false);
  });

  it('node.ts: the Node side is the one with node: imports', async () => {
    const { metafile } = await bundle('node.ts');
    const imports = Object.values(metafile.outputs)[0]!
      .imports.map((i) => i.path)
      .sort();
    expect(imports).toEqual(['node:dns/promises', 'node:http', 'node:https', 'node:stream']);
  });
});
