import { describe, expect, it } from 'vitest';
import { checkAnthropicStream } from './check-anthropic-stream.js';
import { errorsOnly } from './violation.js';

type Event = Record<string, unknown>;

// A stream written from docs/wire-formats.md#anthropic-stream-grammar: thinking, text, tool_use, with pings.
function validStream(): Event[] {
  return [
    { type: 'ping' },
    {
      type: 'message_start',
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-x',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think.' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hello' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ', world' } },
    { type: 'content_block_stop', index: 1 },
    {
      type: 'content_block_start',
      index: 2,
      content_block: { type: 'tool_use', id: 'toolu_1', name: 'get', input: {} },
    },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'ris"}' } },
    { type: 'content_block_stop', index: 2 },
    { type: 'message_delta', delta: { stop_reason: null, stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 12 } },
    { type: 'message_stop' },
  ];
}

/** index of the first event matching `pred` */
function at(events: Event[], pred: (e: Event) => boolean): number {
  const i = events.findIndex(pred);
  if (i < 0) throw new Error('no such event in the valid stream');
  return i;
}

const isType = (type: string, index?: number) => (e: Event) =>
  e.type === type && (index === undefined || e.index === index);

function shiftBlockIndexFrom1(e: Event): void {
  if (typeof e.index === 'number' && e.index >= 1) e.index += 1;
}

function rulesOf(events: unknown[]): string[] {
  return checkAnthropicStream(events).map((v) => v.rule);
}

describe('checkAnthropicStream', () => {
  it('accepts a valid stream with thinking, text, tool_use and pings', () => {
    expect(checkAnthropicStream(validStream())).toEqual([]);
  });

  it('accepts an error that replaces the rest of the stream, also before message_start', () => {
    const s = validStream().slice(0, 9);
    s.push({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(checkAnthropicStream(s)).toEqual([]);
    expect(checkAnthropicStream([{ type: 'error', error: { type: 'api_error', message: 'x' } }])).toEqual([]);
  });

  it('accepts a redacted_thinking block without signature deltas', () => {
    const s = validStream();
    s.splice(
      2,
      4,
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'abc' } },
      { type: 'content_block_stop', index: 0 },
    );
    expect(checkAnthropicStream(s)).toEqual([]);
  });

  it('accepts citations_delta in a text block and input_json_delta in a server_tool_use block', () => {
    const s = validStream();
    s.splice(9, 0, {
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'x' } },
    });
    const tool = s.find((e) => e.type === 'content_block_start' && e.index === 2) as Event;
    tool.content_block = { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} };
    expect(checkAnthropicStream(s)).toEqual([]);
  });

  it('accepts a thinking block whose start already carries the signature', () => {
    const s = validStream();
    s.splice(4, 1);
    (s[2] as Event).content_block = { type: 'thinking', thinking: '', signature: 'c2ln' };
    expect(checkAnthropicStream(s)).toEqual([]);
  });

  it('reports every violation, not only the first', () => {
    const s = validStream();
    s.splice(at(s, isType('message_stop')), 1);
    s.splice(at(s, isType('content_block_start', 1)), 0, { type: 'bogus' });
    expect(rulesOf(s).sort()).toEqual(['missing-terminal', 'warn:unknown-event']);
  });

  const cases: Array<[string, (s: Event[]) => void, number | ((s: Event[]) => number)]> = [
    ['event-shape', (s) => s.splice(3, 0, { notype: true }), 3],
    ['message-start-first', (s) => s.splice(1, 1), 1],
    ['message-start-once', (s) => s.splice(2, 0, s[1] as Event), 2],
    ['block-index', (s) => s.forEach(shiftBlockIndexFrom1), 6],
    [
      'block-not-stopped',
      (s) => s.splice(at(s, isType('content_block_stop', 1)), 1),
      (s) => at(s, isType('content_block_start', 2)),
    ],
    [
      'delta-outside-block',
      (s) =>
        s.splice(at(s, isType('content_block_stop', 1)) + 1, 0, {
          type: 'content_block_delta',
          index: 1,
          delta: { type: 'text_delta', text: 'x' },
        }),
      11,
    ],
    [
      'stop-outside-block',
      (s) => s.splice(at(s, isType('content_block_stop', 1)) + 1, 0, { type: 'content_block_stop', index: 1 }),
      11,
    ],
    ['delta-kind', (s) => ((s[8] as Event).delta = { type: 'input_json_delta', partial_json: '{}' }), 8],
    ['delta-kind', (s) => ((s[3] as Event).delta = { type: 'text_delta', text: 'x' }), 3],
    [
      'signature-last',
      (s) =>
        s.splice(5, 0, { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'more' } }),
      5,
    ],
    ['thinking-signature', (s) => s.splice(4, 1), 4],
    ['empty-text-block', (s) => s.splice(8, 2), 8],
    ['tool-input-json', (s) => ((s[14] as Event).delta = { type: 'input_json_delta', partial_json: 'ris"' }), 15],
    ['block-open', (s) => s.splice(15, 1), 15],
    ['block-after-message-delta', (s) => s.splice(12, 0, ...s.splice(11, 5)), 12],
    ['message-delta-missing', (s) => s.splice(16, 2), 16],
    ['stop-reason', (s) => ((s[17] as Event).delta = { stop_reason: null }), 18],
    ['usage-shape', (s) => ((s[17] as Event).usage = {}), 17],
    ['usage-cumulative', (s) => ((s[17] as Event).usage = { output_tokens: 4 }), 17],
    ['missing-terminal', (s) => s.pop(), 18],
    ['message-stop-once', (s) => s.push({ type: 'message_stop' }), 19],
    ['after-message-stop', (s) => s.push({ type: 'ping' }), 19],
    ['after-error', (s) => s.splice(9, 0, { type: 'error', error: { type: 'api_error', message: 'x' } }), 10],
    ['error-shape', (s) => s.splice(9, 10, { type: 'error', error: { message: 'x' } }), 9],
    ['warn:unknown-event', (s) => s.splice(6, 0, { type: 'content_block_meta' }), 6],
    [
      'warn:unknown-delta',
      (s) => s.splice(9, 0, { type: 'content_block_delta', index: 1, delta: { type: 'emoji_delta' } }),
      9,
    ],
    ['warn:unknown-block', (s) => ((s[6] as Event).content_block = { type: 'hologram' }), 6],
    ['usage-shape', (s) => ((s[1] as Event).message = { id: 'msg_1', usage: {} }), 1],
    ['warn:unknown-stop-reason', (s) => ((s[17] as Event).delta = { stop_reason: 'bored' }), 18],
  ];

  for (const [rule, mutate, index] of cases) {
    it(`reports ${rule} and nothing else`, () => {
      const s = validStream();
      mutate(s);
      const violations = checkAnthropicStream(s);
      expect(violations.map((v) => v.rule)).toEqual([rule]);
      expect(violations[0]?.index).toBe(typeof index === 'number' ? index : index(s));
    });
  }

  it('reports an unsigned thinking block as a warning only when allowUnsignedThinking is set', () => {
    const s = validStream();
    s.splice(4, 1); // the signature_delta
    expect(errorsOnly(checkAnthropicStream(s)).map((v) => v.rule)).toEqual(['thinking-signature']);
    const lenient = checkAnthropicStream(s, { allowUnsignedThinking: true });
    expect(errorsOnly(lenient)).toEqual([]);
    expect(lenient.map((v) => v.rule)).toEqual(['warn:thinking-signature']);
  });

  it('reports warnings only as warn: rules, so errorsOnly drops them', () => {
    const s = validStream();
    s.splice(6, 0, { type: 'content_block_meta' });
    expect(errorsOnly(checkAnthropicStream(s))).toEqual([]);
  });

  it('reports an empty stream as missing message_start and terminal', () => {
    expect(rulesOf([])).toEqual(['message-start-first', 'missing-terminal']);
  });
});
