import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { streamScript } from '../arbitraries/stream-script.js';
import { checkAnthropicStream } from '../checkers/check-anthropic-stream.js';
import { checkConverseStream } from '../checkers/check-converse-stream.js';
import { checkGeminiStream } from '../checkers/check-gemini-stream.js';
import { checkOpenAIChunks } from '../checkers/check-openai-chunks.js';
import { checkResponsesStream } from '../checkers/check-responses-stream.js';
import { errorsOnly, type Violation } from '../checkers/violation.js';
import { DIRECTIONS, type Direction } from './directions.js';
import { params, timeout } from './runs.js';
import { translateBytes } from './translate-events.js';
import { bytesToEvents, eventsToBytes } from './wire-bytes.js';

/**
 * The grammar checker of a client format's stream. Bedrock Invoke and Vertex clients read Anthropic's event
 * grammar (inside `chunk` frames / as SSE). A thinking block made from OpenAI-side reasoning has no signature
 * (none exists upstream and crosswire never invents one): unsigned thinking is allowed only then.
 */
function checkerFor(d: Direction): (events: readonly unknown[]) => Violation[] {
  const unsigned = d.upstream === 'openai-chat';
  switch (d.client) {
    case 'openai-chat':
      return checkOpenAIChunks;
    case 'gemini':
      return (events) => checkGeminiStream(events, { streamedArguments: d.streamedArguments === true });
    case 'openai-responses':
      return checkResponsesStream;
    case 'bedrock-converse':
      return (events) => checkConverseStream(events, { allowUnsignedReasoning: unsigned });
    default:
      return (events) => checkAnthropicStream(events, { allowUnsignedThinking: unsigned });
  }
}

// Every translated stream obeys the client format's grammar, as bytes on the wire (decoded by the client format's codec).
describe('grammar of translated streams', () => {
  for (const d of DIRECTIONS) {
    const check = checkerFor(d);
    test.prop([streamScript(d.shape)], params())(
      d.name,
      async (s) => {
        const out = await translateBytes(
          d.upstream,
          d.client,
          [await eventsToBytes(d.upstream, d.render(s))],
          d.options,
        );
        const { events, problems } = await bytesToEvents(d.client, out);
        expect(problems).toEqual([]);
        expect(errorsOnly(check(events))).toEqual([]);
      },
      timeout(),
    );
  }
});
