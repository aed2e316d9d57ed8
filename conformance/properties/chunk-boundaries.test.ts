import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { eventsToSSE } from './sse-bytes.js';
import { splitBytes, translateBytes } from './translate-events.js';

const cuts = fc.oneof(
  fc.array(fc.nat({ max: 4000 }), { maxLength: 30 }),
  // every byte its own chunk: every cut inside a UTF-8 character and an SSE line end is hit
  fc.constant('every-byte' as const),
);

// Any split of the upstream bytes gives identical client bytes.
describe('chunk-boundary invariance', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape), cuts, fc.boolean()], params(0.5))(`${d.upstream} -> ${d.client}`, async (s, at, crlf) => {
      let bytes = eventsToSSE(d.upstream, d.render(s));
      // CRLF line ends are legal SSE and split across chunks differently (CR | LF)
      if (crlf) bytes = new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/\n/g, '\r\n'));
      const whole = await translateBytes(d.upstream, d.client, [bytes], d.options);
      const positions = at === 'every-byte' ? Array.from({ length: bytes.length }, (_, i) => i) : at.map((c) => c % (bytes.length + 1));
      const split = await translateBytes(d.upstream, d.client, splitBytes(bytes, positions), d.options);
      expect(new TextDecoder().decode(split)).toBe(new TextDecoder().decode(whole));
      expect(split).toEqual(whole);
    }, timeout(0.5));
  }
});
