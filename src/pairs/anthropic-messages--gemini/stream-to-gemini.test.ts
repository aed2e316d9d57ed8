import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { geminiSignatureFor } from '../../../test/support/gemini-thought-signature.js';
import { TranslationError } from '../../core/errors.js';
import { createAnthropicToGeminiStream } from './stream-to-gemini.js';

function run(events: unknown[], options = {}) {
  const t = createAnthropicToGeminiStream(options);
  const out: unknown[] = [];
  for (const e of events) out.push(...t.push(deepFreeze(e)));
  out.push(...t.end());
  return out;
}

const start = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-x',
    content: [],
    stop_reason: null,
    usage: { input_tokens: 12, output_tokens: 1 },
  },
};
const c = (part: unknown) => ({
  candidates: [{ content: { role: 'model', parts: [part] }, index: 0 }],
  modelVersion: 'claude-x',
  responseId: 'msg_1',
});

describe('createAnthropicToGeminiStream', () => {
  it('text deltas, a whole functionCall at block stop, finish + usage last (with an empty text part: never a chunk without content)', () => {
    const out = run([
      start,
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
      },
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
        candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 9, totalTokenCount: 21 },
        modelVersion: 'claude-x',
        responseId: 'msg_1',
      },
    ]);
  });

  const thinking = (index: number, text: string, signature: string) => [
    { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
    ...(text === '' ? [] : [{ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: text } }]),
    { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature } },
    { type: 'content_block_stop', index },
  ];
  const text = (index: number, t: string) => [
    { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index, delta: { type: 'text_delta', text: t } },
    { type: 'content_block_stop', index },
  ];
  const toolUse = (index: number, id: string) => [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: 'f', input: {} } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '{}' } },
    { type: 'content_block_stop', index },
  ];
  const stop = (reason: string) => [
    { type: 'message_delta', delta: { stop_reason: reason, stop_sequence: null }, usage: { output_tokens: 5 } },
    { type: 'message_stop' },
  ];
  const last = (parts: unknown[] = [{ text: '' }], finishReason = 'STOP') => ({
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 17 },
    modelVersion: 'claude-x',
    responseId: 'msg_1',
  });

  it('thinking deltas are thought parts without a signature; it rides on the first functionCall after them', () => {
    const out = run([
      start,
      ...thinking(0, 'hm', 'SIG'),
      ...text(1, 'Checking.'),
      ...toolUse(2, 'toolu_1'),
      ...toolUse(3, 'toolu_2'),
      ...stop('tool_use'),
    ]);
    expect(out).toEqual([
      c({ text: 'hm', thought: true }),
      c({ text: 'Checking.' }),
      c({ functionCall: { id: 'toolu_1', name: 'f', args: {} }, thoughtSignature: geminiSignatureFor('SIG', 'hm') }),
      c({ functionCall: { id: 'toolu_2', name: 'f', args: {} } }),
      last(undefined),
    ]);
  });

  it('without a call, the signature comes on an empty text part in the last chunk (as Gemini streams it)', () => {
    const out = run([start, ...thinking(0, 'hm', 'SIG'), ...text(1, 'Hi'), ...stop('end_turn')]);
    expect(out).toEqual([
      c({ text: 'hm', thought: true }),
      c({ text: 'Hi' }),
      last([{ text: '', thoughtSignature: geminiSignatureFor('SIG', 'hm') }]),
    ]);
  });

  it('a thought with nothing after it keeps its signature on an empty thought part; an omitted thought shows only as a signature', () => {
    expect(run([start, ...thinking(0, 'hm', 'SIG'), ...stop('max_tokens')]).slice(1)).toEqual([
      last([{ text: '', thought: true, thoughtSignature: geminiSignatureFor('SIG', 'hm') }], 'MAX_TOKENS'),
    ]);
    expect(run([start, ...thinking(0, '', 'SIG'), ...toolUse(1, 'toolu_1'), ...stop('tool_use')])).toEqual([
      c({ functionCall: { id: 'toolu_1', name: 'f', args: {} }, thoughtSignature: geminiSignatureFor('SIG', '') }),
      last(undefined),
    ]);
  });

  it('a second thinking block first settles the signature of the first', () => {
    const out = run([
      start,
      ...thinking(0, 'a', 'S1'),
      ...text(1, 'x'),
      ...thinking(2, 'b', 'S2'),
      ...toolUse(3, 'toolu_1'),
      ...stop('tool_use'),
    ]);
    expect(out).toEqual([
      c({ text: 'a', thought: true }),
      c({ text: 'x' }),
      c({ text: '', thoughtSignature: geminiSignatureFor('S1', 'a') }),
      c({ text: 'b', thought: true }),
      c({ functionCall: { id: 'toolu_1', name: 'f', args: {} }, thoughtSignature: geminiSignatureFor('S2', 'b') }),
      last(undefined),
    ]);
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
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: 'toolu_2', name: 'f', input: { a: 2 } },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_3', name: 'f', input: {} },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":3}' } },
      { type: 'content_block_stop', index: 1 },
    ]);
    expect(out.slice(0, 2)).toEqual([
      c({ functionCall: { name: 'f', args: { a: 2 }, id: 'toolu_2' } }),
      c({ functionCall: { name: 'f', args: { a: 3 }, id: 'toolu_3' } }),
    ]);
  });

  it('max_tokens -> MAX_TOKENS; invalid streamed JSON is a typed error', () => {
    const out = run([
      start,
      { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    ]);
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

describe('createAnthropicToGeminiStream: a client that asked for streamed function-call arguments', () => {
  const streamed = { context: { geminiStreamFunctionCallArguments: true } };
  const thinking = [
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
    { type: 'content_block_stop', index: 0 },
  ];
  const tool = (index: number, id: string, pieces: string[]) => [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name: 'get_weather', input: {} } },
    ...pieces.map((p) => ({
      type: 'content_block_delta',
      index,
      delta: { type: 'input_json_delta', partial_json: p },
    })),
    { type: 'content_block_stop', index },
  ];
  const end = [
    { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
    { type: 'message_stop' },
  ];

  it('gets the named part when the block starts (signed), partialArgs as values complete, an empty functionCall last', () => {
    const out = run(
      [start, ...thinking, ...tool(1, 'toolu_1', ['{"location":"Bos', 'ton","days":[1', ',2]}']), ...end],
      streamed,
    );
    expect(out.slice(0, -1)).toEqual([
      c({ text: 'hmm', thought: true }),
      c({
        functionCall: { name: 'get_weather', willContinue: true, id: 'toolu_1' },
        thoughtSignature: geminiSignatureFor('c2ln', 'hmm'),
      }),
      c({
        functionCall: {
          partialArgs: [{ jsonPath: '$.location', stringValue: 'Bos', willContinue: true }],
          willContinue: true,
        },
      }),
      c({
        functionCall: {
          partialArgs: [{ jsonPath: '$.location', stringValue: 'ton' }],
          willContinue: true,
        },
      }),
      // `1` at the end of a piece may go on (`12`): a number is sent once its delimiter came
      c({
        functionCall: {
          partialArgs: [
            { jsonPath: '$.days[0]', numberValue: 1 },
            { jsonPath: '$.days[1]', numberValue: 2 },
          ],
          willContinue: true,
        },
      }),
      c({ functionCall: {} }),
    ]);
  });

  it('a client that did not ask gets the same call whole', () => {
    const out = run([
      start,
      ...thinking,
      ...tool(1, 'toolu_1', ['{"location":"Bos', 'ton","days":[1', ',2]}']),
      ...end,
    ]);
    expect(out[1]).toEqual(
      c({
        functionCall: { name: 'get_weather', args: { location: 'Boston', days: [1, 2] }, id: 'toolu_1' },
        thoughtSignature: geminiSignatureFor('c2ln', 'hmm'),
      }),
    );
  });

  it('reports an empty object or list in the input, which partialArgs cannot carry', () => {
    const t = createAnthropicToGeminiStream(streamed);
    for (const e of [start, ...tool(0, 'toolu_1', ['{"a":{},"b":[1,[]]}']), ...end]) t.push(deepFreeze(e));
    expect(t.losses).toEqual([
      { path: 'content[0].input.a', reason: expect.stringContaining('no Gemini partialArgs form') },
      { path: 'content[0].input.b[1]', reason: expect.stringContaining('no Gemini partialArgs form') },
    ]);
  });

  it('invalid JSON input is an upstream error', () => {
    expect(() => run([start, ...tool(0, 'toolu_1', ['{"a":'])], streamed)).toThrow(TranslationError);
  });
});
