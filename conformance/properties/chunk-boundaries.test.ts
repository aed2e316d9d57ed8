import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { splitBytes, translateBytes } from './translate-events.js';
import { eventsToBytes, isSSEFormat } from './wire-bytes.js';

const cuts = fc.oneof(
  fc.array(fc.nat({ max: 4000 }), { maxLength: 30 }),
  // every byte its own chunk: every cut inside a UTF-8 character, an SSE line end and a binary frame's prelude,
  // headers, payload and CRCs is hit
  fc.constant('every-byte' as const),
);

// Any split of the upstream bytes gives identical client bytes.
describe('chunk-boundary invariance', () => {
  for (const d of DIRECTIONS) {
    // CRLF line ends are legal SSE and split across chunks differently (CR | LF); binary frames have no line ends
    const crlf = isSSEFormat(d.upstream) ? fc.boolean() : fc.constant(false);
    test.prop([streamScript(d.shape), cuts, crlf], params(0.5))(
      d.name,
      async (s, at, withCRLF) => {
        const bytes = await eventsToBytes(d.upstream, d.render(s), { crlf: withCRLF });
        const whole = await translateBytes(d.upstream, d.client, [bytes], d.options);
        const positions =
          at === 'every-byte'
            ? Array.from({ length: bytes.length }, (_, i) => i)
            : at.map((c) => c % (bytes.length + 1));
        const split = await translateBytes(d.upstream, d.client, splitBytes(bytes, positions), d.options);
        expect(Buffer.from(split).toString('hex')).toBe(Buffer.from(whole).toString('hex'));
      },
      timeout(0.5),
    );
  }
});
