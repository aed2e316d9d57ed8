import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { translateResponse } from '../../src/translate/translate.js';
import { streamScript } from '../arbitraries/stream-script.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { translateEvents } from './translate-events.js';

// Folding the translated stream gives the translated response of the folded upstream stream.
describe('stream equals non-stream', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(
      d.name,
      (s) => {
        const upstreamEvents = d.render(s);
        const viaStream = d.foldClient(translateEvents(d.upstream, d.client, upstreamEvents, d.options));
        expect(viaStream.error).toBeUndefined();
        expect(viaStream.complete).toBe(true);
        const viaResponse = translateResponse(
          d.upstream,
          d.client,
          d.foldUpstream(upstreamEvents).message,
          d.options,
        ).body;
        const streamed = d.project(viaStream.message);
        const whole = d.project(viaResponse);
        if (d.upstream === 'openai-chat' && s.openaiUsage === 'none') {
          // no usage upstream: neither side can know it, so usage is not compared
          delete streamed.usage;
          delete whole.usage;
        }
        expect(streamed).toEqual(whole);
      },
      timeout(),
    );
  }
});
