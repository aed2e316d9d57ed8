import { describe, expect, it } from 'vitest';
import { checkResponsesStream } from '../../../conformance/checkers/check-responses-stream.js';
import { errorsOnly } from '../../../conformance/checkers/violation.js';
import { anthropicResponseToResponses } from './response-to-responses.js';
import { createAnthropicToResponsesStream } from './stream-to-responses.js';

type Json = Record<string, unknown>;
const start = {
  type: 'message_start',
  message: {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    usage: { input_tokens: 3, output_tokens: 1 },
  },
};

function run(events: unknown[], tail: 'end' | { status: number; message: string } = 'end', options = {}) {
  const t = createAnthropicToResponsesStream(options);
  const out = events.flatMap((e) => t.push(e)) as Json[];
  out.push(...((tail === 'end' ? t.end() : (t.fail?.(tail.status, tail.message) ?? [])) as Json[]));
  return { out, losses: t.losses };
}

describe('Anthropic stream -> Responses', () => {
  it('a failure from outside (bad bytes) is error + response.failed numbered after what went out', () => {
    const { out } = run([start, { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }], {
      status: 502,
      message: 'bad bytes',
    });
    expect(out.map((e) => [e.type, e.sequence_number])).toEqual([
      ['response.created', 0],
      ['response.in_progress', 1],
      ['response.output_item.added', 2],
      ['response.content_part.added', 3],
      ['error', 4],
      ['response.failed', 5],
    ]);
    expect(out[4]).toMatchObject({ code: 'server_error', message: 'bad bytes' });
    expect(errorsOnly(checkResponsesStream(out))).toEqual([]);
  });

  it('an error before message_start still gives error + response.failed from 0', () => {
    const { out } = run([{ type: 'error', error: { type: 'overloaded_error', message: 'busy' } }]);
    expect(out.map((e) => [e.type, e.sequence_number])).toEqual([
      ['error', 0],
      ['response.failed', 1],
    ]);
    expect(out[0]).toMatchObject({ code: 'overloaded' });
  });

  it('nothing after the end: later events and fail() say nothing', () => {
    const t = createAnthropicToResponsesStream();
    t.push(start);
    t.push({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } });
    expect((t.push({ type: 'message_stop' }) as Json[]).at(-1)?.type).toBe('response.completed');
    expect(t.push({ type: 'ping' })).toEqual([]);
    expect(t.fail?.(500, 'x')).toEqual([]);
    expect(t.end()).toEqual([]);
  });

  it('redacted thinking is a reasoning item added and done at once, with prefixed encrypted content', () => {
    const { out } = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'EmwK' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
    expect(out.filter((e) => String(e.type).startsWith('response.output_item'))).toEqual([
      {
        type: 'response.output_item.added',
        sequence_number: 2,
        output_index: 0,
        item: { id: 'rs_1_0', type: 'reasoning', summary: [] },
      },
      {
        type: 'response.output_item.done',
        sequence_number: 3,
        output_index: 0,
        item: { id: 'rs_1_0', type: 'reasoning', summary: [], encrypted_content: 'redacted_thinking:EmwK' },
      },
    ]);
    expect(errorsOnly(checkResponsesStream(out))).toEqual([]);
  });

  it('a web search (server_tool_use, then its result) is a web_search_call item with its progress events', () => {
    const { out } = run([
      start,
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query":"moon"}' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_1',
          content: [{ type: 'web_search_result', url: 'https://x.test', title: 't', encrypted_content: 'e' }],
        },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
    expect(out.map((e) => e.type).slice(2, -1)).toEqual([
      'response.output_item.added',
      'response.web_search_call.in_progress',
      'response.web_search_call.searching',
      'response.web_search_call.completed',
      'response.output_item.done',
    ]);
    expect(out.at(-2)).toMatchObject({
      item: {
        type: 'web_search_call',
        status: 'completed',
        action: { query: 'moon', sources: [{ url: 'https://x.test' }] },
      },
    });
    expect(errorsOnly(checkResponsesStream(out))).toEqual([]);
  });

  it('unknown blocks, deltas and events are losses, once each', () => {
    const { losses } = run([
      start,
      { type: 'content_block_start', index: 0, content_block: { type: 'mcp_tool_use', id: 'm', name: 'n', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'new_delta' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'new_delta' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'brand_new_event' },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ]);
    expect(losses.map((l) => l.path)).toEqual(['content[0]', 'content[1].deltas.new_delta', 'events.brand_new_event']);
  });

  it('a delta for a block that never started is an upstream error', () => {
    const t = createAnthropicToResponsesStream();
    t.push(start);
    expect(() => t.push({ type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'x' } })).toThrow(
      /not open/,
    );
  });

  describe('an answer cut by max_tokens: the cut item is incomplete, in the stream as in the non-stream answer', () => {
    // docs/wire-formats.md#responses-output-items: an item's status is in_progress, completed or incomplete; the last
    // item of a response cut by max_output_tokens is the one cut. The stream sends output_item.done before the stop
    // reason comes, so it must not call the item completed until it knows.
    const message = (content: Json[]) => ({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'm',
      content,
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: { input_tokens: 3, output_tokens: 9 },
    });
    const stopEvents = [
      { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 9 } },
      { type: 'message_stop' },
    ];
    const doneStatuses = (out: Json[]) =>
      out.filter((e) => e.type === 'response.output_item.done').map((e) => [e.output_index, (e.item as Json).status]);
    const terminal = (out: Json[]) => out.at(-1)?.response as Json;

    it('a function call whose arguments were streaming', () => {
      const { out } = run([
        start,
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Looking.' } },
        { type: 'content_block_stop', index: 0 },
        {
          type: 'content_block_start',
          index: 1,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        },
        { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"city":"Par' } },
        { type: 'content_block_stop', index: 1 },
        ...stopEvents,
      ]);
      expect(doneStatuses(out)).toEqual([
        [0, 'completed'],
        [1, 'incomplete'],
      ]);
      expect(out.at(-1)?.type).toBe('response.incomplete');
      const output = terminal(out).output as Json[];
      expect(output.map((i) => [i.type, i.status])).toEqual([
        ['message', 'completed'],
        ['function_call', 'incomplete'],
      ]);
      expect(output[1]).toMatchObject({ call_id: 'toolu_1', arguments: '{"city":"Par' });
      expect(errorsOnly(checkResponsesStream(out))).toEqual([]);

      const whole = anthropicResponseToResponses(
        message([
          { type: 'text', text: 'Looking.' },
          { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        ]),
      ).body as unknown as Json;
      expect((whole.output as Json[]).map((i) => [i.type, i.status])).toEqual(output.map((i) => [i.type, i.status]));
    });

    it('reasoning cut before any answer: the same item as the non-stream answer (reasoning items carry no status)', () => {
      const { out } = run([
        start,
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'c2ln' } },
        { type: 'content_block_stop', index: 0 },
        ...stopEvents,
      ]);
      const whole = anthropicResponseToResponses(message([{ type: 'thinking', thinking: 'Let me', signature: 'c2ln' }]))
        .body as unknown as Json;
      const done = out.filter((e) => e.type === 'response.output_item.done').map((e) => e.item);
      expect(done).toEqual(whole.output);
      expect(terminal(out).output).toEqual(whole.output);
    });

    it('a call the model finished before the next block is completed; only the last item is cut', () => {
      const { out } = run([
        start,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'And' } },
        { type: 'content_block_stop', index: 1 },
        ...stopEvents,
      ]);
      expect(doneStatuses(out)).toEqual([
        [0, 'completed'],
        [1, 'incomplete'],
      ]);
      expect(errorsOnly(checkResponsesStream(out))).toEqual([]);
    });

    it('a turn that ends normally after a call leaves it completed', () => {
      const { out } = run([
        start,
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
        },
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{}' } },
        { type: 'content_block_stop', index: 0 },
        { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 2 } },
        { type: 'message_stop' },
      ]);
      expect(doneStatuses(out)).toEqual([[0, 'completed']]);
      expect(out.at(-1)?.type).toBe('response.completed');
    });
  });
});
