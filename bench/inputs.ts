/**
 * Deterministic benchmark inputs. Each input is described once in a format-neutral shape (a conversation, a
 * response, a stream) and rendered by hand into every format's wire shape here, never by the library under test,
 * so every contender gets the same content and a translator cannot shape its own input. `bench/digest.ts` reads
 * the same content back out of any format, which is how every contender's output is checked.
 */
import { concatBytes, eventFrame, sseData, sseEvent } from './wire.js';

export type Format = 'anthropic-messages' | 'openai-chat' | 'gemini' | 'bedrock-converse';

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

// ---------------------------------------------------------------------------------------------- requests

type Part =
  | { text: string }
  | { call: { id: string; name: string; args: Record<string, unknown> } }
  | { result: { id: string; name: string; text: string } }
  | { image: { mediaType: 'image/png'; data: string } };

interface Conversation {
  system: string;
  messages: { role: 'user' | 'assistant'; parts: Part[] }[];
  tools: typeof TOOLS;
  maxTokens: number;
  stop: string[];
}

/**
 * small: a system prompt and one question. medium / large: 10 / 100 tool turns (question, text + tool call, tool
 * result, answer) before the last question, with three tool definitions. image: small with a 768 KB PNG (base64).
 */
export type RequestSize = 'small' | 'medium' | 'large' | 'image';
const TOOL_TURNS: Record<RequestSize, number> = { small: 0, medium: 10, large: 100, image: 0 };

/** Valid base64 of deterministic bytes. */
function base64Blob(bytes: number): string {
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) buf[i] = (i * 31 + 7) & 0xff;
  return buf.toString('base64');
}

function conversation(size: RequestSize): Conversation {
  const messages: Conversation['messages'] = [];
  for (let t = 0; t < TOOL_TURNS[size]; t++) {
    const tool = TOOLS[t % TOOLS.length]!;
    const id = `toolu_${String(t).padStart(4, '0')}`;
    const args =
      tool.name === 'get_weather'
        ? { city: 'Paris', unit: 'c' }
        : tool.name === 'search_docs'
          ? { query: words(t, 4), limit: 5 }
          : { sql: 'select 1' };
    messages.push({ role: 'user', parts: [{ text: words(t, 12) }] });
    messages.push({
      role: 'assistant',
      parts: [{ text: words(t + 1000, 8) }, { call: { id, name: tool.name, args } }],
    });
    messages.push({ role: 'user', parts: [{ result: { id, name: tool.name, text: words(t + 2000, 16) } }] });
    messages.push({ role: 'assistant', parts: [{ text: words(t + 3000, 12) }] });
  }
  const last: Part[] = [{ text: words(5000, 40) }];
  if (size === 'image') last.unshift({ image: { mediaType: 'image/png', data: base64Blob(768 * 1024) } });
  messages.push({ role: 'user', parts: last });
  return {
    system: words(42, size === 'small' || size === 'image' ? 120 : 40),
    messages,
    tools: size === 'small' || size === 'image' ? [] : TOOLS,
    maxTokens: 1024,
    stop: ['\n\nHuman:'],
  };
}

function renderMessagesRequest(c: Conversation): Record<string, unknown> {
  const messages = c.messages.map((m) => {
    if (m.parts.length === 1 && 'text' in m.parts[0]!) return { role: m.role, content: m.parts[0].text };
    return {
      role: m.role,
      content: m.parts.map((p) => {
        if ('text' in p) return { type: 'text', text: p.text };
        if ('call' in p) return { type: 'tool_use', id: p.call.id, name: p.call.name, input: p.call.args };
        if ('result' in p) return { type: 'tool_result', tool_use_id: p.result.id, content: p.result.text };
        return { type: 'image', source: { type: 'base64', media_type: p.image.mediaType, data: p.image.data } };
      }),
    };
  });
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: c.maxTokens,
    system: c.system,
    messages,
    ...(c.tools.length
      ? { tools: c.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.schema })) }
      : {}),
    stop_sequences: c.stop,
  };
}

function renderChatRequest(c: Conversation): Record<string, unknown> {
  const messages: Record<string, unknown>[] = [{ role: 'system', content: c.system }];
  for (const m of c.messages) {
    const texts = m.parts.filter((p): p is { text: string } => 'text' in p);
    const calls = m.parts.filter((p) => 'call' in p);
    const results = m.parts.filter((p) => 'result' in p);
    const images = m.parts.filter((p) => 'image' in p);
    for (const r of results) messages.push({ role: 'tool', tool_call_id: r.result.id, content: r.result.text });
    if (images.length > 0) {
      messages.push({
        role: m.role,
        content: m.parts.flatMap((p): Record<string, unknown>[] =>
          'text' in p
            ? [{ type: 'text', text: p.text }]
            : 'image' in p
              ? [{ type: 'image_url', image_url: { url: `data:${p.image.mediaType};base64,${p.image.data}` } }]
              : [],
        ),
      });
    } else if (texts.length > 0 || calls.length > 0) {
      messages.push({
        role: m.role,
        content: texts.map((t) => t.text).join(''),
        ...(calls.length
          ? {
              tool_calls: calls.map((p) => ({
                id: p.call.id,
                type: 'function',
                function: { name: p.call.name, arguments: JSON.stringify(p.call.args) },
              })),
            }
          : {}),
      });
    }
  }
  return {
    model: 'gpt-4o',
    max_completion_tokens: c.maxTokens,
    messages,
    ...(c.tools.length
      ? {
          tools: c.tools.map((t) => ({
            type: 'function',
            function: { name: t.name, description: t.description, parameters: t.schema },
          })),
        }
      : {}),
    stop: c.stop,
  };
}

/** A JSON Schema in Gemini's OpenAPI subset: the same schema with upper-case type names. */
function geminiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(geminiSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'type' && typeof v === 'string') out[k] = v.toUpperCase();
    else if (k === 'properties' && typeof v === 'object' && v !== null)
      out[k] = Object.fromEntries(Object.entries(v).map(([n, p]) => [n, geminiSchema(p)]));
    else out[k] = v;
  }
  return out;
}

function renderGeminiRequest(c: Conversation): Record<string, unknown> {
  const contents = c.messages.map((m) => ({
    role: m.role === 'assistant' ? 'model' : 'user',
    parts: m.parts.map((p) => {
      if ('text' in p) return { text: p.text };
      if ('call' in p) return { functionCall: { id: p.call.id, name: p.call.name, args: p.call.args } };
      if ('result' in p)
        return { functionResponse: { id: p.result.id, name: p.result.name, response: { output: p.result.text } } };
      return { inlineData: { mimeType: p.image.mediaType, data: p.image.data } };
    }),
  }));
  return {
    systemInstruction: { parts: [{ text: c.system }] },
    contents,
    ...(c.tools.length
      ? {
          tools: [
            {
              functionDeclarations: c.tools.map((t) => ({
                name: t.name,
                description: t.description,
                parameters: geminiSchema(t.schema),
              })),
            },
          ],
        }
      : {}),
    generationConfig: { maxOutputTokens: c.maxTokens, stopSequences: c.stop },
  };
}

function renderConverseRequest(c: Conversation): Record<string, unknown> {
  const messages = c.messages.map((m) => ({
    role: m.role,
    content: m.parts.map((p) => {
      if ('text' in p) return { text: p.text };
      if ('call' in p) return { toolUse: { toolUseId: p.call.id, name: p.call.name, input: p.call.args } };
      if ('result' in p) return { toolResult: { toolUseId: p.result.id, content: [{ text: p.result.text }] } };
      return { image: { format: 'png', source: { bytes: p.image.data } } };
    }),
  }));
  return {
    system: [{ text: c.system }],
    messages,
    ...(c.tools.length
      ? {
          toolConfig: {
            tools: c.tools.map((t) => ({
              toolSpec: { name: t.name, description: t.description, inputSchema: { json: t.schema } },
            })),
          },
        }
      : {}),
    inferenceConfig: { maxTokens: c.maxTokens, stopSequences: c.stop },
  };
}

const REQUEST_RENDERERS: Record<Format, (c: Conversation) => Record<string, unknown>> = {
  'anthropic-messages': renderMessagesRequest,
  'openai-chat': renderChatRequest,
  gemini: renderGeminiRequest,
  'bedrock-converse': renderConverseRequest,
};

/** The request of `size` in `format`, as a fresh object. */
export function requestBody(format: Format, size: RequestSize): Record<string, unknown> {
  return REQUEST_RENDERERS[format](conversation(size));
}

/** The model a Gemini or Converse request names in its URL, passed as `options.model` when it is read. */
export const URL_MODEL = 'claude-sonnet-4-5';

// ---------------------------------------------------------------------------------------------- responses

/** small: a short text answer (about 0.4 KB as Messages). medium: a long answer and a tool call (about 4.5 KB). */
export type ResponseSize = 'small' | 'medium';

interface Answer {
  text: string;
  call?: { id: string; name: string; args: Record<string, unknown> };
  inputTokens: number;
  outputTokens: number;
}

function answer(size: ResponseSize): Answer {
  return size === 'small'
    ? { text: words(7, 24), inputTokens: 40, outputTokens: 31 }
    : {
        text: words(7, 640),
        call: { id: 'toolu_bench', name: 'get_weather', args: { city: 'Paris', unit: 'c' } },
        inputTokens: 1200,
        outputTokens: 860,
      };
}

const RESPONSE_RENDERERS: Record<Format, (a: Answer) => Record<string, unknown>> = {
  'anthropic-messages': (a) => ({
    id: 'msg_bench_0001',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [
      { type: 'text', text: a.text },
      ...(a.call ? [{ type: 'tool_use', id: a.call.id, name: a.call.name, input: a.call.args }] : []),
    ],
    stop_reason: a.call ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: a.inputTokens, output_tokens: a.outputTokens },
  }),
  'openai-chat': (a) => ({
    id: 'chatcmpl-bench0001',
    object: 'chat.completion',
    created: 1700000000,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        finish_reason: a.call ? 'tool_calls' : 'stop',
        logprobs: null,
        message: {
          role: 'assistant',
          content: a.text,
          refusal: null,
          ...(a.call
            ? {
                tool_calls: [
                  {
                    id: a.call.id,
                    type: 'function',
                    function: { name: a.call.name, arguments: JSON.stringify(a.call.args) },
                  },
                ],
              }
            : {}),
        },
      },
    ],
    usage: {
      prompt_tokens: a.inputTokens,
      completion_tokens: a.outputTokens,
      total_tokens: a.inputTokens + a.outputTokens,
    },
  }),
  gemini: (a) => ({
    candidates: [
      {
        content: {
          role: 'model',
          parts: [{ text: a.text }, ...(a.call ? [{ functionCall: { name: a.call.name, args: a.call.args } }] : [])],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: {
      promptTokenCount: a.inputTokens,
      candidatesTokenCount: a.outputTokens,
      totalTokenCount: a.inputTokens + a.outputTokens,
    },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'bench-response',
  }),
  'bedrock-converse': (a) => ({
    output: {
      message: {
        role: 'assistant',
        content: [
          { text: a.text },
          ...(a.call ? [{ toolUse: { toolUseId: a.call.id, name: a.call.name, input: a.call.args } }] : []),
        ],
      },
    },
    stopReason: a.call ? 'tool_use' : 'end_turn',
    usage: { inputTokens: a.inputTokens, outputTokens: a.outputTokens, totalTokens: a.inputTokens + a.outputTokens },
    metrics: { latencyMs: 900 },
  }),
};

export function responseBody(format: Format, size: ResponseSize): Record<string, unknown> {
  return RESPONSE_RENDERERS[format](answer(size));
}

// ---------------------------------------------------------------------------------------------- streams

/**
 * A streamed answer of exactly `events` source events: text deltas, then one tool call whose arguments arrive in
 * fragments (10 % of the events; Gemini sends a call whole, in its last chunk), then the stop and the usage.
 */
export function streamBytes(format: Format, events: number): Uint8Array {
  const fragments = Math.max(2, Math.floor(events * 0.1));
  const frag = (i: number, n: number) => (i === 0 ? '{"city":"' : i === n - 1 ? '"}' : 'Pa');
  const text = (i: number) => `${words(i, 3)} `;
  const utf8 = new TextEncoder();
  if (format === 'anthropic-messages') {
    const out: string[] = [];
    const ev = (e: Record<string, unknown>) => out.push(sseEvent(String(e.type), e));
    ev({
      type: 'message_start',
      message: {
        id: 'msg_bench_stream',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1200, output_tokens: 1 },
      },
    });
    ev({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    for (let i = 0; i < events - fragments - 7; i++)
      ev({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: text(i) } });
    ev({ type: 'content_block_stop', index: 0 });
    ev({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'toolu_bench', name: 'get_weather', input: {} },
    });
    for (let i = 0; i < fragments; i++)
      ev({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: frag(i, fragments) },
      });
    ev({ type: 'content_block_stop', index: 1 });
    ev({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: { output_tokens: events },
    });
    ev({ type: 'message_stop' });
    return utf8.encode(out.join(''));
  }
  if (format === 'openai-chat') {
    const base = { id: 'chatcmpl-benchstream', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o' };
    const out: string[] = [];
    const chunk = (choices: unknown[], usage: unknown = null) => out.push(sseData({ ...base, choices, usage }));
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    for (let i = 0; i < events - fragments - 4; i++)
      chunk([{ index: 0, delta: { content: text(i) }, finish_reason: null }]);
    for (let i = 0; i < fragments; i++) {
      const head = i === 0 ? { id: 'call_bench', type: 'function' } : {};
      chunk([
        {
          index: 0,
          delta: {
            tool_calls: [
              {
                index: 0,
                ...head,
                function: { ...(i === 0 ? { name: 'get_weather' } : {}), arguments: frag(i, fragments) },
              },
            ],
          },
          finish_reason: null,
        },
      ]);
    }
    chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]);
    chunk([], { prompt_tokens: 1200, completion_tokens: events, total_tokens: 1200 + events });
    out.push(sseData('[DONE]'));
    return utf8.encode(out.join(''));
  }
  if (format === 'gemini') {
    const base = { modelVersion: 'gemini-2.5-flash', responseId: 'bench-stream' };
    const out: string[] = [];
    for (let i = 0; i < events - 1; i++) {
      out.push(
        sseData({
          candidates: [{ content: { role: 'model', parts: [{ text: text(i) }] }, index: 0 }],
          usageMetadata: { promptTokenCount: 1200, totalTokenCount: 1200 },
          ...base,
        }),
      );
    }
    out.push(
      sseData({
        candidates: [
          {
            content: {
              role: 'model',
              parts: [{ functionCall: { name: 'get_weather', args: { city: 'Pa'.repeat(fragments - 2) } } }],
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: events, totalTokenCount: 1200 + events },
        ...base,
      }),
    );
    return utf8.encode(out.join(''));
  }
  const frames: Uint8Array[] = [];
  const ev = (type: string, payload: unknown) => frames.push(eventFrame(type, payload));
  ev('messageStart', { role: 'assistant' });
  for (let i = 0; i < events - fragments - 6; i++)
    ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: text(i) } });
  ev('contentBlockStop', { contentBlockIndex: 0 });
  ev('contentBlockStart', {
    contentBlockIndex: 1,
    start: { toolUse: { toolUseId: 'tooluse_bench', name: 'get_weather' } },
  });
  for (let i = 0; i < fragments; i++)
    ev('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: frag(i, fragments) } } });
  ev('contentBlockStop', { contentBlockIndex: 1 });
  ev('messageStop', { stopReason: 'tool_use' });
  ev('metadata', {
    usage: { inputTokens: 1200, outputTokens: events, totalTokens: 1200 + events },
    metrics: { latencyMs: 900 },
  });
  return concatBytes(frames);
}

/** The whole stream as one chunk. */
export function oneChunk(bytes: Uint8Array): Uint8Array[] {
  return [bytes];
}

/**
 * The stream cut as a network delivers it: chunks of 1–4 KB (deterministic sizes), cutting events, lines and UTF-8
 * characters anywhere. Every contender of a case reads the same chunks.
 */
export function networkChunks(bytes: Uint8Array, seed = 1): Uint8Array[] {
  const out: Uint8Array[] = [];
  let x = seed >>> 0;
  for (let at = 0; at < bytes.byteLength; ) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const size = 1024 + (x % 3073);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
