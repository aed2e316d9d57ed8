import { describe, expect, it } from 'vitest';
import { jsonDiff } from '../scenarios/diff.js';
import { openaiResponsesMeaning as m } from './openai-responses.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const diff = (a: unknown, b: unknown) => jsonDiff(a, b, { align: true });

const request: Json = {
  model: 'gpt-5',
  instructions: 'Be brief.',
  input: [
    { role: 'user', content: 'Weather in Paris?' },
    { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
    { type: 'function_call_output', call_id: 'call_1', output: '18C' },
  ],
  tools: [
    { type: 'function', name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
  ],
  include: ['reasoning.encrypted_content', 'message.output_text.logprobs'],
  store: false,
  stream: true,
};

const response: Json = {
  id: 'resp_1',
  object: 'response',
  created_at: 1700000000,
  status: 'completed',
  error: null,
  incomplete_details: null,
  instructions: null,
  model: 'gpt-5',
  output: [
    { id: 'rs_1', type: 'reasoning', summary: [{ type: 'summary_text', text: 'hm' }], encrypted_content: 'E' },
    {
      id: 'msg_1',
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: 'Hi', annotations: [], logprobs: [] }],
    },
    { id: 'fc_1', type: 'function_call', status: 'completed', call_id: 'call_9', name: 'f', arguments: '{"a":1}' },
  ],
  parallel_tool_calls: true,
  temperature: null,
  tool_choice: 'auto',
  tools: [],
  top_p: null,
  metadata: {},
  usage: {
    input_tokens: 10,
    input_tokens_details: { cached_tokens: 2 },
    output_tokens: 5,
    output_tokens_details: { reasoning_tokens: 1 },
    total_tokens: 15,
  },
};

describe('Responses meaning: requests', () => {
  it('treats legal spellings as equal', () => {
    const v = clone(request);
    const input = v.input as Json[];
    input[0] = {
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'Weather in Paris?' }],
      id: 'msg_x',
    };
    input[1] = { ...input[1], id: 'fc_x', call_id: 'call_zz', arguments: '{ "city" : "Paris" }' };
    input[2] = { ...input[2], call_id: 'call_zz' };
    v.include = ['message.output_text.logprobs', 'reasoning.encrypted_content'];
    v.tool_choice = 'auto';
    v.parallel_tool_calls = true;
    v.metadata = {};
    v.vendor_key = 1;
    expect(diff(m.request(request), m.request(v))).toEqual([]);
  });

  it('tells a different request apart: another call id pairing, developer text, strict, store', () => {
    for (const change of [
      (r: Json) => {
        ((r.input as Json[])[2] as Json).call_id = 'call_other';
      },
      (r: Json) => {
        (r.input as Json[]).unshift({ role: 'developer', content: 'x' });
      },
      (r: Json) => {
        ((r.tools as Json[])[0] as Json).strict = true;
      },
      (r: Json) => {
        delete r.store;
      },
    ]) {
      const v = clone(request);
      change(v);
      expect(diff(m.request(request), m.request(v)).length).toBeGreaterThan(0);
    }
  });
});

describe('Responses meaning: answers and streams', () => {
  it('ignores item ids, echoed settings and empty annotations; reads call ids by order', () => {
    const v = clone(response);
    const out = v.output as Json[];
    for (const [i, item] of out.entries()) out[i] = { ...item, id: `other_${i}` };
    (out[2] as Json).call_id = 'call_elsewhere';
    v.instructions = 'echoed';
    v.temperature = 1;
    ((out[1] as Json).content as Json[])[0] = { type: 'output_text', text: 'Hi' };
    expect(diff(m.response(response), m.response(v))).toEqual([]);
  });

  it('tells apart text, status, signatures and usage', () => {
    for (const change of [
      (r: Json) => {
        (((r.output as Json[])[1] as Json).content as Json[])[0] = { type: 'output_text', text: 'Ho' };
      },
      (r: Json) => {
        r.status = 'incomplete';
        r.incomplete_details = { reason: 'max_output_tokens' };
      },
      (r: Json) => {
        ((r.output as Json[])[0] as Json).encrypted_content = 'F';
      },
      (r: Json) => {
        (r.usage as Json).output_tokens = 6;
      },
    ]) {
      const v = clone(response);
      change(v);
      expect(diff(m.response(response), m.response(v)).length).toBeGreaterThan(0);
    }
  });

  it('streams: a terminal event is a clean end, error then failed is an error, no terminal is cut short', () => {
    const created = {
      type: 'response.created',
      sequence_number: 0,
      response: { ...response, status: 'in_progress', output: [] },
    };
    const done = { type: 'response.completed', sequence_number: 1, response };
    expect(m.stream([created, done])).toEqual({ end: 'complete', message: m.response(response) });
    const error = { type: 'error', sequence_number: 1, code: 'server_error', message: 'x', param: null };
    const failed = { type: 'response.failed', sequence_number: 2, response: { ...response, status: 'failed' } };
    expect(m.stream([created, error, failed])).toEqual({ end: 'error', error: 'server_error' });
    expect(m.stream([created])).toEqual({ end: 'cut short' });
  });
});
