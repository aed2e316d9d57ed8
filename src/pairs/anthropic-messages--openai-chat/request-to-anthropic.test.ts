import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { openaiRequestToAnthropic } from './request-to-anthropic.js';

const run = (body: unknown, opts = {}) => openaiRequestToAnthropic(deepFreeze(body), opts);
const base = { model: 'gpt-x', max_completion_tokens: 100 };

describe('openaiRequestToAnthropic: basics', () => {
  it('maps system, user, stop, temperature, stream (2023-06-01)', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      stop: 'END',
      temperature: 0.7,
      top_p: 0.9,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(r.body).toEqual({
      model: 'gpt-x',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
      stop_sequences: ['END'],
      temperature: 0.7,
      top_p: 0.9,
      stream: true,
    });
    expect(r.losses).toEqual([]);
    expect(r.context).toMatchObject({ includeUsage: true, stream: true, clientModel: 'gpt-x' });
  });

  it('temperature above 1 is clamped and reported', () => {
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], temperature: 1.5 });
    expect(r.body.temperature).toBe(1);
    expect(r.losses).toEqual([{ path: 'temperature', reason: expect.stringMatching(/clamped/) }]);
  });

  it('API version 2026-10-21: no temperature / top_p / top_k, reported', () => {
    const r = run(
      { ...base, messages: [{ role: 'user', content: 'x' }], temperature: 0.2, top_p: 0.5, top_k: 3 },
      { anthropicVersion: '2026-10-21' },
    );
    expect(r.body).not.toHaveProperty('temperature');
    expect(r.body).not.toHaveProperty('top_p');
    expect(r.body).not.toHaveProperty('top_k');
    expect(r.losses.map((l) => l.path)).toEqual(['temperature', 'top_p', 'top_k']);
  });

  it('API version 2023-06-01 carries a non-standard top_k from OpenAI-compatible clients', () => {
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], top_k: 3 });
    expect(r.body.top_k).toBe(3);
    expect(r.losses).toEqual([]);
  });

  it('no max tokens: documented default 4096 and a loss', () => {
    const r = run({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(r.body.max_tokens).toBe(4096);
    expect(r.losses.map((l) => l.path)).toEqual(['max_completion_tokens']);
  });

  it('max_tokens (deprecated) is used when max_completion_tokens is absent', () => {
    expect(run({ model: 'm', max_tokens: 7, messages: [{ role: 'user', content: 'x' }] }).body.max_tokens).toBe(7);
  });

  it('developer + system messages and part arrays -> system blocks; a later system message stays in place', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'developer', content: 'A' },
        { role: 'system', content: [{ type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '5m' } }] },
        { role: 'user', content: 'q' },
        { role: 'system', content: 'late' },
      ],
    });
    expect(r.body.system).toEqual([
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B', cache_control: { type: 'ephemeral', ttl: '5m' } },
    ]);
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'q' },
      { role: 'system', content: 'late' },
    ]);
  });

  it('n > 1, logprobs, audio, prediction, seed are losses; inert defaults are not', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      n: 2,
      logprobs: true,
      audio: { voice: 'alloy', format: 'mp3' },
      prediction: { type: 'content', content: 'x' },
      seed: 1,
      presence_penalty: 0,
      store: false,
    });
    expect(r.losses.map((l) => l.path)).toEqual(['n', 'logprobs', 'audio', 'prediction', 'seed']);
  });

  it('user / safety_identifier -> metadata.user_id', () => {
    expect(run({ ...base, messages: [{ role: 'user', content: 'x' }], user: 'u' }).body.metadata).toEqual({
      user_id: 'u',
    });
    const r = run({ ...base, messages: [{ role: 'user', content: 'x' }], user: 'u', safety_identifier: 's' });
    expect(r.body.metadata).toEqual({ user_id: 's' });
    expect(r.losses.map((l) => l.path)).toEqual(['user']);
  });

  it('response_format json_schema -> output_config.format; json_object -> loss', () => {
    const schema = { type: 'object' };
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      response_format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } },
    });
    expect(r.body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(r.losses).toEqual([]);
    const j = run({ ...base, messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } });
    expect(j.body).not.toHaveProperty('output_config');
    expect(j.losses.map((l) => l.path)).toEqual(['response_format']);
  });

  it('strict throws TranslationError kind loss', () => {
    expect(() => run({ ...base, messages: [{ role: 'user', content: 'x' }], n: 3 }, { strict: true })).toThrow(
      TranslationError,
    );
  });
});

describe('openaiRequestToAnthropic: content', () => {
  it('images: data URL -> base64, http URL -> url, detail -> loss', () => {
    const r = run({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'image_url',
              image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' },
              cache_control: { type: 'ephemeral' },
            },
            { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
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
            type: 'image',
            source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/4AAQ' },
            cache_control: { type: 'ephemeral' },
          },
          { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
          { type: 'text', text: 'what?' },
        ],
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[1].image_url.detail']);
  });

  it('files: PDF data URL -> document; text/plain -> text document; file_id and audio -> losses', () => {
    const r = run({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'file', file: { filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
            { type: 'file', file: { file_data: 'data:text/plain;base64,aMOpbGxv' } },
            { type: 'file', file: { file_id: 'file-1' } },
            { type: 'input_audio', input_audio: { data: 'AAA', format: 'wav' } },
          ],
        },
      ],
    });
    expect((r.body.messages as { content: unknown }[])[0]?.content).toEqual([
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'héllo' } },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[2].file', 'messages[0].content[3]']);
  });

  it('tool calls and tool messages: one user turn for consecutive results plus following user text; is_error prefix', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: 'calling',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'a', arguments: '{"q":1}' } },
            { id: 'c2', type: 'function', function: { name: 'b', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'ok' },
        { role: 'tool', tool_call_id: 'c2', content: '[tool_error] boom' },
        { role: 'user', content: 'thanks' },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'go' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'calling' },
          { type: 'tool_use', id: 'c1', name: 'a', input: { q: 1 } },
          { type: 'tool_use', id: 'c2', name: 'b', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'c1', content: 'ok' },
          { type: 'tool_result', tool_use_id: 'c2', content: 'boom', is_error: true },
          { type: 'text', text: 'thanks' },
        ],
      },
    ]);
    expect(r.losses).toEqual([]);
  });

  it('unparsable tool arguments become {} plus a loss, never a throw', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'a', arguments: '{"q":' } }],
        },
      ],
    });
    expect((r.body.messages as { content: unknown }[])[1]?.content).toEqual([
      { type: 'tool_use', id: 'c1', name: 'a', input: {} },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[1].tool_calls[0].function.arguments']);
  });

  it('a user message between tool calls and tool messages: tool_result blocks still come first in the merged turn', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'user', content: 'note' },
        { role: 'tool', tool_call_id: 'c', content: 'r' },
      ],
    });
    expect((r.body.messages as { content: unknown }[])[1]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'c', content: 'r' },
      { type: 'text', text: 'note' },
    ]);
  });

  it('consecutive user messages are merged into one turn', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
      ],
    });
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ]);
  });

  it('content_blocks replay thinking with signatures; reasoning_content alone is reported (no invented signature)', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'answer',
          content_blocks: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'answer' },
          ],
        },
        { role: 'user', content: 'more' },
        { role: 'assistant', content: 'second', reasoning_content: 'deepseek thoughts' },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'q' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig==' },
          { type: 'redacted_thinking', data: 'opaque' },
          { type: 'text', text: 'answer' },
        ],
      },
      { role: 'user', content: 'more' },
      { role: 'assistant', content: 'second' },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[3].reasoning_content']);
  });

  it('content_blocks thinking with an empty or missing signature is dropped with a loss (never replayed unsigned)', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: 'a',
          content_blocks: [
            { type: 'thinking', thinking: 't', signature: '' },
            { type: 'thinking', thinking: 'u' },
            { type: 'text', text: 'a' },
          ],
        },
      ],
    });
    expect((r.body.messages as { content: unknown }[])[1]?.content).toEqual([{ type: 'text', text: 'a' }]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[1].content_blocks[0]', 'messages[1].content_blocks[1]']);
  });

  it('tool message cache_control and prompt_cache_breakpoint become cache_control', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'long', prompt_cache_breakpoint: { mode: 'explicit' } }] },
        { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'c', content: 'r', cache_control: { type: 'ephemeral', ttl: '1h' } },
      ],
    });
    expect((r.body.messages as { content: unknown }[])[0]?.content).toEqual([
      { type: 'text', text: 'long', cache_control: { type: 'ephemeral' } },
    ]);
    expect((r.body.messages as { content: unknown }[])[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'c', content: 'r', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
  });
});

describe('openaiRequestToAnthropic: tools and reasoning', () => {
  const fn = {
    type: 'function',
    function: { name: 'get_weather', description: 'W', parameters: { type: 'object', properties: {} }, strict: true },
  };

  it('function tools -> client tools; custom tools -> loss; missing parameters -> empty object schema', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      tools: [fn, { type: 'function', function: { name: 'noargs' } }, { type: 'custom', custom: { name: 'grammar' } }],
    });
    expect(r.body.tools).toEqual([
      { name: 'get_weather', description: 'W', input_schema: { type: 'object', properties: {} }, strict: true },
      { name: 'noargs', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['tools[2]']);
  });

  it.each([
    ['auto', undefined, { type: 'auto' }],
    ['required', false, { type: 'any', disable_parallel_tool_use: true }],
    [{ type: 'function', function: { name: 'get_weather' } }, undefined, { type: 'tool', name: 'get_weather' }],
    ['none', false, { type: 'none' }],
    [undefined, false, { type: 'auto', disable_parallel_tool_use: true }],
    [undefined, true, undefined],
  ])('tool_choice %j, parallel %s -> %j', (tc, parallel, expected) => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      tools: [fn],
      tool_choice: tc,
      parallel_tool_calls: parallel,
    });
    expect(r.body.tool_choice).toEqual(expected);
  });

  it('allowed_tools -> auto/any plus a loss', () => {
    const r = run({
      ...base,
      messages: [{ role: 'user', content: 'x' }],
      tools: [fn],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'required', tools: [{ type: 'function', function: { name: 'get_weather' } }] },
      },
    });
    expect(r.body.tool_choice).toEqual({ type: 'any' });
    expect(r.losses.map((l) => l.path)).toEqual(['tool_choice.allowed_tools.tools']);
  });

  it.each([
    ['low', 64000, { type: 'enabled', budget_tokens: 4096 }],
    ['medium', 64000, { type: 'enabled', budget_tokens: 16384 }],
    ['high', 64000, { type: 'enabled', budget_tokens: 32768 }],
    ['high', 8000, { type: 'enabled', budget_tokens: 7999 }],
    ['none', 64000, { type: 'disabled' }],
  ])('reasoning_effort %s with max %i -> %j', (effort, max, thinking) => {
    const r = run({
      model: 'm',
      max_completion_tokens: max,
      messages: [{ role: 'user', content: 'x' }],
      reasoning_effort: effort,
    });
    expect(r.body.thinking).toEqual(thinking);
  });

  it('reasoning_effort with max_tokens below 1025 cannot enable thinking: loss', () => {
    const r = run({
      model: 'm',
      max_completion_tokens: 1000,
      messages: [{ role: 'user', content: 'x' }],
      reasoning_effort: 'low',
    });
    expect(r.body).not.toHaveProperty('thinking');
    expect(r.losses.map((l) => l.path)).toEqual(['reasoning_effort']);
  });
});

describe('openaiRequestToAnthropic: bad input gives TranslationError only', () => {
  it.each([
    [null, ''],
    [42, ''],
    [{ messages: [] }, 'model'],
    [{ model: 'm' }, 'messages'],
    [{ model: 'm', messages: ['x'] }, 'messages[0]'],
    [{ model: 'm', messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role'],
    [{ model: 'm', messages: [{ role: 'user', content: 3 }] }, 'messages[0].content'],
    [{ model: 'm', messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
    [{ model: 'm', messages: [], temperature: 'hot' }, 'temperature'],
    [{ model: 'm', messages: [], stop: 5 }, 'stop'],
    [{ model: 'm', messages: [], reasoning_effort: 'extreme' }, 'reasoning_effort'],
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

describe('openaiRequestToAnthropic: blank text, which Anthropic refuses, is never sent', () => {
  it('an assistant message with content " " and tool_calls replays as the tool call alone (the blank text reported)', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: ' ',
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'w', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'c1', name: 'w', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'c1', content: 'sunny' }] },
    ]);
    expect(r.losses).toEqual([
      { path: 'messages[1].content', reason: expect.stringContaining('whitespace-only text') },
    ]);
  });

  it('a blank part joins the text next to it; a message or system message of blank text only is not sent', () => {
    const r = run({
      ...base,
      messages: [
        { role: 'system', content: '\n' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Hi' },
            { type: 'text', text: '\n\n' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: '  ' },
            { type: 'text', text: 'Hello' },
          ],
        },
        { role: 'user', content: '\t' },
        { role: 'user', content: [{ type: 'text', text: ' ' }] },
        { role: 'user', content: 'Bye' },
      ],
    });
    expect(r.body.system).toBeUndefined();
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Hi\n\n' }] },
      { role: 'assistant', content: [{ type: 'text', text: '  Hello' }] },
      { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'messages[0].content',
      'messages[3].content',
      'messages[4].content[0]',
    ]);
  });

  it('refuses a blank user message that is a whole user turn: leaving it out would make the assistant message a prefill', () => {
    const body = {
      ...base,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: ' \n' },
      ],
    };
    expect(() => run(body)).toThrow(/whitespace only.*\(at messages\[2\]\)/);
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

describe('openaiRequestToAnthropic: server tools, web_search_options, function extras, replay', () => {
  const user = [{ role: 'user', content: 'News?' }];

  it('the convention {type: <name>, <name>: {name?: <version>, ...options}} and raw Anthropic tool objects', () => {
    const r = run({
      ...base,
      messages: user,
      tools: [
        {
          type: 'web_search',
          web_search: { name: 'web_search_20260209', max_uses: 2, allowed_domains: ['a.example'] },
        },
        { type: 'web_fetch', web_fetch: { max_content_tokens: 5000 } },
        { type: 'code_execution' },
        { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' },
        { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10 },
        { type: 'bash', cache_control: { type: 'ephemeral' } },
      ],
    });
    expect(r.body.tools).toEqual([
      { type: 'web_search_20260209', name: 'web_search', max_uses: 2, allowed_domains: ['a.example'] },
      { type: 'web_fetch_20250910', name: 'web_fetch', max_content_tokens: 5000 },
      { type: 'code_execution_20250825', name: 'code_execution' },
      { type: 'tool_search_tool_regex_20251119', name: 'tool_search_tool_regex' },
      { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool', max_characters: 10 },
      { type: 'bash_20250124', name: 'bash', cache_control: { type: 'ephemeral' } },
    ]);
    expect(r.losses).toEqual([]);
  });

  it('refuses a version of another tool, or a raw object under another name; an unknown type stays a loss', () => {
    expect(() =>
      run({ ...base, messages: user, tools: [{ type: 'web_search', web_search: { name: 'bash_20250124' } }] }),
    ).toThrow(expect.objectContaining({ kind: 'invalid_input', path: 'tools[0].web_search.name' }));
    expect(() => run({ ...base, messages: user, tools: [{ type: 'web_search_20250305', name: 'search' }] })).toThrow(
      expect.objectContaining({ path: 'tools[0].name' }),
    );
    const r = run({ ...base, messages: user, tools: [{ type: 'file_search', file_search: {} }] });
    expect(r.body.tools).toBeUndefined();
    expect(r.losses).toEqual([{ path: 'tools[0]', reason: 'tool type "file_search" has no Anthropic equivalent' }]);
  });

  it('web_search_options -> the web search tool with the user location; the context size is a loss', () => {
    const r = run({
      ...base,
      messages: user,
      web_search_options: {
        search_context_size: 'high',
        user_location: { type: 'approximate', approximate: { city: 'Paris', country: 'FR', timezone: 'Europe/Paris' } },
      },
    });
    expect(r.body.tools).toEqual([
      {
        type: 'web_search_20250305',
        name: 'web_search',
        user_location: { type: 'approximate', city: 'Paris', country: 'FR', timezone: 'Europe/Paris' },
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['web_search_options.search_context_size']);
    // a web search tool in tools gets the location; its own location wins
    const both = run({
      ...base,
      messages: user,
      tools: [{ type: 'web_search', web_search: { user_location: { type: 'approximate', city: 'Oslo' } } }],
      web_search_options: { user_location: { type: 'approximate', approximate: { city: 'Paris' } } },
    });
    expect(both.body.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search', user_location: { type: 'approximate', city: 'Oslo' } },
    ]);
    expect(both.losses.map((l) => l.path)).toEqual(['web_search_options.user_location']);
  });

  it('function extras defer_loading, allowed_callers, input_examples, strict -> the Anthropic client tool', () => {
    const r = run({
      ...base,
      messages: user,
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
            defer_loading: true,
            allowed_callers: ['code_execution_20250825'],
            input_examples: [{ city: 'Paris' }],
          },
        },
      ],
    });
    expect(r.body.tools).toEqual([
      {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        strict: true,
        defer_loading: true,
        allowed_callers: ['code_execution_20250825'],
        input_examples: [{ city: 'Paris' }],
      },
    ]);
    expect(r.losses).toEqual([]);
  });

  it('a replayed assistant turn with content_blocks gives Claude back the exact server blocks and citations', () => {
    const citation = {
      type: 'web_search_result_location',
      url: 'https://a.example',
      title: 'A',
      cited_text: 'Rain.',
      encrypted_index: 'EI',
    };
    const blocks = [
      { type: 'text', text: 'Searching.' },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'weather' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [
          { type: 'web_search_result', url: 'https://a.example', title: 'A', encrypted_content: 'EC', page_age: null },
        ],
      },
      { type: 'text', text: 'Rain.', citations: [citation] },
    ];
    const r = run({
      ...base,
      messages: [
        ...user,
        { role: 'assistant', content: 'Searching.Rain.', content_blocks: blocks, annotations: [] },
        { role: 'user', content: 'Thanks' },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: 'News?' },
      { role: 'assistant', content: blocks },
      { role: 'user', content: 'Thanks' },
    ]);
    expect(r.losses).toEqual([]);
    // without content_blocks, the annotations alone cannot be replayed
    const bare = run({
      ...base,
      messages: [...user, { role: 'assistant', content: 'Rain.', annotations: [{ type: 'url_citation' }] }],
    });
    expect(bare.losses.map((l) => l.path)).toEqual(['messages[1].annotations']);
  });
});
