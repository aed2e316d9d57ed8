#!/usr/bin/env node
// The crosswire CLI. Installed from npm, it runs the built JavaScript (dist/). In a checkout of the repository
// (src/ is there, and tsx, a devDependency), it runs the TypeScript sources through tsx, so no build comes first.
import { existsSync } from 'node:fs';

let entry = '../dist/bin/cli.js';
if (existsSync(new URL('../src/cli/main.ts', import.meta.url))) {
  try {
    (await import('tsx/esm/api')).register();
    entry = './cli.ts';
  } catch {
    // sources without tsx: the build
  }
}
const { runCli } = await import(entry);
process.exitCode = await runCli(process.argv.slice(2));
