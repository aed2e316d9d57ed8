import { describe, expect, it } from 'vitest';
import { foldAnthropicEvents } from './fold-anthropic-events.js';
import { foldOpenAIChunks } from './fold-openai-chunks.js';

describe('foldAnthropicEvents', () => {
  it('accumulates like the SDK: deltas appended, tool JSON parsed at stop, message_delta overwrites usage', () => {
    const events = [
      {
        type: 'message_start',
        message: {
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'm',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 5, output_tokens: 1 },
        },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'ping' },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
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
    ];
    expect(foldAnthropicEvents(events)).toEqual({
      complete: true,
      error: undefined,
      message: {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'm',
        content: [
          { type: 'text', text: 'Hello' },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
        ],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 5, output_tokens: 9 },
      },
    });
  });
  it('reports an error event and an unfinished stream', () => {
    const r = foldAnthropicEvents([
      { type: 'message_start', message: { id: 'x' } },
      { type: 'error', error: { type: 'overloaded_error', message: 'busy' } },
    ]);
    expect(r.complete).toBe(false);
    expect(r.error).toEqual({ type: 'overloaded_error', message: 'busy' });
  });
});

describe('foldOpenAIChunks', () => {
  it('merges content, tool calls by index and the last usage', () => {
    const c = (delta: object, finish: string | null = null) => ({
      id: 'c1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'm',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const r = foldOpenAIChunks([
      c({ role: 'assistant', content: '' }),
      c({ content: 'Hi' }),
      c({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a"' } }] }),
      c({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }),
      c({}, 'tool_calls'),
      {
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
      },
      '[DONE]',
    ]);
    expect(r.complete).toBe(true);
    expect(r.message).toEqual({
      id: 'c1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Hi',
            refusal: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
          },
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });
});
