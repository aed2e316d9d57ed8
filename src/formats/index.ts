import type { FormatCodec } from './codec.js';

/** The wire codec of every format, by id. Add a format here when you add its folder. */
export const CODECS: readonly FormatCodec[] = [
  // one line per format, imported from ./<format>/codec.ts
];
