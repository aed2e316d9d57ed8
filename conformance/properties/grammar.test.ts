import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamScript } from '../arbitraries/stream-script.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { errorsOnly } from '../checkers/violation.js';
import { decodeSSEEvents } from '../scenarios/client-stream-events.js';
import { DIRECTIONS } from './directions.js';
import { params } from './runs.js';
import { eventsToSSE } from './sse-bytes.js';
import { translateBytes } from './translate-events.js';

// Every translated stream obeys the client format's grammar, as bytes on the wire.
describe('grammar of translated streams', () => {
  for (const d of DIRECTIONS) {
    test.prop([streamScript(d.shape)], params())(`${d.upstream} -> ${d.client}`, async (s) => {
      const out = await translateBytes(d.upstream, d.client, [eventsToSSE(d.upstream, d.render(s))], d.options);
      const { events, problems } = decodeSSEEvents(d.client, out);
      expect(problems).toEqual([]);
      const check = d.client === 'anthropic-messages' ? checkAnthropicStream : checkOpenAIChunks;
      // OpenAI-side reasoning has no signature and crosswire never invents one: a thinking block made from
      // reasoning_content is signature-less by design, the one rule of a genuine Anthropic stream it cannot meet
      const excused = (rule: string) => d.upstream === 'openai-chat' && rule === 'thinking-signature';
      expect(errorsOnly(check(events)).filter((v) => !excused(v.rule))).toEqual([]);
    });
  }
});
