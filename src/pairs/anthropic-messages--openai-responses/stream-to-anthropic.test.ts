import { describe, expect, it } from 'vitest';
import { checkAnthropicStream } from '../../../conformance/checkers/check-anthropic-stream.js';
import { errorsOnly } from '../../../conformance/checkers/violation.js';
import { createResponsesToAnthropicStream } from './stream-to-anthropic.js';

type Json = Record<string, unknown>;
const created = {
  type: 'response.created',
  sequence_number: 0,
  response: { id: 'resp_1', model: 'gpt-5', output: [] },
};
const completed = (output: unknown[] = []) => ({
  type: 'response.completed',
  response: { id: 'resp_1', status: 'completed', output, usage: { input_tokens: 5, output_tokens: 2 } },
});

function run(events: unknown[]) {
  const t = createResponsesToAnthropicStream();
  const out = [...events.flatMap((e) => t.push(e)), ...t.end()] as Json[];
  return { out, losses: t.losses };
}

describe('Responses stream -> Anthropic', () => {
  it('keepalive, queued and progress events say nothing; an unknown event type is a loss', () => {
    const { out, losses } = run([
      { type: 'keepalive' },
      created,
      { type: 'response.queued', response: {} },
      { type: 'response.audio.delta', delta: 'AAAA' },
      completed(),
    ]);
    expect(out.map((e) => e.type)).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(losses.map((l) => l.path)).toEqual(['events.response.audio.delta']);
  });

  it('raw reasoning text (reasoning_text events) becomes thinking when there is no summary', () => {
    const { out } = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_text.delta', output_index: 0, content_index: 0, delta: 'raw' },
      { type: 'response.reasoning_text.done', output_index: 0, content_index: 0, text: 'raw' },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } },
      completed(),
    ]);
    expect(out.filter((e) => e.type === 'content_block_delta').map((e) => e.delta)).toEqual([
      { type: 'thinking_delta', thinking: 'raw' },
    ]);
  });

  it('events of an output that was already done are an upstream error', () => {
    const t = createResponsesToAnthropicStream();
    t.push(created);
    t.push({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', content: [] } });
    t.push({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', content: [] } });
    expect(() =>
      t.push({ type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'late' }),
    ).toThrow(/already done/);
  });

  it('arguments before the call has its name and id are an upstream error', () => {
    const t = createResponsesToAnthropicStream();
    t.push(created);
    t.push({ type: 'response.output_item.added', output_index: 0, item: { type: 'function_call', arguments: '' } });
    expect(() => t.push({ type: 'response.function_call_arguments.delta', output_index: 0, delta: '{' })).toThrow(
      /before the call has a name/,
    );
  });

  it('a text delta for an output nobody announced opens a text block (lenient servers)', () => {
    const { out } = run([
      created,
      { type: 'response.output_text.delta', output_index: 0, content_index: 0, delta: 'hi' },
      completed([{ type: 'message', content: [{ type: 'output_text', text: 'hi' }] }]),
    ]);
    expect(out.map((e) => e.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(errorsOnly(checkAnthropicStream(out))).toEqual([]);
  });

  it('only one error event, whatever follows', () => {
    const { out } = run([
      created,
      { type: 'error', code: 'server_error', message: 'a' },
      { type: 'response.failed', response: { error: { code: 'server_error', message: 'b' } } },
      { type: 'error', message: 'c' },
    ]);
    expect(out.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', error: { type: 'api_error', message: 'a' } },
    ]);
  });
});
