/** Where a command writes: one line per call. */
export type Io = { out: (s: string) => void; err: (s: string) => void };

/** A CLI command: its arguments (after the command name) -> the exit code. */
export type Command = (args: readonly string[], io: Io) => Promise<number>;
