import { parseArgs } from 'node:util';
import { formatFindings, formatMatrix } from '../runner/format-matrix.js';
import { modelTemplateProblem, PRESETS, type Preset, presetConfigFile } from '../runner/presets.js';
import { runConformance } from '../runner/run-conformance.js';
import type { Io } from './io.js';

/**
 * Exit codes of `crosswire conformance`: every check passed / some failed, or no route offered at all (usage and
 * start-up errors: USAGE_ERROR). Routes not offered are reported, not failed.
 */
export const ALL_PASSED = 0;
export const SOME_FAILED = 1;

function parseHeaders(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list) {
    const i = h.indexOf(':');
    if (i <= 0) throw new Error(`--header must look like 'name: value', got '${h}'`);
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

function num(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number, got ${v}`);
  return n;
}

/** A repeatable option whose values may also be comma-separated lists: one comma-separated list, or none. */
function joinList(values: readonly string[]): string | undefined {
  return values.length ? values.join(',') : undefined;
}

/** `--print-config`: the config file the preset's gateway reads, pointed at the scenario upstream on --mock-port. */
function printConfig(preset: Preset, mockPort: number | undefined, gateway: string | undefined, io: Io): number {
  if (mockPort === undefined)
    throw new Error('--print-config needs --mock-port N (the port the scenario upstream will listen on)');
  const gatewayPort = gateway ? Number(new URL(gateway).port) || undefined : undefined;
  const file = presetConfigFile(preset, `http://127.0.0.1:${mockPort}`, gatewayPort);
  if (!file)
    throw new Error(
      `the ${preset} preset needs no config file (its gateway is pointed at the scenario upstream per request or by its own settings)`,
    );
  io.out(file.text.trimEnd());
  return ALL_PASSED;
}

/** `crosswire conformance`: run the catalog, print progress and the matrix, write the reports. */
export async function runConformanceCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      gateway: { type: 'string' },
      compare: { type: 'string', default: 'meaning' },
      upstream: { type: 'string', default: 'mocks' },
      preset: { type: 'string' },
      'model-template': { type: 'string' },
      'print-config': { type: 'boolean', default: false },
      only: { type: 'string' },
      provider: { type: 'string', multiple: true, default: [] },
      format: { type: 'string', multiple: true, default: [] },
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
  if (values.compare !== 'meaning' && values.compare !== 'exact')
    throw new Error(`--compare must be meaning or exact, got ${values.compare}`);
  const preset = (values.preset ?? 'crosswire') as Preset;
  if (!PRESETS.includes(preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
  const template = values['model-template'];
  const templateProblem = template === undefined ? undefined : modelTemplateProblem(template);
  if (templateProblem) throw new Error(`--model-template '${template}': ${templateProblem}`);
  const mockPort = num(values['mock-port'], '--mock-port');
  if (values['print-config']) return printConfig(preset, mockPort, values.gateway, io);
  const run = await runConformance({
    gateway: values.gateway,
    compare: values.compare,
    upstream: values.upstream,
    preset,
    modelTemplate: template,
    only: values.only,
    provider: joinList(values.provider),
    format: joinList(values.format),
    out: values.out,
    headers: parseHeaders(values.header),
    mockPort,
    timeoutMs: num(values.timeout, '--timeout'),
    fixturesDir: values.fixtures,
    progress: io.out,
  });
  io.out('');
  io.out(formatFindings(run.report, { color: values.color }));
  io.out('');
  io.out(formatMatrix(run.report, { color: values.color }));
  io.out('');
  io.out('reports:');
  io.out(`  ${run.paths.json}`);
  io.out(`  ${run.paths.junit}`);
  io.out(`  ${run.paths.html}`);
  if (run.report.summary.total === 0)
    throw new Error('no scenarios matched (check --only / --provider / --format and the fixtures directory)');
  if (run.nothingOffered) io.out('the gateway offers none of the selected routes: nothing could be graded');
  return run.failures === 0 && !run.nothingOffered ? ALL_PASSED : SOME_FAILED;
}
