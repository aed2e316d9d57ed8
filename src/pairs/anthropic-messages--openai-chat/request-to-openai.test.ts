import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { anthropicRequestToOpenAI } from './request-to-openai.js';

const run = (body: unknown, opts = {}) => anthropicRequestToOpenAI(deepFreeze(body), opts);
const base = { model: 'claude-x', max_tokens: 100 };
const img = { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' };

describe('anthropicRequestToOpenAI: basics', () => {
  it('maps model, max_tokens, system string, stop, sampling and stream', () => {
    const r = run({
      ...base,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      stream: true,
    });
    expect(r.body).toEqual({
      model: 'claude-x',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_completion_tokens: 100,
      stop: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(r.losses).toEqual([]);
    expect(r.context).toMatchObject({ clientModel: 'claude-x', stream: true });
  });

  it('system blocks keep cache_control (with ttl) as an extension on text parts', () => {
    const r = run({
      ...base,
      system: [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect((r.body.messages as unknown[])[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'A' },
        { type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    });
  });

  it('role:"system" entries inside messages stay in place', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'system', content: 'rule' },
        { role: 'user', content: 'b' },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'a' },
      { role: 'system', content: 'rule' },
      { role: 'user', content: 'b' },
    ]);
  });

  it('more than 4 stop sequences: the rest are losses', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      stop_sequences: ['1', '2', '3', '4', '5', '6'],
    });
    expect(r.body.stop).toEqual(['1', '2', '3', '4']);
    expect(r.losses.map((l) => l.path)).toEqual(['stop_sequences[4]', 'stop_sequences[5]']);
  });

  it('top_k, unknown keys and Anthropic-only fields are losses with their paths', () => {
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], top_k: 5, container: 'c', frobnicate: 1 });
    expect(r.losses.map((l) => l.path)).toEqual(['top_k', 'container', 'frobnicate']);
    expect(r.losses[0]?.reason).toMatch(/top_k/);
  });

  it('strict turns the first loss into TranslationError kind loss', () => {
    try {
      run({ ...base, messages: [{ role: 'user', content: 'x' }], top_k: 5 }, { strict: true });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TranslationError);
      expect((e as TranslationError).kind).toBe('loss');
      expect((e as TranslationError).path).toBe('top_k');
    }
  });

  it('metadata.user_id -> user; service_tier standard_only -> default', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      metadata: { user_id: 'u-1' },
      service_tier: 'standard_only',
    });
    expect(r.body.user).toBe('u-1');
    expect(r.body.service_tier).toBe('default');
  });

  it('output_config.format json_schema -> response_format json_schema', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      output_config: { format: { type: 'json_schema', schema } },
    });
    expect(r.body.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: true },
    });
  });
});

describe('anthropicRequestToOpenAI: content', () => {
  it('images: base64 -> data URL, url -> url, file id -> loss', () => {
    const r = run({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: img, cache_control: { type: 'ephemeral' } },
            { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
            { type: 'image', source: { type: 'file', file_id: 'file_1' } },
            { type: 'text', text: 'what?' },
          ],
        },
      ],
    });
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          {
            type: 'image_url',
            image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' },
            cache_control: { type: 'ephemeral' },
          },
          { type: 'image_url', image_url: { url: 'https://x/y.png' } },
          { type: 'text', text: 'what?' },
        ],
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[2].source']);
  });

  it('documents: PDF -> file part with a PDF data URL; text -> text/plain data URL (UTF-8 base64)', () => {
    const r = run({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
              title: 'a.pdf',
            },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' }, title: 'n.txt' },
          ],
        },
      ],
    });
    // Chat file parts take PDF only: a text document is a text part (docs/wire-formats.md#openai-chat-request)
    expect((r.body.messages as { content: unknown }[])[0]?.content).toEqual([
      { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
      { type: 'text', text: 'héllo' },
      { type: 'text', text: 'notes' },
    ]);
    expect(r.losses).toEqual([
      { path: 'messages[0].content[2].title', reason: expect.stringContaining('text part, which has no title') },
    ]);
  });

  it('tool results: string, blocks with an image (moved to a user message), is_error prefix, text after kept', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'calling' },
            { type: 'tool_use', id: 't1', name: 'a', input: { q: 1 } },
            { type: 'tool_use', id: 't2', name: 'b', input: {} },
            { type: 'tool_use', id: 't3', name: 'c', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'ok' },
            {
              type: 'tool_result',
              tool_use_id: 't2',
              content: [
                { type: 'text', text: 'see' },
                { type: 'image', source: img },
              ],
            },
            { type: 'tool_result', tool_use_id: 't3', content: 'boom', is_error: true },
            { type: 'text', text: 'thanks' },
          ],
        },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: 'calling',
        tool_calls: [
          { id: 't1', type: 'function', function: { name: 'a', arguments: '{"q":1}' } },
          { id: 't2', type: 'function', function: { name: 'b', arguments: '{}' } },
          { id: 't3', type: 'function', function: { name: 'c', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 't1', content: 'ok' },
      { role: 'tool', tool_call_id: 't2', content: [{ type: 'text', text: 'see' }] },
      { role: 'tool', tool_call_id: 't3', content: '[tool_error] boom' },
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'text', text: 'thanks' },
        ],
      },
    ]);
    expect(r.losses).toEqual([{ path: 'messages[2].content[1].content[1]', reason: expect.stringMatching(/moved/) }]);
  });

  it('is_error with block content and with no content', () => {
    const r = run({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'x', content: [{ type: 'text', text: 'bad' }], is_error: true },
            { type: 'tool_result', tool_use_id: 'y', is_error: true },
          ],
        },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'tool', tool_call_id: 'x', content: [{ type: 'text', text: '[tool_error] bad' }] },
      { role: 'tool', tool_call_id: 'y', content: '[tool_error] ' },
    ]);
  });

  it('thinking and redacted_thinking go to content_blocks with signatures untouched', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'answer' },
          ],
        },
      ],
    });
    expect((r.body.messages as unknown[])[1]).toEqual({
      role: 'assistant',
      content: 'answer',
      content_blocks: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'answer' },
      ],
    });
  });

  it('server tool blocks in history are losses', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'assistant', content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} }] },
      ],
    });
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[0]']);
  });
});

describe('anthropicRequestToOpenAI: tools and thinking', () => {
  const tool = {
    name: 'get_weather',
    description: 'Weather',
    input_schema: { type: 'object', properties: { city: { type: 'string' } } },
    strict: true,
  };

  it('tools -> function tools; server tools -> loss', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      tools: [tool, { type: 'web_search_20250305', name: 'web_search' }],
    });
    expect(r.body.tools).toEqual([
      {
        type: 'function',
        function: { name: 'get_weather', description: 'Weather', parameters: tool.input_schema, strict: true },
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['tools[1]']);
  });

  it.each([
    [{ type: 'auto' }, 'auto', undefined],
    [{ type: 'any', disable_parallel_tool_use: true }, 'required', false],
    [{ type: 'tool', name: 'get_weather' }, { type: 'function', function: { name: 'get_weather' } }, undefined],
    [{ type: 'none' }, 'none', undefined],
    [{ type: 'auto', disable_parallel_tool_use: false }, 'auto', true],
  ])('tool_choice %j -> %j (parallel %s)', (tc, expected, parallel) => {
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], tools: [tool], tool_choice: tc });
    expect(r.body.tool_choice).toEqual(expected);
    expect(r.body.parallel_tool_calls).toBe(parallel);
  });

  it('tool names breaking the OpenAI pattern are rewritten everywhere and recorded in context', () => {
    const r = run({
      ...base,
      tools: [{ name: 'mcp.fs/read', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 'mcp.fs/read' },
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'mcp.fs/read', input: {} }] },
      ],
    });
    const mapped = (r.body.tools as { function: { name: string } }[])[0]?.function.name ?? '';
    expect(mapped).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(r.body.tool_choice).toEqual({ type: 'function', function: { name: mapped } });
    expect(
      (r.body.messages as { tool_calls?: { function: { name: string } }[] }[])[1]?.tool_calls?.[0]?.function.name,
    ).toBe(mapped);
    expect(r.context.toolNames).toEqual({ [mapped]: 'mcp.fs/read' });
  });

  it.each([
    [1024, 'low'],
    [4096, 'low'],
    [4097, 'medium'],
    [16384, 'medium'],
    [16385, 'high'],
  ])('thinking budget %i -> reasoning_effort %s', (budget, effort) => {
    const r = run({
      model: 'm',
      max_tokens: 64000,
      messages: [{ role: 'user', content: 'x' }],
      thinking: { type: 'enabled', budget_tokens: budget },
    });
    expect(r.body.reasoning_effort).toBe(effort);
    expect(r.losses).toEqual([]);
  });

  it('thinking disabled / adaptive are reported', () => {
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], thinking: { type: 'adaptive' } });
    expect(r.body.reasoning_effort).toBeUndefined();
    expect(r.losses.map((l) => l.path)).toEqual(['thinking']);
  });
});

describe('anthropicRequestToOpenAI: bad input gives TranslationError only', () => {
  it.each([
    [null, ''],
    ['str', ''],
    [[], ''],
    [{ max_tokens: 1, messages: [] }, 'model'],
    [{ model: 'm', max_tokens: 1 }, 'messages'],
    [{ model: 'm', max_tokens: 'x', messages: [] }, 'max_tokens'],
    [{ model: 'm', max_tokens: 1, messages: [{ role: 'bot', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 5 }] }, 'messages[0].content'],
    [
      { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] },
      'messages[0].content[0].text',
    ],
    [
      { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      'messages[0].content[0].source',
    ],
    [{ model: 'm', max_tokens: 1, messages: [], tools: 'x' }, 'tools'],
    [{ model: 'm', max_tokens: 1, messages: [], tool_choice: { type: 'maybe' } }, 'tool_choice.type'],
  ])('%j -> invalid_input at %s', (body, path) => {
    try {
      run(body);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TranslationError);
      expect((e as TranslationError).kind).toBe('invalid_input');
      expect((e as TranslationError).path).toBe(path);
    }
  });
});

describe('unknown top-level keys named like Object.prototype members', () => {
  it('are reported as losses with a string reason, like any unknown key', () => {
    const body = JSON.parse(
      `{"model":"m","max_tokens":10,"max_completion_tokens":10,"messages":[{"role":"user","content":"hi"}],"__proto__":1,"constructor":2,"toString":3}`,
    ) as Record<string, unknown>;
    const r = run(body);
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const loss = r.losses.find((l) => l.path === key);
      expect(loss, key).toBeDefined();
      expect(typeof loss?.reason, key).toBe('string');
    }
  });
});
