import type { PairTranslator } from './pair.js';

/**
 * Every direct translation crosswire has. Pairs not listed are composed through
 * `anthropic-messages` by `translate.ts`. Add a pair here when you add its folder.
 */
export const PAIRS: readonly PairTranslator[] = [
  // one line per direction, imported from ./<from>--<to>/ (or the folder of the unordered pair)
];
