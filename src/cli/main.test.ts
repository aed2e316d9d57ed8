import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformanceCommand } from '../../conformance/cli/index.js';
import { serveFetch } from '../gateway/node/serve.js';
import { main, USAGE_ERROR } from './main.js';

/** The commands bin/crosswire.mjs registers from conformance/ (the CLI layer does not import them). */
const COMMANDS = { conformance: runConformanceCommand };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

describe('crosswire CLI', () => {
  it('help prints usage and exits 0; no command is a usage error', async () => {
    const c = capture();
    expect(await main(['help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('crosswire conformance');
    expect(await main([], capture().io)).toBe(USAGE_ERROR);
  });

  it('--version prints the version of package.json', async () => {
    const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const c = capture();
      expect(await main([flag], c.io)).toBe(0);
      expect(c.out).toEqual([manifest.version]);
    }
  });

  it('help points at documentation files that exist and that the package ships (package.json "files")', async () => {
    const c = capture();
    expect(await main(['--help'], c.io)).toBe(0);
    const docs = c.out
      .join('\n')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.endsWith('.md') && isAbsolute(l));
    expect(docs.length).toBeGreaterThan(0);
    const root = resolve(import.meta.dirname, '../..');
    const { files } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[] };
    for (const doc of docs) {
      expect(existsSync(doc), doc).toBe(true);
      const path = relative(root, doc);
      expect(files.includes('docs/*.md') && /^docs\/[^/]+\.md$/.test(path), path).toBe(true);
      expect(files.includes(`!${path}`), `${path} is left out of the package`).toBe(false);
    }
  });

  it('unknown commands and options are usage errors (exit 2)', async () => {
    expect(USAGE_ERROR).toBe(2);
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(USAGE_ERROR);
    expect(c.err.join('\n')).toContain('unknown command');
    const d = capture();
    expect(await main(['conformance', '--bogus'], d.io, COMMANDS)).toBe(USAGE_ERROR);
    expect(d.err.join('\n')).toContain('bogus');
    expect(await main(['conformance', '--upstream', 'maybe'], capture().io, COMMANDS)).toBe(USAGE_ERROR);
    expect(await main(['conformance', '--upstream', 'real'], capture().io, COMMANDS)).toBe(USAGE_ERROR);
  });

  it('conformance with no matching scenario says so and exits 2', async () => {
    const c = capture();
    const empty = mkdtempSync(join(tmpdir(), 'cw-empty-'));
    expect(await main(['conformance', '--fixtures', empty, '--out', join(empty, 'r')], c.io, COMMANDS)).toBe(
      USAGE_ERROR,
    );
    expect(c.err.join('\n')).toContain('no scenarios matched');
    expect(c.out.join('\n')).toContain('report.html');
  });

  it('conformance exits 0 when every check passes, 1 when some fail', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cw-exit-'));
    const pass = capture();
    expect(
      await main(
        ['conformance', '--only', 'anthropic-messages--openai-chat/text', '--out', join(out, 'a')],
        pass.io,
        COMMANDS,
      ),
    ).toBe(0);
    expect(pass.out.join('\n')).toMatch(/checks: (\d+) passed, 0 failed/);
    // a gateway that offers no route: nothing could be graded, and that is a verdict (1), not a start-up error
    const gw = await serveFetch(async () => new Response('no such route', { status: 404 }));
    try {
      const none = capture();
      expect(
        await main(
          [
            'conformance',
            '--gateway',
            gw.url,
            '--only',
            'anthropic-messages--openai-chat/text',
            '--out',
            join(out, 'b'),
          ],
          none.io,
          COMMANDS,
        ),
      ).toBe(1);
      expect(none.out.join('\n')).toMatch(/0 checks: 0 passed, 0 failed, 0 skipped; 1 scenario not offered/);
      expect(none.out.join('\n')).toContain('offers none of the selected routes');
    } finally {
      await gw.close();
    }
  });

  it('conformance: a bad --model-template is a usage error; --provider and --format take lists', async () => {
    const c = capture();
    expect(await main(['conformance', '--model-template', '{provider}'], c.io, COMMANDS)).toBe(USAGE_ERROR);
    expect(c.err.join('\n')).toContain('must contain {model}');
    const out = mkdtempSync(join(tmpdir(), 'cw-list-'));
    const d = capture();
    const args = [
      'conformance',
      '--only',
      '/text',
      '--provider',
      'openai,gemini',
      '--provider',
      'bedrock',
      '--format',
      'anthropic',
      '--out',
      out,
    ];
    expect(await main(args, d.io, COMMANDS)).toBe(0);
    const ran = d.out.filter((l) => /^\[\d+\/\d+\]/.test(l));
    expect(ran.length).toBeGreaterThan(0);
    for (const l of ran) expect(l).toMatch(/ anthropic-messages--(openai-chat|gemini|bedrock-invoke)\//);
  });

  it('conformance --print-config prints the gateway config file for the preset and the --mock-port', async () => {
    const c = capture();
    expect(
      await main(
        [
          'conformance',
          '--preset',
          'ccr',
          '--mock-port',
          '8799',
          '--gateway',
          'http://127.0.0.1:8791',
          '--print-config',
        ],
        c.io,
        COMMANDS,
      ),
    ).toBe(0);
    const config = JSON.parse(c.out.join('\n')) as { PORT: number; Providers: { api_base_url: string }[] };
    expect(config.PORT).toBe(8791);
    expect(config.Providers.map((p) => new URL(p.api_base_url).port)).toEqual(['8799', '8799', '8799']);
    const noPort = capture();
    expect(await main(['conformance', '--preset', 'ccr', '--print-config'], noPort.io, COMMANDS)).toBe(USAGE_ERROR);
    expect(noPort.err.join('\n')).toContain('--mock-port');
    const portkey = capture();
    expect(
      await main(['conformance', '--preset', 'portkey', '--mock-port', '8799', '--print-config'], portkey.io, COMMANDS),
    ).toBe(USAGE_ERROR);
    expect(portkey.err.join('\n')).toContain('needs no config file');
  });

  it('bin/crosswire.mjs runs the CLI through tsx', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/crosswire.mjs');
    const result = await new Promise<{ code: number | null; stdout: string }>((done) => {
      execFile(process.execPath, [bin, 'help'], { timeout: 20_000 }, (error, stdout) =>
        done({ code: error ? (error.code as number) : 0, stdout }),
      );
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('usage:');
  });
});
