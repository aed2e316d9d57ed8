#!/usr/bin/env node
// The crosswire CLI: runs src/cli/main.ts through tsx (no build step), with the commands of conformance/
// registered (the CLI layer does not import conformance/; they are loaded only when asked for).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const conformance = () => import('../conformance/cli/index.ts');
const commands = {
  conformance: async (args, io) => (await conformance()).runConformanceCommand(args, io),
  'mock-providers': async (args, io) => (await conformance()).runMockProvidersCommand(args, io),
};
process.exitCode = await main(process.argv.slice(2), undefined, commands);
