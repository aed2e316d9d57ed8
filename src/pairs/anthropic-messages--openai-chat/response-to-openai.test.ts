import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { anthropicResponseToOpenAI } from './response-to-openai.js';

const run = (body: unknown, opts = {}) => anthropicResponseToOpenAI(deepFreeze(body), opts);
const usage = { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
const msg = (content: unknown[], extra: Record<string, unknown> = {}) => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content,
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage,
  ...extra,
});

describe('anthropicResponseToOpenAI', () => {
  it('text response with derived id, created default 0, usage', () => {
    const r = run(
      msg([
        { type: 'text', text: 'Hello' },
        { type: 'text', text: ' world' },
      ]),
    );
    expect(r.body).toEqual({
      id: 'chatcmpl-msg_01',
      object: 'chat.completion',
      created: 0,
      model: 'claude-x',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello world', refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
    expect(r.losses).toEqual([]);
  });

  it('options id/created/model win', () => {
    const r = run(msg([{ type: 'text', text: 'x' }]), { id: 'chatcmpl-9', created: 1700000000, model: 'alias' });
    expect(r.body).toMatchObject({ id: 'chatcmpl-9', created: 1700000000, model: 'alias' });
  });

  it('tool_use -> tool_calls with names restored from context', () => {
    const r = run(
      msg(
        [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'toolu_1', name: 'mcp_fs_read_abc', input: { path: '/a' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: {} },
        ],
        { stop_reason: 'tool_use' },
      ),
      { context: { toolNames: { mcp_fs_read_abc: 'mcp.fs/read' } } },
    );
    const choice = (r.body.choices as unknown as Record<string, unknown>[])[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect((choice?.message as Record<string, unknown> | undefined)?.tool_calls).toEqual([
      { id: 'toolu_1', type: 'function', function: { name: 'mcp.fs/read', arguments: '{"path":"/a"}' } },
      { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
    ]);
  });

  it('stop_sequence -> finish_reason stop plus choice.stop_sequence; max_tokens -> length', () => {
    const r = run(msg([{ type: 'text', text: 'x' }], { stop_reason: 'stop_sequence', stop_sequence: '###' }));
    expect((r.body.choices as unknown as Record<string, unknown>[])[0]).toMatchObject({
      finish_reason: 'stop',
      stop_sequence: '###',
    });
    const t = run(msg([{ type: 'text', text: 'x' }], { stop_reason: 'max_tokens' }));
    expect((t.body.choices as unknown as Record<string, unknown>[])[0]?.finish_reason).toBe('length');
  });

  it('pause_turn and model_context_window_exceeded are reported', () => {
    const r = run(msg([], { stop_reason: 'pause_turn' }));
    expect(r.losses.map((l) => l.path)).toEqual(['stop_reason']);
    const m = run(msg([], { stop_reason: 'model_context_window_exceeded' }));
    expect((m.body.choices as unknown as Record<string, unknown>[])[0]?.finish_reason).toBe('length');
    expect(m.losses.map((l) => l.path)).toEqual(['stop_reason']);
  });

  it('refusal -> content_filter with the explanation in message.refusal', () => {
    const r = run(
      msg([], {
        stop_reason: 'refusal',
        stop_details: { type: 'refusal', category: null, explanation: 'I cannot help.' },
      }),
    );
    expect((r.body.choices as unknown as Record<string, unknown>[])[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: null, refusal: 'I cannot help.' },
      finish_reason: 'content_filter',
      logprobs: null,
    });
  });

  it('thinking + redacted_thinking -> content_blocks with signature untouched; thinking tokens -> reasoning_tokens', () => {
    const r = run(
      msg(
        [
          { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'answer' },
        ],
        { usage: { ...usage, output_tokens_details: { thinking_tokens: 3 } } },
      ),
    );
    const message = (r.body.choices as unknown as { message: Record<string, unknown> }[])[0]?.message;
    expect(message).toEqual({
      role: 'assistant',
      content: 'answer',
      refusal: null,
      reasoning_content: 'hmm',
      content_blocks: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'answer' },
      ],
    });
    expect(r.body.usage?.completion_tokens_details?.reasoning_tokens).toBe(3);
  });

  it('cache usage: prompt_tokens includes reads and writes', () => {
    const r = run(
      msg([{ type: 'text', text: 'x' }], {
        usage: { input_tokens: 5, output_tokens: 2, cache_creation_input_tokens: 100, cache_read_input_tokens: 1000 },
      }),
    );
    expect(r.body.usage).toEqual({
      prompt_tokens: 1105,
      completion_tokens: 2,
      total_tokens: 1107,
      prompt_tokens_details: { cached_tokens: 1000, cache_write_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  const searched = [
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
    { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
    { type: 'text', text: 'Intro. ' },
    {
      type: 'text',
      text: 'Fact.',
      citations: [
        {
          type: 'web_search_result_location',
          url: 'https://e.x',
          title: 'E',
          cited_text: 'Fact',
          encrypted_index: 'enc',
        },
      ],
    },
  ];
  const annotated = [
    { type: 'url_citation', url_citation: { start_index: 7, end_index: 12, url: 'https://e.x', title: 'E' } },
  ];

  it('web search: citations -> url_citation annotations over the cited block, and every block but tool_use in content_blocks as Anthropic sent it', () => {
    const r = run(msg(searched, { usage: { ...usage, server_tool_use: { web_search_requests: 1 } } }));
    const message = (r.body.choices as unknown as { message: Record<string, unknown> }[])[0]?.message;
    expect(message?.content).toBe('Intro. Fact.');
    expect(message?.annotations).toEqual(annotated);
    expect(message?.content_blocks).toEqual(searched);
    expect(message).not.toHaveProperty('reasoning_content');
    expect((r.body.usage as unknown as Record<string, unknown>).server_tool_use).toEqual({ web_search_requests: 1 });
    expect(r.losses).toEqual([]);
  });

  it('strictOpenAI: no extension; server blocks, the cited text and the server tool counts are losses', () => {
    const r = run(
      msg([{ type: 'thinking', thinking: 'hm', signature: 's' }, ...searched], {
        stop_reason: 'stop_sequence',
        stop_sequence: 'END',
        usage: { ...usage, server_tool_use: { web_search_requests: 1 } },
      }),
      { strictOpenAI: true },
    );
    const choice = (r.body.choices as unknown as Record<string, unknown>[])[0];
    const message = choice?.message as Record<string, unknown>;
    expect(message.content).toBe('Intro. Fact.');
    expect(message.annotations).toEqual(annotated);
    expect(Object.keys(message).sort()).toEqual(['annotations', 'content', 'refusal', 'role']);
    expect(choice).not.toHaveProperty('stop_sequence');
    expect(r.body.usage).not.toHaveProperty('server_tool_use');
    expect(r.losses.map((l) => l.path)).toEqual([
      'content[0]',
      'content[1]',
      'content[2]',
      'content[4].citations[0]',
      'stop_sequence',
      'usage.server_tool_use',
    ]);
  });

  it('bad input -> TranslationError', () => {
    expect(() => run(null)).toThrow(TranslationError);
    expect(() => run({ content: 'x' })).toThrow(TranslationError);
    expect(() => run({ content: [5] })).toThrow(TranslationError);
    expect(() => run({ content: [{ type: 'tool_use', id: 1 }] })).toThrow(TranslationError);
  });
});

describe('anthropicResponseToOpenAI usage and unknown fields', () => {
  it('a non-zero cache TTL split is a loss (server tool counts ride in the usage extension); zeros and null fields are not', () => {
    const quiet = run(
      msg([{ type: 'text', text: 'x' }], {
        usage: {
          ...usage,
          cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
          server_tool_use: null,
          service_tier: 'standard',
        },
        diagnostics: null,
      }),
    );
    expect(quiet.losses).toEqual([]);
    const r = run(
      msg([{ type: 'text', text: 'x' }], {
        usage: {
          ...usage,
          cache_creation_input_tokens: 30,
          cache_creation: { ephemeral_1h_input_tokens: 30 },
          server_tool_use: { web_search_requests: 1 },
        },
      }),
    );
    expect(r.losses.map((l) => l.path)).toEqual(['usage.cache_creation']);
    // the cache-write total is still carried
    expect(r.body.usage).toMatchObject({ prompt_tokens: 40, prompt_tokens_details: { cache_write_tokens: 30 } });
  });
});
