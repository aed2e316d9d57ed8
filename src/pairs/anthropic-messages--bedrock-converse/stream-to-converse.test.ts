import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { createAnthropicToConverseStream } from './stream-to-converse.js';

function run(events: readonly unknown[]) {
  const t = createAnthropicToConverseStream();
  const out = events.flatMap((e) => t.push(deepFreeze(e)));
  out.push(...t.end());
  return { out, losses: t.losses };
}

const START = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 1 },
  },
};
const END = [
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 7 } },
  { type: 'message_stop' },
];

describe('Anthropic stream -> ConverseStream', () => {
  it('drops server tool blocks whole (start, input deltas, stop) and numbers the remaining blocks 0, 1, …', () => {
    const { out, losses } = run([
      START,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"x"}' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Found.' } },
      { type: 'content_block_stop', index: 2 },
      {
        type: 'content_block_start',
        index: 3,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
      },
      { type: 'content_block_delta', index: 3, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 3 },
      ...END,
    ]);
    expect(out).toEqual([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Found.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockStart: { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'toolu_1', name: 'f' } } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{}' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      { messageStop: { stopReason: 'end_turn' } },
      { metadata: { usage: { inputTokens: 10, outputTokens: 7, totalTokens: 17 }, metrics: { latencyMs: 0 } } },
    ]);
    expect(losses.map((l) => l.path)).toEqual(['content[0]', 'content[1]']);
  });

  it('an error event becomes a ConverseStream exception; types without one (timeout) become modelStreamErrorException', () => {
    const at = (type: string) => run([START, { type: 'error', error: { type, message: 'm' } }]).out[1];
    expect(at('overloaded_error')).toEqual({ serviceUnavailableException: { message: 'm' } });
    expect(at('rate_limit_error')).toEqual({ throttlingException: { message: 'm' } });
    expect(at('invalid_request_error')).toEqual({ validationException: { message: 'm' } });
    expect(at('api_error')).toEqual({ internalServerException: { message: 'm' } });
    expect(at('timeout_error')).toEqual({ modelStreamErrorException: { message: 'm' } });
    expect(at('permission_error')).toEqual({ modelStreamErrorException: { message: 'm' } });
  });

  it('a text delta without a block start still opens a Converse block; a tool input delta without one is an upstream error', () => {
    expect(
      run([START, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }, ...END]).out[1],
    ).toEqual({
      contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'x' } },
    });
    expect(() =>
      run([START, { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{' } }]),
    ).toThrow(TranslationError);
  });

  it('citations deltas are reported, not sent', () => {
    const { out, losses } = run([
      START,
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'citations_delta', citation: { type: 'char_location', cited_text: 'a' } },
      },
      { type: 'content_block_stop', index: 0 },
      ...END,
    ]);
    expect(out.filter((e) => 'contentBlockDelta' in e)).toEqual([]);
    expect(losses).toEqual([{ path: 'content[0].citations', reason: expect.stringContaining('citations') }]);
  });

  it('a stream without message_stop ends with an internalServerException', () => {
    expect(run([START]).out.at(-1)).toEqual({
      internalServerException: { message: 'the upstream stream ended before message_stop' },
    });
  });
});
