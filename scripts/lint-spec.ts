/**
 * `npm run lint:spec`: lints every spec in `scripts/specs.ts` with Redocly CLI (`redocly.yaml`, `recommended` rules).
 * Exits with Redocly's exit code (non-zero on any error).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SPECS } from './specs.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

const result = spawnSync(
  process.execPath,
  [redoclyBin, 'lint', '--config', join(ROOT, 'redocly.yaml'), ...SPECS.map((s) => s.spec)],
  {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);
process.exit(result.status ?? 1);
