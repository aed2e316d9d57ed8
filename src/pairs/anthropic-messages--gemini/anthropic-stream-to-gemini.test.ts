import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { createAnthropicToGeminiStream } from './anthropic-stream-to-gemini.js';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';

function run(events: unknown[], options = {}) {
  const t = createAnthropicToGeminiStream(options);
  const out: unknown[] = [];
  for (const e of events) out.push(...t.push(deepFreeze(e)));
  out.push(...t.end());
  return out;
}

const start = {
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-x', content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1 } },
};
const c = (part: unknown) => ({ candidates: [{ content: { role: 'model', parts: [part] }, index: 0 }], modelVersion: 'claude-x', responseId: 'msg_1' });

describe('createAnthropicToGeminiStream', () => {
  it('text deltas, a whole functionCall at block stop, finish + usage last', () => {
    const out = run([
      start,
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ]);
    expect(out).toEqual([
      c({ text: 'Hi' }),
      c({ functionCall: { name: 'f', args: { a: 1 }, id: 'toolu_1' } }),
      {
        candidates: [{ finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 9, totalTokenCount: 21 },
        modelVersion: 'claude-x',
        responseId: 'msg_1',
      },
    ]);
  });

  it('thinking deltas are thought parts; the signature comes on an empty thought part', () => {
    const out = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    expect(out.slice(0, 2)).toEqual([c({ text: 'hm', thought: true }), c({ text: '', thought: true, thoughtSignature: 'SIG' })]);
  });

  it('an error event becomes a google.rpc.Status chunk; a cut stream ends with one', () => {
    expect(run([start, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }])).toEqual([
      { error: { code: 503, message: 'Overloaded', status: 'UNAVAILABLE' } },
    ]);
    expect(run([start])).toEqual([{ error: { code: 500, message: expect.any(String), status: 'INTERNAL' } }]);
  });

  it('a tool_use whose input comes whole in content_block_start (no input_json_delta) keeps it', () => {
    const out = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_2', name: 'f', input: { a: 2 } } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_3', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":3}' } },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(out.slice(0, 2)).toEqual([
      c({ functionCall: { name: 'f', args: { a: 2 }, id: 'toolu_2' } }),
      c({ functionCall: { name: 'f', args: { a: 3 }, id: 'toolu_3' } }),
    ]);
  });

  it('max_tokens -> MAX_TOKENS; invalid streamed JSON is a typed error', () => {
    const out = run([start, { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 3 } }, { type: 'message_stop' }]);
    expect((out[0] as { candidates: Array<{ finishReason: string }> }).candidates[0]!.finishReason).toBe('MAX_TOKENS');
    expect(() =>
      run([
        start,
        { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a"' } },
        { type: 'content_block_stop', index: 0 },
      ]),
    ).toThrow(TranslationError);
  });
});
