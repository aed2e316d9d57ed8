#!/usr/bin/env node
// The crosswire CLI. Installed from npm, it runs the built JavaScript (dist/). In a checkout of the repository
// (src/ is there), it runs the TypeScript sources through tsx, a devDependency, so no build comes first.
import { existsSync } from 'node:fs';

const checkout = existsSync(new URL('../src/cli/main.ts', import.meta.url));
if (checkout) (await import('tsx/esm/api')).register();
const { runCli } = await import(checkout ? './cli.ts' : '../dist/bin/cli.js');
process.exitCode = await runCli(process.argv.slice(2));
