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
