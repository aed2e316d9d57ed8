/**
 * `npm run spec:drift -- --upstream <file|url> --api anthropic-messages|openai-chat|openai-responses [--ours <file>] [--json] [--verbose]`
 *
 * Compares our `spec/` document with an official spec for the operations we model and prints what upstream has
 * that we lack (schemas, properties, union members, enum values), every conflict, and coverage figures.
 * Exit code: 0 without conflicts, 1 with conflicts, 2 on a usage or load error.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIS, isApiId } from './spec-drift/apis.js';
import { isConflict } from './spec-drift/findings.js';
import { formatReport, reportToJson } from './spec-drift/format-report.js';
import { loadSpec } from './spec-drift/load-spec.js';
import { runDrift } from './spec-drift/run-drift.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

const USAGE =
  'usage: spec-drift --upstream <file|url> --api anthropic-messages|openai-chat|openai-responses [--ours <file>] [--json] [--verbose]';

interface Args {
  upstream?: string;
  api?: string;
  ours?: string;
  json: boolean;
  verbose: boolean;
}

function parseArgs(argv: readonly string[]): Args | string {
  const args: Args = { json: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--upstream') args.upstream = value();
    else if (flag === '--api') args.api = value();
    else if (flag === '--ours') args.ours = value();
    else if (flag === '--json') args.json = true;
    else if (flag === '--verbose' || flag === '-v') args.verbose = true;
    else return `unknown argument: ${a}`;
  }
  return args;
}

/** Runs the check; returns the exit code. Output goes through `write` (stdout) and `writeError` (stderr). */
export async function main(
  argv: readonly string[],
  write: (text: string) => void = (t) => process.stdout.write(`${t}\n`),
  writeError: (text: string) => void = (t) => process.stderr.write(`${t}\n`),
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string' || !args.upstream || !args.api || !isApiId(args.api)) {
    writeError(typeof args === 'string' ? `${args}\n${USAGE}` : USAGE);
    return 2;
  }
  const api = APIS[args.api];
  const oursPath = args.ours ?? resolve(ROOT, api.ours);
  const started = performance.now();
  let report: ReturnType<typeof runDrift>;
  try {
    const [ours, upstream] = await Promise.all([loadSpec(oursPath), loadSpec(args.upstream)]);
    report = runDrift(ours, upstream, api.operations);
  } catch (err) {
    writeError(`spec-drift: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const ms = Math.round(performance.now() - started);
  if (args.json) write(JSON.stringify(reportToJson(report), null, 2));
  else
    write(
      formatReport(report, {
        title: `spec drift (${api.id}): ours ${oursPath} vs upstream ${args.upstream} (${ms} ms)`,
        verbose: args.verbose,
      }),
    );
  return report.findings.some(isConflict) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
