import { describe, expect, it } from 'vitest';
import { jsonDiff } from '../scenarios/diff.js';
import { anthropicMessagesMeaning as m } from './anthropic-messages.js';
import { bedrockInvokeMeaning } from './bedrock-invoke.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const diff = (a: unknown, b: unknown) => jsonDiff(a, b, { align: true });

const request: Json = {
  model: 'claude-sonnet-4-5',
  max_tokens: 300,
  system: 'Be brief.',
  messages: [
    { role: 'user', content: 'Weather in Paris?' },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
    },
    {
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'city not found', is_error: true }],
    },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Weather',
      input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  ],
  temperature: 0.2,
};

const message: Json = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'Look it up.', signature: 'c2ln' },
    { type: 'text', text: 'Checking.' },
    { type: 'tool_use', id: 'toolu_9', name: 'get_weather', input: { city: 'Oslo', unit: 'c' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 30 },
};

describe('Anthropic meaning: requests', () => {
  const legal: [string, (r: Json) => Json][] = [
    ['keys in another order', (r) => Object.fromEntries(Object.entries(r).reverse())],
    ['system as a text block', (r) => ({ ...r, system: [{ type: 'text', text: 'Be brief.' }] })],
    [
      'content as text blocks',
      (r) => ({
        ...r,
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
          ...(r.messages as Json[]).slice(1),
        ],
      }),
    ],
    [
      'explicit stream: false, vendor keys, null optional fields',
      (r) => ({ ...r, stream: false, x_vendor: { a: 1 }, metadata: { user_id: null } }),
    ],
    ['other tool ids, consistently', (r) => JSON.parse(JSON.stringify(r).replaceAll('toolu_1', 'call_abc'))],
    [
      'tool_choice auto, disable_parallel_tool_use false',
      (r) => ({ ...r, tool_choice: { type: 'auto', disable_parallel_tool_use: false } }),
    ],
    [
      'the [tool_error] text convention for is_error',
      (r) => {
        const x = clone(r);
        (x.messages as Json[])[2] = {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '[tool_error] city not found' }],
        };
        return x;
      },
    ],
    [
      'tool schema: upper-case type, empty $defs, required order',
      (r) => ({
        ...r,
        tools: [
          {
            name: 'get_weather',
            description: 'Weather',
            input_schema: {
              $defs: {},
              type: 'OBJECT',
              required: ['city'],
              properties: { city: { type: 'string', description: '' } },
            },
          },
        ],
      }),
    ],
    [
      'one user turn split in two (the API merges them)',
      (r) => {
        const x = clone(r);
        (x.messages as Json[]).splice(0, 1, { role: 'user', content: 'Weather in Paris?' });
        (x.messages as Json[]).unshift({ role: 'user', content: [] });
        return x;
      },
    ],
    [
      'empty system and stop_sequences',
      (r) => ({ ...r, stop_sequences: [], messages: r.messages, system: 'Be brief.' }),
    ],
  ];
  for (const [name, vary] of legal) {
    it(`equal: ${name}`, () => {
      expect(diff(m.request(request), m.request(vary(clone(request))))).toEqual([]);
    });
  }
  it('equal: system [] and "" are no system', () => {
    const { system: _, ...none } = request;
    expect(diff(m.request(none), m.request({ ...none, system: [] }))).toEqual([]);
    expect(diff(m.request(none), m.request({ ...none, system: '' }))).toEqual([]);
  });

  const illegal: [string, (r: Json) => Json, RegExp][] = [
    ['max_tokens changed', (r) => ({ ...r, max_tokens: 301 }), /^max_tokens/],
    ['temperature dropped', (r) => ({ ...r, temperature: undefined }), /^temperature/],
    [
      'a tool-call argument dropped',
      (r) => JSON.parse(JSON.stringify(r).replace('"input":{"city":"Paris"}', '"input":{}')),
      /input\.city/,
    ],
    ['is_error dropped', (r) => JSON.parse(JSON.stringify(r).replace(',"is_error":true', '')), /is_error/],
    [
      'a tool result answering another call',
      (r) => JSON.parse(JSON.stringify(r).replace('"tool_use_id":"toolu_1"', '"tool_use_id":"toolu_2"')),
      /tool_use_id/,
    ],
    [
      'a schema type changed',
      (r) => JSON.parse(JSON.stringify(r).replace('"city":{"type":"string"}', '"city":{"type":"number"}')),
      /input_schema/,
    ],
    ['stream: true', (r) => ({ ...r, stream: true }), /^stream/],
    ['the system prompt changed', (r) => ({ ...r, system: 'Be long.' }), /^system/],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () => {
      const d = diff(m.request(request), m.request(vary(clone(request))));
      expect(d.length).toBeGreaterThan(0);
      expect(d.join('\n')).toMatch(where);
    });
  }

  it('InvokeModel bodies: anthropic_beta as a set, and the version counts', () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['a', 'b'],
      max_tokens: 5,
      messages: [{ role: 'user', content: 'hi' }],
    };
    expect(
      diff(bedrockInvokeMeaning.request(body), bedrockInvokeMeaning.request({ ...body, anthropic_beta: ['b', 'a'] })),
    ).toEqual([]);
    expect(
      diff(bedrockInvokeMeaning.request(body), bedrockInvokeMeaning.request({ ...body, anthropic_beta: ['a,b'] })),
    ).not.toEqual([]);
    expect(
      diff(
        bedrockInvokeMeaning.request(body),
        bedrockInvokeMeaning.request({ ...body, anthropic_version: '2026-10-21' }),
      ),
    ).not.toEqual([]);
  });
});

describe('Anthropic meaning: answers', () => {
  const legal: [string, (r: Json) => Json][] = [
    [
      'other ids, model and key order',
      (r) => ({ ...Object.fromEntries(Object.entries(r).reverse()), id: 'msg_other', model: 'claude-x' }),
    ],
    [
      'null optional fields dropped, vendor keys added',
      (r) => {
        const { stop_sequence: _, ...rest } = r;
        return {
          ...rest,
          stop_details: null,
          provider: 'anthropic',
          usage: { ...(r.usage as Json), cache_creation_input_tokens: null, service_tier: 'standard' },
        };
      },
    ],
    [
      'cache counts absent (≡ 0) and a cache breakdown of zeros',
      (r) => ({
        ...r,
        usage: {
          input_tokens: 10,
          output_tokens: 20,
          cache_read_input_tokens: 30,
          cache_creation: { ephemeral_5m_input_tokens: 0 },
        },
      }),
    ],
    [
      'text split into two blocks, and an empty text block',
      (r) => {
        const x = clone(r);
        (x.content as Json[]).splice(
          1,
          1,
          { type: 'text', text: 'Check' },
          { type: 'text', text: '' },
          { type: 'text', text: 'ing.' },
        );
        return x;
      },
    ],
    ['another tool id', (r) => JSON.parse(JSON.stringify(r).replace('toolu_9', 'toolu_other'))],
  ];
  for (const [name, vary] of legal) {
    it(`equal: ${name}`, () => {
      expect(diff(m.response(message), m.response(vary(clone(message))))).toEqual([]);
    });
  }
  const illegal: [string, (r: Json) => Json, RegExp][] = [
    [
      'cache reads dropped',
      (r) => ({ ...r, usage: { ...(r.usage as Json), cache_read_input_tokens: 0 } }),
      /cache_read_input_tokens/,
    ],
    ['stop reason changed', (r) => ({ ...r, stop_reason: 'end_turn' }), /stop_reason/],
    ['a tool-call argument dropped', (r) => JSON.parse(JSON.stringify(r).replace(',"unit":"c"', '')), /input\.unit/],
    [
      'the thinking signature dropped',
      (r) => JSON.parse(JSON.stringify(r).replace(',"signature":"c2ln"', '')),
      /signature/,
    ],
    ['blocks in another order', (r) => ({ ...r, content: [...(r.content as Json[])].reverse() }), /content/],
    ['a stop sequence lost', (r) => ({ ...r, stop_reason: 'stop_sequence', stop_sequence: null }), /stop_reason/],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () => {
      const d = diff(m.response(message), m.response(vary(clone(message))));
      expect(d.join('\n')).toMatch(where);
    });
  }
});

describe('Anthropic meaning: streams and errors', () => {
  const events = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 30 },
      },
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'lo' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
    { type: 'message_stop' },
  ];
  it('a stream rebuilds to its message; other chunking and pings mean the same', () => {
    const a = m.stream(events);
    expect(a).toMatchObject({
      end: 'complete',
      message: {
        content: [{ type: 'text', text: 'Hello' }],
        stop_reason: 'end_turn',
        usage: { cache_read_input_tokens: 30, output_tokens: 2 },
      },
    });
    const rechunked = [
      events[0],
      { type: 'ping' },
      events[1],
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
      ...events.slice(4),
    ];
    expect(diff(a, m.stream(rechunked))).toEqual([]);
  });
  it('how it ends is part of the meaning: an error, an error then a clean end, cut short', () => {
    const error = { type: 'error', error: { type: 'overloaded_error', message: 'x' } };
    expect(m.stream([...events.slice(0, 4), error])).toEqual({ end: 'error', error: 'overloaded_error' });
    expect(m.stream([...events.slice(0, 4), error, { type: 'message_stop' }]).end).toBe('error, then a clean end');
    expect(m.stream(events.slice(0, 4)).end).toBe('cut short');
  });
  it('tool input that does not join into JSON shows as such (the rest of the message is still rebuilt)', () => {
    const tool = [
      events[0],
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 2 } },
      { type: 'message_stop' },
    ];
    expect(m.stream(tool)).toMatchObject({
      end: 'complete',
      message: { content: [{ name: 'f', input: { $unparsable: '{"a":' } }], stop_reason: 'tool_use' },
    });
  });
  it('errors: the status class and the error type; the message text may differ', () => {
    const e = m.error(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(
      diff(e, m.error(503, { type: 'error', error: { type: 'overloaded_error', message: 'anthropic error: busy' } })),
    ).toEqual([]);
    expect(diff(e, m.error(429, { type: 'error', error: { type: 'overloaded_error', message: 'x' } }))).not.toEqual([]);
    expect(diff(e, m.error(529, { error: { type: 'overloaded_error', message: 'x' } })).join('\n')).toMatch(/body/);
  });
});
