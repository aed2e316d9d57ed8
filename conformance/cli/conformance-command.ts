import { parseArgs } from 'node:util';
import { formatMatrix } from '../runner/format-matrix.js';
import type { Preset } from '../runner/live-exchange.js';
import { runConformance } from '../runner/run-conformance.js';
import type { Io } from './io.js';

const PRESETS: readonly Preset[] = ['crosswire', 'portkey', 'litellm'];

function parseHeaders(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(':');
    if (i <= 0) throw new Error(`--header must look like 'name: value', got '${h}'`);
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

/** `crosswire conformance`: run the catalog, print progress and the matrix, write the reports. */
export async function runConformanceCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      gateway: { type: 'string' },
      upstream: { type: 'string', default: 'mocks' },
      preset: { type: 'string' },
      only: { type: 'string' },
      provider: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string', default: 'reports' },
      header: { type: 'string', multiple: true, default: [] },
      'mock-port': { type: 'string' },
      timeout: { type: 'string' },
      fixtures: { type: 'string' },
      color: { type: 'boolean', default: Boolean(process.stdout.isTTY) },
    },
  });
  if (values.upstream !== 'mocks' && values.upstream !== 'real')
    throw new Error(`--upstream must be mocks or real, got ${values.upstream}`);
  const preset = (values.preset ?? 'crosswire') as Preset;
  if (!PRESETS.includes(preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
  const num = (v: string | undefined, what: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number, got ${v}`);
    return n;
  };
  const run = await runConformance({
    gateway: values.gateway,
    upstream: values.upstream,
    preset,
    only: values.only,
    provider: values.provider,
    format: values.format,
    out: values.out,
    headers: parseHeaders(values.header),
    mockPort: num(values['mock-port'], '--mock-port'),
    timeoutMs: num(values.timeout, '--timeout'),
    fixturesDir: values.fixtures,
    progress: io.out,
  });
  io.out('');
  io.out(formatMatrix(run.report, { color: values.color }));
  io.out('');
  io.out('reports:');
  io.out(`  ${run.paths.json}`);
  io.out(`  ${run.paths.junit}`);
  io.out(`  ${run.paths.html}`);
  if (run.report.summary.total === 0) {
    io.err('no scenarios matched (check --only / --provider / --format and the fixtures directory)');
    return 101;
  }
  return Math.min(run.failures, 100);
}
