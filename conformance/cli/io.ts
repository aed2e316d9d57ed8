/** Where a command writes, as the crosswire CLI hands it (`src/cli/command.ts`; conformance does not import the CLI). */
export type Io = { out: (s: string) => void; err: (s: string) => void };
