import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformanceCommand } from '../../conformance/cli/index.js';
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

  it('unknown commands and options are usage errors (exit 101, outside the failure-count range)', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(USAGE_ERROR);
    expect(c.err.join('\n')).toContain('unknown command');
    const d = capture();
    expect(await main(['conformance', '--bogus'], d.io, COMMANDS)).toBe(USAGE_ERROR);
    expect(d.err.join('\n')).toContain('bogus');
    expect(await main(['conformance', '--upstream', 'maybe'], capture().io, COMMANDS)).toBe(USAGE_ERROR);
    expect(await main(['conformance', '--upstream', 'real'], capture().io, COMMANDS)).toBe(USAGE_ERROR);
  });

  it('conformance with no matching scenario says so and exits 101', async () => {
    const c = capture();
    const empty = mkdtempSync(join(tmpdir(), 'cw-empty-'));
    expect(await main(['conformance', '--fixtures', empty, '--out', join(empty, 'r')], c.io, COMMANDS)).toBe(
      USAGE_ERROR,
    );
    expect(c.err.join('\n')).toContain('no scenarios matched');
    expect(c.out.join('\n')).toContain('report.html');
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
