import type { Command, Io } from './command.js';
import { runServeCommand } from './serve-command.js';

/** Exit code for usage and start-up errors (`conformance`: 0 = every check passed, 1 = some failed). */
export const USAGE_ERROR = 2;

export const HELP = `crosswire: translate between LLM wire formats, and prove it

usage:
  crosswire serve [--config FILE] [--port N] [--host H]
      run the reference gateway (POST /v1/messages, /v1/messages/count_tokens, /v1/chat/completions)
  crosswire mock-providers [--port N]
      start the strict mock providers on loopback and print their URLs
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

docs: docs/gateway.md, docs/conformance-cli.md`;

export type { Command, Io } from './command.js';

const stdio: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** The commands of the CLI layer itself. */
const BUILT_IN: Readonly<Record<string, Command>> = { serve: runServeCommand };

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
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? USAGE_ERROR : 0;
      default:
        io.err(`crosswire: unknown command "${command}"\n\n${HELP}`);
        return USAGE_ERROR;
    }
  } catch (e) {
    io.err(`crosswire ${command}: ${e instanceof Error ? e.message : String(e)}`);
    return USAGE_ERROR;
  }
}
