import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateResponse } from '../../src/translate/translate.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { COUNTS_CACHE_WRITES, usageTotals } from './read-usage-totals.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

// Every prompt token (uncached + cache reads + cache writes), every output token and the cache reads survive the
// translation, in the response and in the stream; cache writes too when both formats count them apart; a format's
// own total is prompt + output.
describe('usage totals are preserved', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(
      `${d.name} (response and stream)`,
      (s) => {
        if (d.upstream === 'openai-chat' && s.openaiUsage === 'none') return; // nothing to preserve
        const events = d.render(s);
        const response = translateResponse(d.upstream, d.client, d.foldUpstream(events).message, d.options).body;
        const streamed = d.foldClient(translateEvents(d.upstream, d.client, events, d.options)).message;
        const prompt = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
        const keepsWrites = COUNTS_CACHE_WRITES.has(d.upstream) && COUNTS_CACHE_WRITES.has(d.client);
        for (const [where, body] of [
          ['response', response],
          ['stream', streamed],
        ] as const) {
          const got = usageTotals(d.client, body);
          const expected: Record<string, unknown> = { where, prompt, output: s.usage.output, read: s.usage.cacheRead };
          if (keepsWrites) expected.write = s.usage.cacheWrite;
          if (got.total !== undefined) expected.total = prompt + s.usage.output;
          const actual: Record<string, unknown> = { where, prompt: got.prompt, output: got.output, read: got.read };
          if (keepsWrites) actual.write = got.write;
          if (got.total !== undefined) actual.total = got.total;
          expect(actual).toEqual(expected);
        }
      },
      timeout(),
    );
  }
});
