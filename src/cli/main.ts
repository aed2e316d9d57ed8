import { join } from 'node:path';
import type { Command, Io } from './command.js';
import { packageDir, packageVersion } from './package-info.js';

/** Exit code for usage and start-up errors (`conformance`: 0 = every check passed, 1 = some failed). */
export const USAGE_ERROR = 2;

/** The usage text; `docs` is the folder of the documentation that ships with the package. */
export function helpText(docs: string): string {
  return `crosswire: translate between LLM wire formats, and prove it

usage:
  crosswire serve [--config FILE] [--port N] [--host H]
      run the reference gateway (Anthropic, OpenAI Chat, Gemini, Bedrock and Vertex clients; see gateway.md)
  crosswire mock-providers [--port N] [--host H] [--api-key KEY]
      serve the strict mock providers (Anthropic, OpenAI, Gemini, Bedrock, Vertex) on loopback, and print
      their URLs and the environment that points \`crosswire serve\` at them
  crosswire conformance [--gateway URL] [--compare meaning|exact] [--upstream mocks|real]
                        [--preset crosswire|portkey|litellm|ccr]
                        [--model-template '{provider},{model}'] [--only TEXT[,TEXT]]
                        [--provider NAME[,NAME]] [--format FORMAT[,FORMAT]] [--out DIR]
                        [--header 'name: value']... [--mock-port N] [--timeout MS] [--fixtures DIR]
                        [--print-config]
      run the scenario catalog; no --gateway: against the reference gateway in-process, fully offline.
      checks are judged by meaning (what the client's SDK and the provider make of it; --compare exact: bytes);
      writes report.json, junit.xml and report.html into --out (default reports/), findings first.
      a gateway configured by file must point its providers at 127.0.0.1:N, run with --mock-port N;
      --print-config prints that file for the preset (ccr, litellm) and exits.
      exit code 0 = every check passed, 1 = some failed, ${USAGE_ERROR} = usage or start-up error
  crosswire --version

documentation (installed with the package):
  ${join(docs, 'gateway.md')}
  ${join(docs, 'conformance-cli.md')}
  ${join(docs, 'conformance-mocks.md')}`;
}

export type { Command, Io } from './command.js';

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** The commands of the CLI layer itself, each loaded when it is asked for (`--version` and `help` load nothing). */
const BUILT_IN: Readonly<Record<string, Command>> = {
  serve: async (args, io) => (await import('./serve-command.js')).runServeCommand(args, io),
};

/**
 * Run the CLI; resolves to the exit code. Long-running commands (`serve`) resolve when stopped.
 * `commands` adds the commands of the layers beside the CLI (`conformance`, `mock-providers` from
 * `conformance/cli`): the CLI never imports them; `bin/crosswire.mjs` registers them.
 */
export async function main(
  argv: readonly string[],
  io: Io = stdio,
  commands: Readonly<Record<string, Command>> = {},
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const table = { ...commands, ...BUILT_IN };
    if (command !== undefined && Object.hasOwn(table, command)) return await table[command]!(rest, io);
    switch (command) {
      case '--version':
      case '-v':
      case 'version':
        io.out(packageVersion());
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(helpText(join(packageDir(), 'docs')));
        return command === undefined ? USAGE_ERROR : 0;
      default:
        io.err(`crosswire: unknown command "${command}"\n\n${helpText(join(packageDir(), 'docs'))}`);
        return USAGE_ERROR;
    }
  } catch (e) {
    io.err(`crosswire ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return USAGE_ERROR;
  }
}
