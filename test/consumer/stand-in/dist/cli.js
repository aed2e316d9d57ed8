#!/usr/bin/env node
// Stand-in (consumer-test fixture): `--version`, and `conformance --only ID` printing a scenario line.
import { readFileSync } from 'node:fs';
import { SCENARIO_IDS } from './conformance.js';

const [command, ...rest] = process.argv.slice(2);
if (command === '--version') {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  console.log(pkg.version);
} else if (command === 'conformance') {
  const only = rest[rest.indexOf('--only') + 1] ?? '';
  const ids = SCENARIO_IDS.filter((id) => id.includes(only));
  for (const [i, id] of ids.entries()) console.log(`[${i + 1}/${ids.length}] ✓ ${id}`);
  console.log(`${ids.length} scenarios`);
  process.exitCode = ids.length > 0 ? 0 : 101;
} else {
  console.error('usage: crosswire --version | crosswire conformance --only ID');
  process.exitCode = 101;
}
