import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { createGeminiToAnthropicStream } from './stream-to-anthropic.js';

function run(chunks: unknown[], options = {}) {
  const t = createGeminiToAnthropicStream(options);
  const out: unknown[] = [];
  for (const c of chunks) out.push(...t.push(deepFreeze(c)));
  out.push(...t.end());
  return { events: out, losses: t.losses };
}

const msgStart = (input = 0) => ({
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'gemini-2.5-flash',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    stop_details: null,
    usage: { input_tokens: input, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
  },
});

describe('createGeminiToAnthropicStream', () => {
  it('streams text and holds usage and the stop reason for message_delta', () => {
    const { events, losses } = run(
      [
        {
          candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }],
          usageMetadata: { promptTokenCount: 5 },
          modelVersion: 'gemini-2.5-flash',
        },
        { candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, index: 0 }] },
        {
          candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
        },
      ],
      { id: 'msg_1' },
    );
    expect(losses).toEqual([]);
    expect(events).toEqual([
      msgStart(5),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
        usage: { input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('a whole functionCall becomes block start + one input_json_delta; STOP with calls is tool_use', () => {
    const { events } = run(
      [
        {
          candidates: [
            {
              content: {
                role: 'model',
                parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'U0lH' }],
              },
              finishReason: 'STOP',
            },
          ],
          usageMetadata: { promptTokenCount: 9, candidatesTokenCount: 4 },
          modelVersion: 'gemini-2.5-flash',
        },
      ],
      { id: 'msg_1' },
    );
    expect(events.slice(1)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_gemini_0_get_weather', name: 'get_weather', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"city":"Paris"}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'signature_delta', signature: 'U0lH' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null, stop_details: null },
        usage: { input_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 4 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('a tool name the request rewrote for Gemini goes back to the client name (context.toolNames)', () => {
    const { events } = run(
      [
        {
          candidates: [
            {
              content: {
                parts: [
                  { functionCall: { name: '_3d_render_abc', args: {} } },
                  { functionCall: { name: 'other', args: {} } },
                ],
              },
              finishReason: 'STOP',
            },
          ],
        },
      ],
      { id: 'msg_1', context: { toolNames: { _3d_render_abc: '3d_render' } } },
    );
    const starts = events.filter((e) => (e as { type: string }).type === 'content_block_start') as {
      content_block: { name: string };
    }[];
    expect(starts.map((e) => e.content_block.name)).toEqual(['3d_render', 'other']);
  });

  it('a rewritten tool name is restored in a call streamed as partialArgs too', () => {
    const { events } = run(
      [
        {
          candidates: [
            {
              content: {
                parts: [
                  {
                    functionCall: {
                      name: '_3d_render_abc',
                      partialArgs: [{ jsonPath: '$.q', stringValue: 'x' }],
                      willContinue: true,
                    },
                  },
                ],
              },
            },
          ],
        },
        { candidates: [{ content: { parts: [{ functionCall: { willContinue: false } }] }, finishReason: 'STOP' }] },
      ],
      { id: 'msg_1', context: { toolNames: { _3d_render_abc: '3d_render' } } },
    );
    const starts = events.filter((e) => (e as { type: string }).type === 'content_block_start') as {
      content_block: { name: string };
    }[];
    expect(starts.map((e) => e.content_block.name)).toEqual(['3d_render']);
  });

  it('text after a functionCall is a new text block after the tool_use block, not dropped', () => {
    const { events } = run(
      [
        { candidates: [{ content: { parts: [{ text: 'Let me look.' }] } }] },
        { candidates: [{ content: { parts: [{ functionCall: { name: 'lookup', args: { q: 'a' } } }] } }] },
        { candidates: [{ content: { parts: [{ text: 'I asked ' }, { text: 'for a.' }] } }] },
        { candidates: [{ content: { parts: [{ text: '' }] }, finishReason: 'STOP' }] },
      ],
      { id: 'msg_1' },
    );
    type Ev = { type: string; index?: number; content_block?: { type: string }; delta?: { text?: string } };
    const evs = events as Ev[];
    const starts = evs.filter((e) => e.type === 'content_block_start');
    expect(starts.map((e) => [e.index, e.content_block?.type])).toEqual([
      [0, 'text'],
      [1, 'tool_use'],
      [2, 'text'],
    ]);
    const textOf = (i: number) =>
      evs
        .filter((e) => e.type === 'content_block_delta' && e.index === i)
        .map((e) => e.delta?.text ?? '')
        .join('');
    expect([textOf(0), textOf(2)]).toEqual(['Let me look.', 'I asked for a.']);
  });

  it('thought parts stream as thinking deltas with the signature just before the stop', () => {
    const { events } = run(
      [
        { candidates: [{ content: { parts: [{ text: 'Hmm', thought: true }] } }] },
        { candidates: [{ content: { parts: [{ text: '...', thought: true, thoughtSignature: 'c2ln' }] } }] },
        { candidates: [{ content: { parts: [{ text: 'Answer' }] }, finishReason: 'STOP' }] },
      ],
      { id: 'msg_1', model: 'gemini-2.5-flash' },
    );
    expect(events.slice(1, 9)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: '...' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Answer' } },
      { type: 'content_block_stop', index: 1 },
    ]);
  });

  it('an error chunk becomes an Anthropic error event and nothing follows', () => {
    const { events } = run(
      [
        { candidates: [{ content: { parts: [{ text: 'a' }] } }], modelVersion: 'gemini-2.5-flash' },
        { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
        { candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }] },
      ],
      { id: 'msg_1' },
    );
    expect(events.slice(-1)).toEqual([
      { type: 'error', error: { type: 'overloaded_error', message: 'The model is overloaded.' } },
    ]);
    expect(events.some((e) => (e as { type: string }).type === 'message_stop')).toBe(false);
  });

  it('an error chunk with ErrorInfo reason API_KEY_INVALID becomes an authentication_error event', () => {
    const { events } = run([
      {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
            },
          ],
        },
      },
    ]);
    expect(events).toEqual([
      {
        type: 'error',
        error: { type: 'authentication_error', message: 'API key not valid. Please pass a valid API key.' },
      },
    ]);
  });

  it('a stream cut before its finishReason ends with an error event', () => {
    const { events } = run([{ candidates: [{ content: { parts: [{ text: 'a' }] } }] }], { id: 'msg_1' });
    expect(events[events.length - 1]).toEqual({
      type: 'error',
      error: { type: 'api_error', message: expect.stringContaining('finishReason') },
    });
    expect(run([]).events).toEqual([{ type: 'error', error: { type: 'api_error', message: expect.any(String) } }]);
  });

  it('maps SAFETY to refusal and reports repeated unknown fields once', () => {
    const { events, losses } = run([
      { candidates: [{ content: { parts: [{ text: 'x' }] }, safetyRatings: [] }] },
      { candidates: [{ content: { parts: [{ text: 'y' }] }, safetyRatings: [], finishReason: 'SAFETY' }] },
    ]);
    const delta = events.find((e) => (e as { type: string }).type === 'message_delta') as {
      delta: { stop_reason: string };
    };
    expect(delta.delta.stop_reason).toBe('refusal');
    expect(losses).toEqual([{ path: 'candidates[0].safetyRatings', reason: expect.any(String) }]);
  });
});

describe('createGeminiToAnthropicStream: streamed function-call arguments', () => {
  const chunk = (parts: unknown[], finish?: string) => ({
    candidates: [{ content: { role: 'model', parts }, index: 0, ...(finish ? { finishReason: finish } : {}) }],
  });
  const blocks = (events: unknown[]) =>
    (events as Array<Record<string, unknown>>).filter((e) => String(e.type).startsWith('content_block'));
  const inputOf = (events: unknown[], index: number) =>
    (events as Array<{ type: string; index?: number; delta?: { partial_json?: string } }>)
      .filter((e) => e.type === 'content_block_delta' && e.index === index)
      .map((e) => e.delta?.partial_json ?? '')
      .join('');

  it('one tool_use block per call: started by the named part, one input_json_delta per part, the signature after it', () => {
    const { events, losses } = run([
      chunk([{ functionCall: { name: 'get_weather', willContinue: true }, thoughtSignature: 'c2ln' }]),
      chunk([
        {
          functionCall: {
            partialArgs: [{ jsonPath: '$.location', stringValue: 'Bos', willContinue: true }],
            willContinue: true,
          },
        },
      ]),
      chunk([
        {
          functionCall: {
            partialArgs: [
              { jsonPath: '$.location', stringValue: 'ton' },
              { jsonPath: '$.days[0]', numberValue: 1 },
              { jsonPath: '$.days[1]', numberValue: 2 },
            ],
            willContinue: true,
          },
        },
      ]),
      chunk([{ functionCall: {} }], 'STOP'),
    ]);
    expect(losses).toEqual([]);
    expect(blocks(events)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_gemini_0_get_weather', name: 'get_weather', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"location":"Bos' } },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: 'ton","days":[1,2' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: ']}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'signature_delta', signature: 'c2ln' } },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(JSON.parse(inputOf(events, 0))).toEqual({ location: 'Boston', days: [1, 2] });
    expect((events.at(-2) as { delta: { stop_reason: string } }).delta.stop_reason).toBe('tool_use');
  });

  it('parallel streamed calls: a named part ends the call before it; the finish ends the last one', () => {
    const { events } = run([
      chunk([{ functionCall: { name: 'a', willContinue: true } }]),
      chunk([{ functionCall: { partialArgs: [{ jsonPath: '$.x', boolValue: true }], willContinue: true } }]),
      chunk([{ functionCall: { name: 'b', willContinue: true } }]),
      chunk([{ functionCall: { partialArgs: [{ jsonPath: '$.y', nullValue: 'NULL_VALUE' }], willContinue: true } }]),
      chunk([{ text: '' }], 'STOP'),
    ]);
    const starts = blocks(events).filter((e) => e.type === 'content_block_start');
    expect(starts.map((e) => (e.content_block as { name: string }).name)).toEqual(['a', 'b']);
    expect(JSON.parse(inputOf(events, 0))).toEqual({ x: true });
    expect(JSON.parse(inputOf(events, 1))).toEqual({ y: null });
    expect(blocks(events).at(-1)).toEqual({ type: 'content_block_stop', index: 1 });
  });

  it('a call that streams no arguments has the input {}; whole calls and streamed ones mix', () => {
    const { events } = run([
      chunk([{ functionCall: { name: 'now', willContinue: true } }, { functionCall: {} }]),
      chunk([{ functionCall: { name: 'whole', args: { k: 'v' } } }], 'STOP'),
    ]);
    expect(JSON.parse(inputOf(events, 0))).toEqual({});
    expect(JSON.parse(inputOf(events, 1))).toEqual({ k: 'v' });
  });

  it('arguments that break the order are an upstream error (the client gets an error event), not wrong JSON', () => {
    const out: unknown[] = [];
    const t = createGeminiToAnthropicStream({});
    out.push(...t.push(chunk([{ functionCall: { name: 'a', willContinue: true } }])));
    const partial = [
      { jsonPath: '$.p.x', numberValue: 1 },
      { jsonPath: '$.q', numberValue: 2 },
      { jsonPath: '$.p.y', numberValue: 3 },
    ];
    expect(() => t.push(chunk([{ functionCall: { partialArgs: partial, willContinue: true } }]))).toThrow(
      /\$\.p\.y comes back to a value that was already written/,
    );
  });

  it('a part without a name while no streamed call is open is still an error', () => {
    expect(() => run([chunk([{ functionCall: { partialArgs: [], willContinue: true } }])])).toThrow(/needs a name/);
  });
});
