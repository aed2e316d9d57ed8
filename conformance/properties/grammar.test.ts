import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamScript } from '../arbitraries/stream-script.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { errorsOnly } from '../checkers/violation.js';
import { decodeSSEEvents } from '../scenarios/client-stream-events.js';
import { DIRECTIONS } from './directions.js';
import { params, timeout } from './runs.js';
import { eventsToSSE } from './sse-bytes.js';
import { translateBytes } from './translate-events.js';

// Every translated stream obeys the client format's grammar, as bytes on the wire.
describe('grammar of translated streams', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(`${d.upstream} -> ${d.client}`, async (s) => {
      const out = await translateBytes(d.upstream, d.client, [eventsToSSE(d.upstream, d.render(s))], d.options);
      const { events, problems } = decodeSSEEvents(d.client, out);
      expect(problems).toEqual([]);
      // OpenAI-side reasoning has no signature and crosswire never invents one
      const allowUnsignedThinking = d.upstream === 'openai-chat';
      const violations = d.client === 'anthropic-messages' ? checkAnthropicStream(events, { allowUnsignedThinking }) : checkOpenAIChunks(events);
      expect(errorsOnly(violations)).toEqual([]);
    }, timeout());
  }
});
