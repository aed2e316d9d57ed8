import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonDiff } from '../scenarios/diff.js';
import { openaiChatMeaning as m, OPENAI_EXTENSION_KEYS } from './openai-chat.js';

type Json = Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);
const diff = (a: unknown, b: unknown) => jsonDiff(a, b, { align: true });

const request: Json = {
  model: 'gpt-4o',
  max_completion_tokens: 300,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Weather in Paris?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: '18C' },
  ],
  tools: [
    {
      type: 'function',
      function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    },
  ],
  stop: ['END'],
  stream: true,
  stream_options: { include_usage: true },
};

const completion: Json = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        refusal: null,
        tool_calls: [
          {
            id: 'call_9',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo","unit":"c"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 120, completion_tokens: 9, total_tokens: 129, prompt_tokens_details: { cached_tokens: 100 } },
};

describe('OpenAI meaning: requests', () => {
  const legal: [string, (r: Json) => Json][] = [
    [
      'max_tokens instead of max_completion_tokens',
      (r) => {
        const { max_completion_tokens, ...rest } = r;
        return { ...rest, max_tokens: max_completion_tokens };
      },
    ],
    [
      'developer for system, content parts for strings, stop as a string',
      (r) => {
        const x = clone(r);
        (x.messages as Json[])[0] = { role: 'developer', content: [{ type: 'text', text: 'Be brief.' }] };
        return { ...x, stop: 'END' };
      },
    ],
    [
      'assistant content "" instead of null, arguments spaced, other ids',
      (r) => {
        const x = JSON.parse(JSON.stringify(r).replaceAll('call_1', 'toolu_x')) as Json;
        const a = (x.messages as Json[])[2] as Json;
        a.content = '';
        ((a.tool_calls as Json[])[0]!.function as Json).arguments = '{ "city": "Paris" }';
        return x;
      },
    ],
    [
      'explicit defaults and vendor keys',
      (r) => ({
        ...r,
        n: 1,
        parallel_tool_calls: true,
        tool_choice: 'auto',
        logprobs: false,
        provider: { sort: 'price' },
        cache_control: { type: 'ephemeral' },
      }),
    ],
    [
      'tool schema spelled otherwise',
      (r) => ({
        ...r,
        tools: [
          {
            type: 'function',
            function: {
              name: 'get_weather',
              description: '',
              strict: false,
              parameters: { properties: { city: { type: 'STRING' } }, type: 'object', required: [] },
            },
          },
        ],
      }),
    ],
  ];
  for (const [name, vary] of legal) {
    it(`equal: ${name}`, () => expect(diff(m.request(request), m.request(vary(clone(request))))).toEqual([]));
  }
  it('equal: stream false ≡ absent', () => {
    const { stream: _, stream_options: __, ...plain } = request;
    expect(diff(m.request(plain), m.request({ ...plain, stream: false }))).toEqual([]);
  });
  const illegal: [string, (r: Json) => Json, RegExp][] = [
    ['no usage asked for in a stream', (r) => ({ ...r, stream_options: undefined }), /stream_options/],
    ['the limit changed', (r) => ({ ...r, max_completion_tokens: 1 }), /max_completion_tokens/],
    [
      'a tool-call argument dropped',
      (r) => JSON.parse(JSON.stringify(r).replace('{\\"city\\":\\"Paris\\"}', '{}')),
      /arguments\.city/,
    ],
    ['the stop sequence dropped', (r) => ({ ...r, stop: undefined }), /^stop/],
    ['a message dropped', (r) => ({ ...r, messages: (r.messages as Json[]).slice(1) }), /messages/],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () =>
      expect(diff(m.request(request), m.request(vary(clone(request)))).join('\n')).toMatch(where));
  }
});

describe('OpenAI meaning: answers and streams', () => {
  it('equal: ids, key order, refusal/logprobs absent, vendor keys, content "" for null, reasoning_content "" for absent', () => {
    const c = clone(completion);
    const choice = (c.choices as Json[])[0]!;
    delete choice.logprobs;
    const msg = choice.message as Json;
    delete msg.refusal;
    msg.content = '';
    msg.reasoning_content = '';
    msg.content_blocks = [];
    (c.usage as Json).cache_read_input_tokens = 100;
    expect(
      diff(
        m.response(completion),
        m.response({ ...c, id: 'other', created: 1, provider: 'x', system_fingerprint: 'fp' }),
      ),
    ).toEqual([]);
  });
  const illegal: [string, (r: Json) => void, RegExp][] = [
    ['cached tokens dropped', (r) => delete (r.usage as Json).prompt_tokens_details, /cached_tokens/],
    // crosswire's answer extensions are read by its clients: a change of them is a change of meaning
    [
      'reasoning_content added',
      (r) => (((r.choices as Json[])[0]!.message as Json).reasoning_content = 'thought'),
      /reasoning_content/,
    ],
    ['stop_sequence added', (r) => ((r.choices as Json[])[0]!.stop_sequence = 'END'), /stop_sequence/],
    ['refusal added', (r) => (((r.choices as Json[])[0]!.message as Json).refusal = 'no'), /refusal/],
    [
      'an annotation added',
      (r) =>
        (((r.choices as Json[])[0]!.message as Json).annotations = [
          {
            type: 'url_citation',
            url_citation: { url: 'https://example.com', title: 't', start_index: 0, end_index: 1 },
          },
        ]),
      /annotations/,
    ],
    ['finish reason changed', (r) => ((r.choices as Json[])[0]!.finish_reason = 'stop'), /finish_reason/],
    [
      'a tool-call argument dropped',
      (r) =>
        (((r.choices as Json[])[0]!.message as Json).tool_calls = [
          { id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
        ]),
      /arguments\.unit/,
    ],
  ];
  for (const [name, vary, where] of illegal) {
    it(`differs: ${name}`, () => {
      const c = clone(completion);
      vary(c);
      expect(diff(m.response(completion), m.response(c)).join('\n')).toMatch(where);
    });
  }

  const chunk = (delta: Json, finish: string | null = null, extra: Json = {}) => ({
    id: 'c',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'g',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });
  const usage = {
    prompt_tokens: 5,
    completion_tokens: 2,
    total_tokens: 7,
    prompt_tokens_details: { cached_tokens: 3 },
  };
  const stream = [
    chunk({ role: 'assistant', content: '' }),
    chunk({ content: 'Hel' }),
    chunk({ content: 'lo' }),
    chunk({}, 'stop'),
    { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'g', choices: [], usage },
    '[DONE]',
  ];
  it('streams: usage on the finish chunk, other chunking, no [DONE] after the finish mean the same', () => {
    const a = m.stream(stream);
    expect(a).toMatchObject({
      end: 'complete',
      message: { choices: [{ message: { content: 'Hello' }, finish_reason: 'stop' }], usage: { cached_tokens: 3 } },
    });
    expect(
      diff(a, m.stream([chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop', { usage }), '[DONE]'])),
    ).toEqual([]);
    expect(diff(a, m.stream([chunk({ role: 'assistant', content: 'Hello' }), chunk({}, 'stop', { usage })]))).toEqual(
      [],
    );
  });
  it('streams: a failure that ends as a success, or a cut, is another meaning', () => {
    const failed = m.stream([...stream.slice(0, 2), { error: { message: 'boom', type: 'server_error' } }]);
    expect(failed).toEqual({ end: 'error', error: 'server_error' });
    expect(m.stream(stream.slice(0, 3)).end).toBe('cut short');
  });
});

describe('OpenAI crosswire extensions', () => {
  it('are exactly the properties the spec marks x-crosswire-extension', () => {
    const spec = parse(
      readFileSync(fileURLToPath(new URL('../../spec/openai-chat-completions.yaml', import.meta.url)), 'utf8'),
    ) as unknown;
    const marked = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'properties' && x && typeof x === 'object') {
            for (const [name, p] of Object.entries(x))
              if (p && typeof p === 'object' && (p as Json)['x-crosswire-extension'] === true) marked.add(name);
          }
          walk(x);
        }
      }
    };
    walk(spec);
    expect([...marked].sort()).toEqual([...OPENAI_EXTENSION_KEYS].sort());
  });
});
