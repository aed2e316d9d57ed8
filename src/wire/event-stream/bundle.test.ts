import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The codec bundles for any JavaScript runtime (docs/event-stream.md#runtime): esbuild with
 * `--platform=neutral`, ESM, minified, nothing external, no Node module, no Buffer.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const FILES = ['crc32.ts', 'message.ts', 'frame-reader.ts'];

async function bundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    platform: 'neutral',
    format: 'esm',
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0]!;
  return { result, code: file.text, bytes: file.contents, metafile: result.metafile as Metafile };
}

const inputs = (metafile: Metafile) =>
  Object.keys(metafile.inputs)
    .map((i) => path.basename(i))
    .filter((i) => i !== 'entry.ts')
    .sort();

describe('event-stream codec bundle', () => {
  it('builds with platform neutral: no errors, no warnings, only the three files, no imports left', async () => {
    const { result, code, bytes, metafile } = await bundle(
      FILES.map((f) => `export * from './${f.replace(/\.ts$/, '.js')}';`).join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(inputs(metafile)).toEqual([...FILES].sort());
    const output = Object.values(metafile.outputs)[0]!;
    expect(output.imports).toEqual([]);
    expect(code).not.toMatch(/node:/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/\bprocess\b/);
    const gzip = gzipSync(bytes).length;
    console.log(
      `event-stream codec (crc32 + message + frame-reader), esbuild --platform=neutral --minify: ${bytes.length} B, ${gzip} B gzip`,
    );
    expect(bytes.length).toBeLessThan(12_000);
  });

  it('the bundle runs on its own: encode, read back through the frame reader', async () => {
    const { code } = await bundle(FILES.map((f) => `export * from './${f.replace(/\.ts$/, '.js')}';`).join('\n'));
    const mod = (await import(
      `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
    )) as typeof import('./frame-reader.js') & typeof import('./message.js') & typeof import('./crc32.js');
    expect(mod.crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const frame = mod.encodeMessage({
      headers: { ':event-type': { type: 'string', value: 'messageStop' }, n: { type: 'long', value: -1n } },
      body: new TextEncoder().encode('{}'),
    });
    const reader = mod.createEventStreamFrameReader();
    const r = reader.push(frame);
    expect(r.frames).toHaveLength(1);
    expect(mod.headerString(r.frames[0]!.message, ':event-type')).toBe('messageStop');
    expect(r.frames[0]!.message.headers.n).toEqual({ type: 'long', value: -1n });
  });

  it('tree-shakes: crc32 alone leaves the message code out, decodeMessage alone leaves the reader out', async () => {
    const crcOnly = await bundle(`export { crc32 } from './crc32.js';`);
    expect(inputs(crcOnly.metafile)).toEqual(['crc32.ts']);
    expect(crcOnly.code).not.toMatch(/TextDecoder|TextEncoder/);
    const decodeOnly = await bundle(`export { decodeMessage } from './message.js';`);
    expect(decodeOnly.code).not.toMatch(/inside a frame/);
    expect(decodeOnly.code).toMatch(/TextDecoder/);
    expect(crcOnly.bytes.length).toBeLessThan(decodeOnly.bytes.length);
  });
});
