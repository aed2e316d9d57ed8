import { describe, expect, it } from 'vitest';
import type { FormatId } from '../core/formats.js';
import { validateRequest, validateResponse, validateStreamEvent } from './validate.js';

const A = 'anthropic-messages' as const;

/** A request using every request content block type, server tools and most optional fields (docs/wire-formats.md#anthropic-request, docs/wire-formats.md#anthropic-content-blocks). */
function richRequest(): Record<string, unknown> {
  const cache = { type: 'ephemeral', ttl: '1h' };
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 2048,
    stream: true,
    system: [{ type: 'text', text: 'You are terse.', cache_control: cache }],
    stop_sequences: ['END'],
    metadata: { user_id: 'user-1' },
    thinking: { type: 'enabled', budget_tokens: 1024, display: 'summarized' },
    tool_choice: { type: 'any', disable_parallel_tool_use: true },
    output_config: { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } },
    service_tier: 'auto',
    speed: null,
    container: 'container_1',
    cache_control: { type: 'ephemeral' },
    tools: [
      {
        name: 'get_weather',
        description: 'weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: true,
      },
      { type: 'custom', name: 'other', input_schema: { type: 'object' } },
      {
        type: 'web_search_20250305',
        name: 'web_search',
        max_uses: 5,
        allowed_domains: ['example.com'],
        user_location: { type: 'approximate', city: 'Paris' },
      },
      { type: 'web_fetch_20250910', name: 'web_fetch', max_content_tokens: 1000 },
      { type: 'code_execution_20250825', name: 'code_execution' },
      { type: 'bash_20250124', name: 'bash' },
      { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 1000 },
      { type: 'memory_20250818', name: 'memory' },
      { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi', cache_control: cache },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          {
            type: 'image',
            source: { type: 'url', url: 'https://example.com/a.png' },
            transformations: { oversized_image: 'downsize' },
          },
          { type: 'image', source: { type: 'file', file_id: 'file_1' } },
          {
            type: 'document',
            source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
            title: 'Doc',
            citations: { enabled: true },
          },
          { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain' }, context: 'ctx' },
          { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk' }] } },
          { type: 'document', source: { type: 'url', url: 'https://example.com/a.pdf' } },
          { type: 'document', source: { type: 'file', file_id: 'file_2' } },
          {
            type: 'search_result',
            source: 'https://example.com',
            title: 'Result',
            content: [{ type: 'text', text: 'found' }],
            citations: { enabled: true },
          },
          { type: 'container_upload', file_id: 'file_3' },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'redacted_thinking', data: 'opaque' },
          {
            type: 'text',
            text: 'Cited.',
            citations: [
              {
                type: 'char_location',
                cited_text: 'c',
                document_index: 0,
                document_title: null,
                start_char_index: 0,
                end_char_index: 1,
              },
              {
                type: 'page_location',
                cited_text: 'p',
                document_index: 0,
                document_title: 'Doc',
                start_page_number: 1,
                end_page_number: 2,
              },
              {
                type: 'content_block_location',
                cited_text: 'b',
                document_index: 0,
                document_title: null,
                start_block_index: 0,
                end_block_index: 1,
              },
              {
                type: 'web_search_result_location',
                cited_text: 'w',
                url: 'https://example.com',
                title: null,
                encrypted_index: 'e',
              },
              {
                type: 'search_result_location',
                cited_text: 's',
                source: 'src',
                title: null,
                search_result_index: 0,
                start_block_index: 0,
                end_block_index: 1,
              },
            ],
          },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
          {
            type: 'web_search_tool_result',
            tool_use_id: 'srvtoolu_1',
            content: [
              {
                type: 'web_search_result',
                url: 'https://example.com',
                title: 'Ex',
                encrypted_content: 'enc',
                page_age: null,
              },
            ],
          },
          {
            type: 'web_search_tool_result',
            tool_use_id: 'srvtoolu_2',
            content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' },
          },
          {
            type: 'web_fetch_tool_result',
            tool_use_id: 'srvtoolu_3',
            content: {
              type: 'web_fetch_result',
              url: 'https://example.com',
              content: { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'page' } },
            },
          },
          {
            type: 'code_execution_tool_result',
            tool_use_id: 'srvtoolu_4',
            content: { type: 'code_execution_result', stdout: 'ok', stderr: '', return_code: 0, content: [] },
          },
          {
            type: 'bash_code_execution_tool_result',
            tool_use_id: 'srvtoolu_5',
            content: { type: 'bash_code_execution_tool_result_error', error_code: 'unavailable' },
          },
          {
            type: 'text_editor_code_execution_tool_result',
            tool_use_id: 'srvtoolu_6',
            content: { type: 'text_editor_code_execution_view_result', content: 'x', file_type: 'text' },
          },
          {
            type: 'tool_search_tool_result',
            tool_use_id: 'srvtoolu_7',
            content: {
              type: 'tool_search_tool_search_result',
              tool_references: [{ type: 'tool_reference', tool_name: 'get_weather' }],
            },
          },
        ],
      },
      {
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: 'toolu_1',
            content: [
              { type: 'text', text: '21C' },
              { type: 'image', source: { type: 'url', url: 'https://example.com/b.png' } },
            ],
            is_error: false,
          },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: 'plain result' },
        ],
      },
      { role: 'system', content: 'late system turn (SDK 1.x)' },
    ],
  };
}

function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5',
    content: [{ type: 'text', text: 'Hello', citations: null }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: null, cache_read_input_tokens: 0 },
    ...overrides,
  };
}

function withBlock(block: unknown): Record<string, unknown> {
  return { model: 'm', max_tokens: 16, messages: [{ role: 'user', content: [block] }] };
}

describe('validateRequest (anthropic-messages)', () => {
  it('accepts a minimal request, and gives back the same object as the value', () => {
    const body: unknown = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };
    const r = validateRequest(A, body);
    expect(r).toEqual({ ok: true, errors: [], value: body });
    expect(r.ok && r.value).toBe(body);
  });

  it('accepts every request block type, server tools and optional fields', () => {
    expect(validateRequest(A, richRequest())).toEqual({ ok: true, errors: [], value: richRequest() });
  });

  it('accepts unknown extra properties (providers add fields)', () => {
    const body = {
      model: 'm',
      max_tokens: 1,
      future_field: { a: 1 },
      messages: [{ role: 'user', x: 1, content: [{ type: 'text', text: 'hi', extra: true }] }],
    };
    expect(validateRequest(A, body).ok).toBe(true);
  });

  it('accepts max_tokens 0 (cache pre-warm) and 2023-06-01 sampling fields in range', () => {
    expect(
      validateRequest(A, { model: 'm', max_tokens: 0, temperature: 1, top_p: 0.5, top_k: 40, messages: [] }).ok,
    ).toBe(true);
  });

  it('reports a missing max_tokens at path max_tokens', () => {
    const r = validateRequest(A, { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ path: 'max_tokens', message: expect.stringContaining('missing') }]);
  });

  it('reports wrong scalar types and out-of-range numbers at their paths', () => {
    const r = validateRequest(A, { model: 5, max_tokens: '10', temperature: 2, messages: [] });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['max_tokens', 'model', 'temperature']);
  });

  it('reports a bad image media_type at the media_type path, not as an invalid union at the block', () => {
    const r = validateRequest(
      A,
      withBlock({ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }),
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe('messages[0].content[0].source.media_type');
    expect(r.errors[0]?.message).toContain('image/png');
  });

  it('reports a nested field of a deep block (tool_result > image > source)', () => {
    const block = {
      type: 'tool_result',
      tool_use_id: 't',
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', source: { type: 'url' } },
      ],
    };
    const r = validateRequest(A, withBlock(block));
    expect(r.errors).toEqual([
      { path: 'messages[0].content[0].content[1].source.url', message: expect.stringContaining('missing') },
    ]);
  });

  it('names the allowed types for an unknown block type', () => {
    const r = validateRequest(A, withBlock({ type: 'video', url: 'x' }));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe('messages[0].content[0].type');
    expect(r.errors[0]?.message).toMatch(/unknown type "video".*"text".*"image".*"tool_result"/);
  });

  it('reports a block without type at its type path', () => {
    const r = validateRequest(A, withBlock({ text: 'hi' }));
    expect(r.errors[0]?.path).toBe('messages[0].content[0].type');
    expect(r.errors[0]?.message).toContain('missing');
  });

  it('names the allowed roles for an unknown role', () => {
    const r = validateRequest(A, {
      model: 'm',
      max_tokens: 1,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'bot', content: 'b' },
      ],
    });
    expect(r.errors).toEqual([
      { path: 'messages[1].role', message: expect.stringMatching(/"user".*"assistant".*"system"/) },
    ]);
  });

  it('says what content may be when it is neither string nor array', () => {
    const r = validateRequest(A, { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 42 }] });
    expect(r.errors).toEqual([{ path: 'messages[0].content', message: 'expected string or array, received number' }]);
  });

  it('picks the tool variant by its type (server tool) or by its absence (client tool)', () => {
    const r = validateRequest(A, {
      model: 'm',
      max_tokens: 1,
      messages: [],
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 'three' }, { name: 'client_tool' }],
    });
    expect(r.errors).toEqual([
      { path: 'tools[0].max_uses', message: expect.any(String) },
      { path: 'tools[1].input_schema', message: expect.stringContaining('missing') },
    ]);
  });

  it('rejects thinking budgets under 1024 and unknown tool_choice types', () => {
    const r = validateRequest(A, {
      model: 'm',
      max_tokens: 1,
      messages: [],
      thinking: { type: 'enabled', budget_tokens: 10 },
      tool_choice: { type: 'required' },
    });
    expect(r.errors.map((e) => e.path).sort()).toEqual(['thinking.budget_tokens', 'tool_choice.type']);
  });

  it('rejects a citation with a wrong field inside a text block', () => {
    const block = {
      type: 'text',
      text: 'x',
      citations: [
        {
          type: 'char_location',
          cited_text: 'c',
          document_index: 'zero',
          document_title: null,
          start_char_index: 0,
          end_char_index: 1,
        },
      ],
    };
    expect(validateRequest(A, withBlock(block)).errors).toEqual([
      { path: 'messages[0].content[0].citations[0].document_index', message: expect.any(String) },
    ]);
  });
});

describe('validateResponse (anthropic-messages)', () => {
  it('accepts a message, with and without the 2026-10-21 fields', () => {
    expect(validateResponse(A, message()).ok).toBe(true);
    expect(validateResponse(A, message({ stop_details: null, container: null, diagnostics: null })).ok).toBe(true);
  });

  it.each([
    'end_turn',
    'max_tokens',
    'stop_sequence',
    'tool_use',
    'pause_turn',
    'refusal',
    'model_context_window_exceeded',
  ])('accepts stop_reason %s', (stop_reason) => {
    expect(validateResponse(A, message({ stop_reason })).ok).toBe(true);
  });

  it('rejects an unknown stop_reason and a missing usage', () => {
    const r = validateResponse(A, message({ stop_reason: 'done', usage: undefined }));
    expect(r.errors.map((e) => e.path)).toEqual(['stop_reason', 'usage']);
  });

  it('requires stop_sequence to be present (null allowed)', () => {
    const m = message();
    delete m.stop_sequence;
    expect(validateResponse(A, m).errors).toEqual([
      { path: 'stop_sequence', message: expect.stringContaining('missing') },
    ]);
  });

  it('accepts server tool blocks in the content', () => {
    const content = [
      {
        type: 'server_tool_use',
        id: 'srvtoolu_1',
        name: 'web_search',
        input: { query: 'q' },
        caller: { type: 'direct' },
      },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [{ type: 'web_search_result', url: 'u', title: 't', encrypted_content: 'e', page_age: '1 day' }],
      },
      { type: 'thinking', thinking: 't', signature: 's' },
      { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} },
    ];
    expect(validateResponse(A, message({ content, stop_reason: 'tool_use' })).ok).toBe(true);
  });
});

describe('validateStreamEvent (anthropic-messages)', () => {
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: message({ content: [], stop_reason: null, usage: { input_tokens: 3, output_tokens: 1 } }),
    },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } },
    { type: 'content_block_start', index: 2, content_block: { type: 'thinking', thinking: '', signature: '' } },
    { type: 'content_block_start', index: 3, content_block: { type: 'redacted_thinking', data: 'x' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } },
    { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'thinking_delta', thinking: 'hm' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'signature_delta', signature: 'sig' } },
    {
      type: 'content_block_delta',
      index: 0,
      delta: {
        type: 'citations_delta',
        citation: { type: 'web_search_result_location', cited_text: 'c', url: 'u', title: null, encrypted_index: 'e' },
      },
    },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 12 } },
    {
      type: 'message_delta',
      delta: {
        stop_reason: 'refusal',
        stop_sequence: null,
        stop_details: { type: 'refusal', category: 'cyber', explanation: null },
      },
      usage: { output_tokens: 12, input_tokens: 3, cache_read_input_tokens: null },
    },
    { type: 'message_stop' },
    { type: 'ping' },
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  ];

  it.each(
    events.map((e) => [
      `${e.type}${'delta' in e && typeof e.delta === 'object' && e.delta && 'type' in e.delta ? ` ${String(e.delta.type)}` : ''}`,
      e,
    ]),
  )('accepts %s', (_name, event) => {
    expect(validateStreamEvent(A, event)).toEqual({ ok: true, errors: [], value: event });
  });

  it('reports a bad delta field at its path', () => {
    expect(
      validateStreamEvent(A, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 5 } }).errors,
    ).toEqual([{ path: 'delta.text', message: expect.any(String) }]);
  });

  it('names the allowed event types for an unknown event', () => {
    const r = validateStreamEvent(A, { type: 'message_pause' });
    expect(r.errors[0]?.path).toBe('type');
    expect(r.errors[0]?.message).toMatch(/"message_start".*"ping".*"error"/);
  });

  it('rejects message_delta without usage.output_tokens and an unknown error type', () => {
    expect(
      validateStreamEvent(A, { type: 'message_delta', delta: { stop_reason: null, stop_sequence: null }, usage: {} })
        .errors[0]?.path,
    ).toBe('usage.output_tokens');
    expect(
      validateStreamEvent(A, { type: 'error', error: { type: 'teapot_error', message: 'x' } }).errors[0]?.path,
    ).toBe('error.type');
  });
});

describe('validation never throws', () => {
  const deep: unknown[] = [];
  let cur = deep;
  for (let i = 0; i < 100_000; i++) {
    const next: unknown[] = [];
    cur.push(next);
    cur = next;
  }
  const circular: Record<string, unknown> = { type: 'tool_use', id: 't', name: 'n' };
  circular.input = circular;
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
      has() {
        throw new Error('boom');
      },
      ownKeys() {
        throw new Error('boom');
      },
    },
  );
  const inputs: unknown[] = [
    undefined,
    null,
    0,
    Number.NaN,
    'text',
    [],
    [1, 2],
    {},
    10n,
    Symbol('s'),
    () => 1,
    deep,
    { model: 'm', max_tokens: 1, messages: deep },
    withBlock({ type: 'tool_use', id: 't', name: 'n', input: deep }),
    withBlock(circular),
    JSON.parse('{"model":"m","max_tokens":1,"messages":[],"__proto__":{"polluted":true}}'),
    JSON.parse('{"__proto__":{"type":"ping"},"type":"__proto__"}'),
    hostile,
    { model: 'm', max_tokens: 1, messages: [hostile] },
  ];

  it.each(inputs.map((v, i) => [i, v]))('input #%s gives a result', (_i, value) => {
    for (const validate of [validateRequest, validateResponse, validateStreamEvent]) {
      for (const format of [A, 'openai-chat', 'gemini', 'bedrock-converse', 'nonsense'] as const) {
        // 'nonsense' is not a format id: passed on purpose
        const r = validate(format as string as FormatId, value);
        expect(typeof r.ok).toBe('boolean');
        expect(Array.isArray(r.errors)).toBe(true);
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a deeply nested discriminator value by its kind, with the other errors', () => {
    const r = validateRequest(A, { model: 'm', messages: [{ role: 'user', content: [{ type: deep }] }] });
    expect(r.errors).toEqual([
      { path: 'max_tokens', message: expect.stringContaining('missing') },
      {
        path: 'messages[0].content[0].type',
        message: expect.stringContaining('unknown type (array); expected one of: "text"'),
      },
    ]);
  });

  it('accepts an own __proto__ key as an ordinary unknown property', () => {
    expect(validateRequest(A, JSON.parse('{"model":"m","max_tokens":1,"messages":[],"__proto__":{"x":1}}')).ok).toBe(
      true,
    );
  });

  it('answers for a format without validators instead of failing', () => {
    // every FormatId has validators now (bedrock-converse: spec/bedrock-converse.yaml), so use an id with none
    expect(validateRequest('no-such-format' as Parameters<typeof validateRequest>[0], {})).toEqual({
      ok: false,
      errors: [{ path: '', message: expect.stringContaining('no validator for format "no-such-format"') }],
    });
  });
});

describe('openai-chat', () => {
  it('accepts a minimal request, the [DONE] terminator and an in-stream error; rejects a bad request', () => {
    expect(validateRequest('openai-chat', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }).ok).toBe(
      true,
    );
    expect(validateStreamEvent('openai-chat', '[DONE]').ok).toBe(true);
    expect(validateStreamEvent('openai-chat', 'DONE').ok).toBe(false);
    expect(
      validateStreamEvent('openai-chat', { error: { type: 'server_error', message: 'x', param: null, code: null } }).ok,
    ).toBe(true);
    expect(validateRequest('openai-chat', { messages: [{ role: 'user', content: 'hi' }] }).errors[0]?.path).toBe(
      'model',
    );
  });
});
