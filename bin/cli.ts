/**
 * The composition root of the crosswire CLI: the CLI layer's own commands (`src/cli`) with the commands of
 * conformance/ beside it (`conformance`, `mock-providers`), each loaded only when it is asked for.
 * `bin/crosswire.mjs` runs it.
 */
import type { Command } from '../src/cli/command.js';

const conformance = () => import('../conformance/cli/index.js');

const COMMANDS: Readonly<Record<string, Command>> = {
  conformance: async (args, io) => (await conformance()).runConformanceCommand(args, io),
  'mock-providers': async (args, io) => (await conformance()).runMockProvidersCommand(args, io),
};

/** Run the CLI with `argv` (without the node and script paths); resolves to the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const { main } = await import('../src/cli/main.js');
  return main(argv, undefined, COMMANDS);
}
