import { encodeSSE, encodeSSEData, encodeSSEEvent } from '../src/wire/sse/encode-sse.js';

/**
 * Deterministic benchmark inputs: requests, responses and streams in both formats, built
 * independently for each format (not by our translators) so the inputs are fair to every contender.
 */

/** Deterministic words (a linear congruential generator; no Math.random). */
export function words(seed: number, count: number): string {
  const vocab = [
    'the',
    'model',
    'returns',
    'a',
    'tool',
    'call',
    'with',
    'arguments',
    'streamed',
    'over',
    'server',
    'sent',
    'events',
    'and',
    'usage',
    'tokens',
    'weather',
    'in',
    'Paris',
    'is',
    'mild',
    'today',
    'gateway',
    'translates',
    'naïve',
    'café',
    '東京',
    '🙂',
    'JSON',
    'schema',
  ];
  let x = seed >>> 0;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(vocab[x % vocab.length]!);
  }
  return out.join(' ');
}

const TOOLS = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    schema: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city'],
    },
  },
  {
    name: 'search_docs',
    description: 'Search the documentation.',
    schema: {
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer' } },
      required: ['query'],
    },
  },
  {
    name: 'run_sql',
    description: 'Run a read-only SQL query.',
    schema: { type: 'object', properties: { sql: { type: 'string' } }, required: ['sql'] },
  },
];

/** A 1 MB-ish base64 payload (valid base64 of deterministic bytes). */
function base64Blob(bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = (i * 31 + 7) & 0xff;
  return buf.toString('base64');
}

export type Size = 'small' | 'medium' | 'large';
const TURNS: Record<Size, number> = { small: 1, medium: 20, large: 200 };

export function anthropicRequest(size: Size): Record<string, unknown> {
  const turns = TURNS[size];
  const messages: Record<string, unknown>[] = [];
  for (let t = 0; t < turns; t++) {
    const last = t === turns - 1;
    if (!last && t % 2 === 1) {
      const tool = TOOLS[t % TOOLS.length]!;
      const id = `toolu_${String(t).padStart(4, '0')}`;
      messages.push({ role: 'user', content: words(t, 30) });
      messages.push({
        role: 'assistant',
        content: [
          { type: 'text', text: words(t + 1000, 20) },
          { type: 'tool_use', id, name: tool.name, input: { city: 'Paris', query: words(t, 4), sql: 'select 1' } },
        ],
      });
      messages.push({
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: id, content: words(t + 2000, 60) }],
      });
      messages.push({ role: 'assistant', content: words(t + 3000, 40) });
    } else if (!last) {
      messages.push({ role: 'user', content: words(t, 30) });
      messages.push({ role: 'assistant', content: words(t + 3000, 40) });
    } else {
      const content: Record<string, unknown>[] = [{ type: 'text', text: words(t + 5000, 60) }];
      if (size === 'large')
        content.unshift({
          type: 'image',
          source: { type: 'base64', media_type: 'image/png', data: base64Blob(768 * 1024) },
        });
      messages.push({ role: 'user', content });
    }
  }
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: words(42, 120),
    messages,
    ...(size === 'small'
      ? {}
      : { tools: TOOLS.map((t) => ({ name: t.name, description: t.description, input_schema: t.schema })) }),
    stop_sequences: ['\n\nHuman:'],
  };
}

export function openaiRequest(size: Size): Record<string, unknown> {
  const turns = TURNS[size];
  const messages: Record<string, unknown>[] = [{ role: 'system', content: words(42, 120) }];
  for (let t = 0; t < turns; t++) {
    const last = t === turns - 1;
    if (!last && t % 2 === 1) {
      const tool = TOOLS[t % TOOLS.length]!;
      const id = `call_${String(t).padStart(4, '0')}`;
      messages.push({ role: 'user', content: words(t, 30) });
      messages.push({
        role: 'assistant',
        content: words(t + 1000, 20),
        tool_calls: [
          {
            id,
            type: 'function',
            function: {
              name: tool.name,
              arguments: JSON.stringify({ city: 'Paris', query: words(t, 4), sql: 'select 1' }),
            },
          },
        ],
      });
      messages.push({ role: 'tool', tool_call_id: id, content: words(t + 2000, 60) });
      messages.push({ role: 'assistant', content: words(t + 3000, 40) });
    } else if (!last) {
      messages.push({ role: 'user', content: words(t, 30) });
      messages.push({ role: 'assistant', content: words(t + 3000, 40) });
    } else {
      const content: Record<string, unknown>[] = [{ type: 'text', text: words(t + 5000, 60) }];
      if (size === 'large')
        content.unshift({ type: 'image_url', image_url: { url: `data:image/png;base64,${base64Blob(768 * 1024)}` } });
      messages.push({ role: 'user', content });
    }
  }
  return {
    model: 'gpt-4o',
    max_completion_tokens: 1024,
    messages,
    ...(size === 'small'
      ? {}
      : {
          tools: TOOLS.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.schema },
          })),
        }),
    stop: ['\n\nHuman:'],
  };
}

export function anthropicResponse(): Record<string, unknown> {
  return {
    id: 'msg_bench_0001',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'text', text: words(7, 200) },
      { type: 'tool_use', id: 'toolu_bench', name: 'get_weather', input: { city: 'Paris', unit: 'c' } },
    ],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 1200, output_tokens: 260, cache_creation_input_tokens: 0, cache_read_input_tokens: 800 },
  };
}

export function openaiResponse(): Record<string, unknown> {
  return {
    id: 'chatcmpl-bench0001',
    object: 'chat.completion',
    created: 1700000000,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        logprobs: null,
        message: {
          role: 'assistant',
          content: words(7, 200),
          refusal: null,
          tool_calls: [
            {
              id: 'call_bench',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"c"}' },
            },
          ],
        },
      },
    ],
    usage: {
      prompt_tokens: 2000,
      completion_tokens: 260,
      total_tokens: 2260,
      prompt_tokens_details: { cached_tokens: 800 },
      completion_tokens_details: { reasoning_tokens: 0 },
    },
  };
}

/** Anthropic SSE events: message_start, one text block of deltas, one tool block, message_delta, message_stop. */
export function anthropicStreamEvents(total: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  events.push({
    type: 'message_start',
    message: {
      id: 'msg_bench_stream',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1200, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  });
  const toolDeltas = Math.max(2, Math.floor(total * 0.1));
  const textDeltas = Math.max(1, total - toolDeltas - 8);
  events.push({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < textDeltas; i++)
    events.push({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `${words(i, 3)} ` } });
  events.push({ type: 'content_block_stop', index: 0 });
  events.push({
    type: 'content_block_start',
    index: 1,
    content_block: { type: 'tool_use', id: 'toolu_bench', name: 'get_weather', input: {} },
  });
  events.push({
    type: 'content_block_delta',
    index: 1,
    delta: { type: 'input_json_delta', partial_json: '{"city":"' },
  });
  for (let i = 0; i < toolDeltas - 2; i++)
    events.push({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: 'Pa' } });
  events.push({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '"}' } });
  events.push({ type: 'content_block_stop', index: 1 });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: 'tool_use', stop_sequence: null },
    usage: { output_tokens: total },
  });
  events.push({ type: 'message_stop' });
  return events;
}

/** OpenAI chunks: role chunk, content deltas, one tool call in fragments, finish, usage chunk. */
export function openaiStreamChunks(total: number): Record<string, unknown>[] {
  const base = { id: 'chatcmpl-benchstream', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o' };
  const chunks: Record<string, unknown>[] = [];
  const toolDeltas = Math.max(2, Math.floor(total * 0.1));
  const textDeltas = Math.max(1, total - toolDeltas - 3);
  chunks.push({
    ...base,
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
    usage: null,
  });
  for (let i = 0; i < textDeltas; i++)
    chunks.push({
      ...base,
      choices: [{ index: 0, delta: { content: `${words(i, 3)} ` }, finish_reason: null }],
      usage: null,
    });
  chunks.push({
    ...base,
    choices: [
      {
        index: 0,
        delta: {
          tool_calls: [
            { index: 0, id: 'call_bench', type: 'function', function: { name: 'get_weather', arguments: '{"city":"' } },
          ],
        },
        finish_reason: null,
      },
    ],
    usage: null,
  });
  for (let i = 0; i < toolDeltas - 2; i++)
    chunks.push({
      ...base,
      choices: [
        { index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: 'Pa' } }] }, finish_reason: null },
      ],
      usage: null,
    });
  chunks.push({
    ...base,
    choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"}' } }] }, finish_reason: null }],
    usage: null,
  });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], usage: null });
  chunks.push({
    ...base,
    choices: [],
    usage: { prompt_tokens: 1200, completion_tokens: total, total_tokens: 1200 + total },
  });
  return chunks;
}

/** SSE wire text for events, framed by the library's one SSE encoder. */
export function anthropicSSE(events: Record<string, unknown>[]): string {
  return events.map((e) => encodeSSEEvent(String(e.type), e)).join('');
}

export function openaiSSE(chunks: Record<string, unknown>[]): string {
  return chunks.map((c) => encodeSSEData(c)).join('') + encodeSSE({ data: '[DONE]' });
}

/** Split text into byte chunks of a fixed size (identical chunking for every contender). */
export function chunkBytes(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
