import { describe, expect, it } from 'vitest';
import { checkResponsesStream } from './check-responses-stream.js';
import { errorsOnly } from './violation.js';

type Json = Record<string, unknown>;
const response = (status: string, output: Json[] = [], extra: Json = {}) => ({ id: 'r', status, output, ...extra });
const item = {
  id: 'msg_1',
  type: 'message',
  status: 'completed',
  role: 'assistant',
  content: [{ type: 'output_text', text: 'hi', annotations: [] }],
};
const at = { item_id: 'msg_1', output_index: 0, content_index: 0 };

function numbered(events: Json[]): Json[] {
  return events.map((e, i) => ({ ...e, sequence_number: i }));
}

const good = (): Json[] =>
  numbered([
    { type: 'response.created', response: response('in_progress') },
    { type: 'response.in_progress', response: response('in_progress') },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...at, part: { type: 'output_text', text: '', annotations: [] } },
    { type: 'response.output_text.delta', ...at, delta: 'h' },
    { type: 'response.output_text.delta', ...at, delta: 'i' },
    { type: 'response.output_text.done', ...at, text: 'hi' },
    { type: 'response.content_part.done', ...at, part: { type: 'output_text', text: 'hi', annotations: [] } },
    { type: 'response.output_item.done', output_index: 0, item },
    {
      type: 'response.completed',
      response: response('completed', [item], { usage: { input_tokens: 1, output_tokens: 1 } }),
    },
  ]);

const rules = (events: Json[]) => errorsOnly(checkResponsesStream(events)).map((v) => v.rule);

describe('checkResponsesStream', () => {
  it('accepts a well-formed stream', () => {
    expect(checkResponsesStream(good())).toEqual([]);
  });

  it('reports a stream without its terminal event', () => {
    expect(rules(good().slice(0, -1))).toEqual(['no-terminal']);
  });

  it('reports gaps and restarts in sequence numbers', () => {
    const events = good();
    events[4] = { ...events[4], sequence_number: 9 };
    expect(rules(events)).toContain('sequence');
    expect(rules(good().map((e) => ({ ...e, sequence_number: undefined })))).toContain('sequence');
  });

  it('reports a done text that differs from its deltas, and a terminal output that differs from the done items', () => {
    const events = good();
    events[6] = { ...events[6], text: 'ho' };
    expect(rules(events)).toContain('done-text');
    const other = good();
    other[9] = { ...other[9], response: response('completed', [{ ...item, content: [] }], { usage: {} }) };
    expect(rules(other)).toContain('terminal-output');
  });

  it('reports events after the end, except response.failed right after an error', () => {
    const after = [...good(), { type: 'response.output_item.added', sequence_number: 10, output_index: 1, item }];
    expect(rules(after)).toEqual(['after-terminal']);
    const failed = numbered([
      { type: 'response.created', response: response('in_progress') },
      { type: 'error', code: 'server_error', message: 'x', param: null },
      { type: 'response.failed', response: response('failed', [], { error: { code: 'server_error', message: 'x' } }) },
    ]);
    expect(checkResponsesStream(failed)).toEqual([]);
  });

  it('reports a delta for an item or part that is not open, and mismatched item ids', () => {
    const events = good();
    events[4] = { ...events[4], output_index: 3 };
    expect(rules(events)).toContain('output-index');
    const ids = good();
    ids[5] = { ...ids[5], item_id: 'msg_other' };
    expect(rules(ids)).toContain('item-id');
  });

  it('reports a first event that is not response.created, and a terminal status that does not fit', () => {
    expect(
      rules(
        good()
          .slice(1)
          .map((e, i) => ({ ...e, sequence_number: i })),
      ),
    ).toContain('first');
    const events = good();
    events[9] = { ...events[9], response: response('incomplete', [item], { usage: {} }) };
    expect(rules(events)).toContain('status');
  });

  it('warns about unknown event types, and allows keepalive', () => {
    const events = good();
    events.splice(5, 0, { type: 'response.future_event' }, { type: 'keepalive' });
    const renumbered = events.map((e, i) => ({ ...e, sequence_number: i }));
    expect(errorsOnly(checkResponsesStream(renumbered))).toEqual([]);
    expect(checkResponsesStream(renumbered).map((v) => v.rule)).toEqual(['warn:unknown-event']);
  });
});
