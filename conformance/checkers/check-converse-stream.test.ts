import { describe, expect, it } from 'vitest';
import { createBedrockConverseMock } from '../mocks/bedrock/create-bedrock-converse-mock.js';
import { decodeClientStream } from '../scenarios/client-stream-events.js';
import { checkConverseStream } from './check-converse-stream.js';
import { errorsOnly } from './violation.js';

type Event = Record<string, Record<string, unknown>>;

const delta = (i: number, d: Record<string, unknown>): Event => ({
  contentBlockDelta: { contentBlockIndex: i, delta: d },
});
const stop = (i: number): Event => ({ contentBlockStop: { contentBlockIndex: i } });

// A stream written from docs/wire-formats.md#bedrock-converse-stream: reasoning (text then signature), text with a citation,
// a tool use opened by contentBlockStart, a redacted reasoning block, messageStop, then metadata.
function validStream(): Event[] {
  return [
    { messageStart: { role: 'assistant' } },
    delta(0, { reasoningContent: { text: 'Let me think.' } }),
    delta(0, { reasoningContent: { text: ' Done.' } }),
    delta(0, { reasoningContent: { signature: 'c2ln' } }),
    stop(0),
    delta(1, { text: 'Paris' }),
    delta(1, { citation: { title: 'atlas', location: { documentChar: { documentIndex: 0, start: 0, end: 5 } } } }),
    delta(1, { text: ' it is.' }),
    stop(1),
    {
      contentBlockStart: { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather' } } },
    },
    delta(2, { toolUse: { input: '{"city":' } }),
    delta(2, { toolUse: { input: '"Paris"}' } }),
    stop(2),
    delta(3, { reasoningContent: { redactedContent: 'cmVkYWN0ZWQ=' } }),
    stop(3),
    { messageStop: { stopReason: 'tool_use' } },
    {
      metadata: {
        usage: { inputTokens: 20, outputTokens: 30, totalTokens: 58, cacheReadInputTokens: 8 },
        metrics: { latencyMs: 120 },
      },
    },
  ];
}

function payload(s: Event[], i: number): Record<string, unknown> {
  const e = s[i] as Event;
  return Object.values(e)[0] as Record<string, unknown>;
}

describe('checkConverseStream', () => {
  it('accepts a valid stream with reasoning, text with a citation, tool use, redacted reasoning and metadata', () => {
    expect(checkConverseStream(validStream())).toEqual([]);
  });

  it('accepts a tool use without input deltas and non-dense increasing indexes', () => {
    const s = validStream();
    s.splice(10, 2);
    for (const e of s) {
      const p = payload([e], 0);
      if (typeof p.contentBlockIndex === 'number' && p.contentBlockIndex >= 1) p.contentBlockIndex += 2;
    }
    expect(checkConverseStream(s)).toEqual([]);
  });

  it('accepts an exception that replaces the rest of the stream, also as the only event', () => {
    const s = validStream().slice(0, 7);
    s.push({ throttlingException: { message: 'Too many requests' } });
    expect(checkConverseStream(s)).toEqual([]);
    expect(checkConverseStream([{ serviceUnavailableException: { message: 'down' } }])).toEqual([]);
  });

  it('reports every violation, not only the first', () => {
    const s = validStream();
    s.pop();
    s.splice(5, 0, { contentBlockStart: { contentBlockIndex: 1, start: { text: {} } } });
    expect(checkConverseStream(s).map((v) => [v.rule, v.index])).toEqual([
      ['block-start-kind', 5],
      ['metadata-missing', 17],
    ]);
  });

  const cases: Array<[string, (s: Event[]) => void, number]> = [
    ['event-shape', (s) => s.splice(1, 0, { a: {}, b: {} }), 1],
    ['event-shape', (s) => s.splice(1, 0, { messageStart: 'assistant' } as unknown as Event), 1],
    ['message-start-first', (s) => s.shift(), 0],
    ['message-start-once', (s) => s.splice(5, 0, { messageStart: { role: 'assistant' } }), 5],
    ['role', (s) => (payload(s, 0).role = 'user'), 0],
    [
      'block-index',
      (s) =>
        [5, 6, 7, 8].forEach((i) => {
          payload(s, i).contentBlockIndex = 0;
        }),
      5,
    ],
    [
      'block-index',
      (s) =>
        [9, 10, 11, 12].forEach((i) => {
          payload(s, i).contentBlockIndex = -2;
        }),
      9,
    ],
    // Bedrock's own looseness: the next block or messageStop ends a block that got no stop
    ['warn:block-not-stopped', (s) => s.splice(8, 1), 8],
    ['block-index', (s) => s.splice(9, 0, delta(1, { text: 'late' }), stop(1)), 9],
    ['delta-outside-block', (s) => s.splice(11, 0, delta(1, { text: 'late' })), 11],
    ['stop-outside-block', (s) => s.splice(9, 0, stop(1)), 9],
    [
      'block-start-kind',
      (s) => s.splice(5, 0, { contentBlockStart: { contentBlockIndex: 1, start: { text: {} } } }),
      5,
    ],
    ['block-start-shape', (s) => (payload(s, 9).start = { toolUse: { name: 'get_weather' } }), 9],
    ['tool-use-start-missing', (s) => s.splice(9, 1), 9],
    ['delta-kind', (s) => s.splice(7, 0, delta(1, { toolUse: { input: '{}' } })), 7],
    ['delta-kind', (s) => s.splice(3, 0, delta(0, { text: 'plain' })), 3],
    ['delta-kind', (s) => s.splice(14, 0, delta(3, { reasoningContent: { text: 'visible' } })), 14],
    ['delta-shape', (s) => (payload(s, 5).delta = { text: 5 }), 5],
    ['delta-shape', (s) => s.splice(10, 2, delta(2, { toolUse: { input: { city: 'Paris' } } })), 10],
    ['delta-shape', (s) => (payload(s, 1).delta = { reasoningContent: { text: 'a', signature: 'b' } }), 1],
    ['delta-shape', (s) => (payload(s, 13).delta = { reasoningContent: { redactedContent: '' } }), 13],
    ['delta-shape', (s) => (payload(s, 5).delta = { text: 'a', citation: {} }), 5],
    ['signature-last', (s) => s.splice(4, 0, delta(0, { reasoningContent: { text: 'more' } })), 4],
    ['reasoning-signature', (s) => s.splice(3, 1), 3],
    ['empty-text-block', (s) => s.splice(5, 4, delta(1, { text: '' }), stop(1)), 6],
    ['tool-input-json', (s) => s.splice(11, 1), 11],
    ['warn:block-open', (s) => s.splice(14, 1), 14],
    ['after-message-stop', (s) => s.splice(16, 0, delta(4, { text: 'late' })), 16],
    ['message-stop-once', (s) => s.splice(16, 0, { messageStop: { stopReason: 'end_turn' } }), 16],
    ['stop-reason', (s) => (payload(s, 15).stopReason = undefined), 15],
    ['missing-terminal', (s) => s.splice(15, 2), 15],
    ['metadata-missing', (s) => s.pop(), 16],
    ['metadata-order', (s) => s.splice(15, 2, s[16] as Event, s[15] as Event), 15],
    ['after-metadata', (s) => s.push({ metadata: payload(s, 16) }), 17],
    ['usage-shape', (s) => (payload(s, 16).usage = { inputTokens: 20, outputTokens: 30 }), 16],
    [
      'usage-shape',
      (s) => (payload(s, 16).usage = { inputTokens: 20, outputTokens: 30, totalTokens: 58, cacheReadInputTokens: -8 }),
      16,
    ],
    [
      'usage-total',
      (s) => (payload(s, 16).usage = { inputTokens: 20, outputTokens: 30, totalTokens: 50, cacheReadInputTokens: 8 }),
      16,
    ],
    ['metrics-shape', (s) => delete payload(s, 16).metrics, 16],
    ['after-exception', (s) => s.splice(5, 0, { internalServerException: { message: 'boom' } }), 6],
    ['exception-shape', (s) => s.splice(5, 12, { validationException: {} }), 5],
    ['warn:unknown-event', (s) => s.splice(5, 0, { contentBlockMeta: {} }), 5],
    ['warn:unknown-delta', (s) => s.splice(6, 0, delta(1, { hologram: {} })), 6],
    [
      'warn:unknown-block-start',
      (s) =>
        s.splice(13, 2, { contentBlockStart: { contentBlockIndex: 3, start: { image: { format: 'png' } } } }, stop(3)),
      13,
    ],
    ['warn:empty-block', (s) => s.splice(15, 0, stop(4)), 15],
    ['warn:unknown-stop-reason', (s) => (payload(s, 15).stopReason = 'bored'), 15],
    ['warn:unknown-exception', (s) => s.splice(5, 12, { teapotException: { message: 'short and stout' } }), 5],
  ];

  for (const [rule, mutate, index] of cases) {
    it(`reports ${rule} and nothing else`, () => {
      const s = validStream();
      mutate(s);
      const violations = checkConverseStream(s);
      expect(violations.map((v) => v.rule)).toEqual([rule]);
      expect(violations[0]?.index).toBe(index);
    });
  }

  it('reports an unsigned reasoning block as a warning only when allowUnsignedReasoning is set', () => {
    const s = validStream();
    s.splice(3, 1);
    expect(errorsOnly(checkConverseStream(s)).map((v) => v.rule)).toEqual(['reasoning-signature']);
    const lenient = checkConverseStream(s, { allowUnsignedReasoning: true });
    expect(errorsOnly(lenient)).toEqual([]);
    expect(lenient.map((v) => v.rule)).toEqual(['warn:reasoning-signature']);
  });

  it('accepts the strict mock’s event streams: text, and reasoning with a forced tool use', async () => {
    const mock = createBedrockConverseMock({ chunkSize: 4 });
    const messages = [{ role: 'user', content: [{ text: 'what is the weather in Paris' }] }];
    const bodies = [
      { messages },
      {
        messages,
        toolConfig: {
          tools: [
            {
              toolSpec: {
                name: 'get_weather',
                inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
              },
            },
          ],
          toolChoice: { any: {} },
        },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      },
    ];
    for (const body of bodies) {
      const res = await mock(
        new Request('https://bedrock.test/model/m/converse-stream', {
          method: 'POST',
          headers: { authorization: 'Bearer k' },
          body: JSON.stringify(body),
        }),
      );
      const { events, problems } = await decodeClientStream(
        'bedrock-converse',
        new Uint8Array(await res.arrayBuffer()),
      );
      expect(problems).toEqual([]);
      expect(events.length).toBeGreaterThan(3);
      expect(checkConverseStream(events)).toEqual([]);
    }
  });

  it('reports an empty stream as missing messageStart and its end', () => {
    expect(checkConverseStream([]).map((v) => v.rule)).toEqual(['message-start-first', 'missing-terminal']);
  });
});
