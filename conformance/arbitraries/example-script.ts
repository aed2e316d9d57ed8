import type { StreamScript } from './stream-script.js';

/** A hand-written script with every kind of block, for the renderers' unit tests. */
export const EXAMPLE_SCRIPT: StreamScript = {
  id: 'abc123',
  model: 'm',
  blocks: [
    { kind: 'thinking', pieces: ['a', 'b'], signature: 'sig' },
    { kind: 'text', pieces: ['Hi'] },
    { kind: 'tool', id: 'toolu_0x', name: 'f', input: { q: 1 }, fragments: ['{"q"', ':1}'] },
  ],
  stop: 'tool_use',
  stopSequence: null,
  usage: { input: 10, output: 7, cacheRead: 3, cacheWrite: 2 },
  pings: [0],
  openaiUsage: 'none',
  geminiRefusal: 'RECITATION',
  geminiCallIds: false,
  geminiStreamedArgs: false,
  converseRefusal: 'guardrail_intervened',
  converseBlockStops: 'always',
};
