import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { isTranslationError } from '../../core/errors.js';
import { openaiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToOpenAI } from './request-to-openai.js';
import { openaiResponseToAnthropic } from './response-to-anthropic.js';
import { anthropicResponseToOpenAI } from './response-to-openai.js';

const img = { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' };

describe('round trips (A -> B -> A equals A when nothing is lost)', () => {
  it('Anthropic request -> Chat -> Anthropic', () => {
    const a = deepFreeze({
      model: 'claude-x',
      max_tokens: 8000,
      system: [{ type: 'text', text: 'sys', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      stop_sequences: ['END'],
      temperature: 0.3,
      top_p: 0.8,
      stream: true,
      metadata: { user_id: 'u1' },
      thinking: { type: 'enabled', budget_tokens: 4096 },
      tools: [
        {
          name: 'f',
          description: 'd',
          input_schema: { type: 'object', properties: { a: { type: 'number' } } },
          strict: true,
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look', cache_control: { type: 'ephemeral' } },
            { type: 'image', source: img },
            { type: 'image', source: { type: 'url', url: 'https://x/y.png' } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
              title: 'doc.pdf',
            },
            // (a text document comes back as a text block: Chat file parts take PDF only, so it goes as a text part)
            { type: 'text', text: 'plain ✓' },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 't', signature: 'sig' },
            { type: 'redacted_thinking', data: 'r' },
            { type: 'text', text: 'calling' },
            { type: 'tool_use', id: 'tu1', name: 'f', input: { a: 1 } },
            { type: 'tool_use', id: 'tu2', name: 'f', input: { a: 2 } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'tu1', content: '1' },
            { type: 'tool_result', tool_use_id: 'tu2', content: [{ type: 'text', text: 'bad' }], is_error: true },
            { type: 'text', text: 'go on' },
          ],
        },
        { role: 'assistant', content: 'done' },
      ],
    });
    const o = anthropicRequestToOpenAI(a);
    expect(o.losses).toEqual([]);
    const back = openaiRequestToAnthropic(deepFreeze(o.body));
    expect(back.losses).toEqual([]);
    expect(back.body).toEqual(a);
  });

  it('Chat request -> Anthropic -> Chat', () => {
    const o = deepFreeze({
      model: 'gpt-x',
      max_completion_tokens: 64000,
      messages: [
        { role: 'system', content: 'sys' },
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'r' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
      ],
      stop: ['x', 'y'],
      temperature: 0.5,
      tools: [
        { type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      reasoning_effort: 'medium',
      user: 'u',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'response', schema: { type: 'object' }, strict: true },
      },
    });
    const a = openaiRequestToAnthropic(o);
    expect(a.losses).toEqual([]);
    const back = anthropicRequestToOpenAI(deepFreeze(a.body));
    expect(back.losses).toEqual([]);
    expect(back.body).toEqual(o);
  });

  it('Anthropic response -> Chat -> Anthropic', () => {
    const a = deepFreeze({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'thinking', thinking: 't', signature: 'sig' },
        { type: 'text', text: 'hi' },
        { type: 'tool_use', id: 'tu', name: 'f', input: { a: [1] } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 3,
        output_tokens: 4,
        cache_creation_input_tokens: 5,
        cache_read_input_tokens: 6,
        output_tokens_details: { thinking_tokens: 2 },
      },
    });
    const o = anthropicResponseToOpenAI(a, { id: 'chatcmpl-x' });
    const back = openaiResponseToAnthropic(deepFreeze(o.body), { id: 'msg_1' });
    expect(back.losses).toEqual([]);
    expect(back.body).toEqual(a);
  });
});

describe('arbitrary input never throws anything but TranslationError', () => {
  const fns = [
    anthropicRequestToOpenAI,
    openaiRequestToAnthropic,
    anthropicResponseToOpenAI,
    openaiResponseToAnthropic,
  ];
  const json = fc.anything({ maxDepth: 4, withObjectString: false });
  const shaped = fc.record({
    model: fc.oneof(fc.string(), json),
    max_tokens: fc.oneof(fc.nat(), json),
    messages: fc.array(
      fc.record({
        role: fc.constantFrom('user', 'assistant', 'system', 'tool', 'developer', 'x'),
        content: fc.oneof(fc.string(), fc.array(json)),
        tool_calls: json,
      }),
    ),
    content: fc.array(json),
    choices: fc.array(fc.record({ message: json, finish_reason: json })),
  });
  it.each(fns.map((f) => [f.name, f] as const))('%s', (_name, fn) => {
    fc.assert(
      fc.property(fc.oneof(json, shaped), (input) => {
        try {
          fn(input);
        } catch (e) {
          if (!isTranslationError(e)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('round trip of a web-search answer through the content_blocks extension', () => {
  it('Anthropic -> Chat -> Anthropic gives back the server blocks and whole citations in order', () => {
    const content = [
      { type: 'text', text: 'Looking. ' },
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_1',
        content: [
          { type: 'web_search_result', url: 'https://a.example', title: 'A', encrypted_content: 'E', page_age: null },
        ],
      },
      {
        type: 'text',
        text: 'Found.',
        citations: [
          {
            type: 'web_search_result_location',
            url: 'https://a.example',
            title: 'A',
            cited_text: 'F',
            encrypted_index: 'I',
          },
        ],
      },
    ];
    const message = {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content,
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 2, server_tool_use: { web_search_requests: 1 } },
    };
    const chat = anthropicResponseToOpenAI(deepFreeze(message));
    const back = openaiResponseToAnthropic(deepFreeze(chat.body));
    expect(back.losses).toEqual([]);
    expect(back.body.content).toEqual(content);
    expect((back.body.usage as unknown as Record<string, unknown>).server_tool_use).toEqual({ web_search_requests: 1 });
  });
});
