/**
 * The commands conformance/ adds to the crosswire CLI. conformance sits beside the CLI on top of the layers, so
 * neither imports the other: `bin/crosswire.mjs` registers these with `main(argv, io, commands)`.
 */
export { runConformanceCommand } from './conformance-command.js';
export { runMockProvidersCommand } from './mock-providers-command.js';
