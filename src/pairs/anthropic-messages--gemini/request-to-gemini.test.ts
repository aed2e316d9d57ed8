import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { anthropicRequestToGemini } from './request-to-gemini.js';

const t = (body: unknown, strict = false) => anthropicRequestToGemini(deepFreeze(body), { strict });

describe('anthropicRequestToGemini', () => {
  it('maps system, roles, sampling and puts the model into the path', () => {
    const r = t({
      model: 'gemini-2.5-flash',
      max_tokens: 256,
      system: 'Be brief.',
      stop_sequences: ['END'],
      temperature: 0.5,
      top_p: 0.9,
      top_k: 40,
      stream: true,
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
        { role: 'user', content: 'More' },
        { role: 'user', content: [{ type: 'text', text: 'please' }] },
      ],
    });
    expect(r.losses).toEqual([]);
    expect(r.body).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }] },
        { role: 'model', parts: [{ text: 'Hello' }] },
        { role: 'user', parts: [{ text: 'More' }, { text: 'please' }] },
      ],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { maxOutputTokens: 256, stopSequences: ['END'], temperature: 0.5, topP: 0.9, topK: 40 },
    });
    expect(r.context.upstreamPath).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(r.context.stream).toBe(true);
    expect(r.context.clientModel).toBe('gemini-2.5-flash');
  });

  it('keeps at most 5 stop sequences (Gemini rejects more) and reports each one dropped', () => {
    const r = t({
      model: 'm',
      max_tokens: 1,
      stop_sequences: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(r.body.generationConfig?.stopSequences).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(r.losses).toEqual([
      { path: 'stop_sequences[5]', reason: expect.stringContaining('at most 5') },
      { path: 'stop_sequences[6]', reason: expect.stringContaining('at most 5') },
    ]);
  });

  it('maps tool_use / tool_result by name, without ids, and tool choice', () => {
    const r = t({
      model: 'm',
      max_tokens: 100,
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      tool_choice: { type: 'tool', name: 'get_weather' },
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' }] },
      ],
    });
    expect(r.losses).toEqual([]);
    expect(r.body.contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
    });
    expect(r.body.contents[2]).toEqual({
      role: 'user',
      parts: [{ functionResponse: { name: 'get_weather', response: { output: 'Sunny' } } }],
    });
    expect(r.body.tools).toEqual([
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
          },
        ],
      },
    ]);
    expect(r.body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
  });

  it('maps error results, multi-text results and images in results', () => {
    const r = t({
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'a', name: 'f', input: {} },
            { type: 'tool_use', id: 'b', name: 'g', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'a', is_error: true, content: 'boom' },
            {
              type: 'tool_result',
              tool_use_id: 'b',
              content: [
                { type: 'text', text: 'x' },
                { type: 'text', text: 'y' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
              ],
            },
          ],
        },
      ],
    });
    expect(r.body.contents[1]!.parts).toEqual([
      { functionResponse: { name: 'f', response: { error: 'boom' } } },
      {
        functionResponse: {
          name: 'g',
          response: { output: ['x', 'y'] },
          parts: [{ inlineData: { mimeType: 'image/png', data: 'AAAA' } }],
        },
      },
    ]);
  });

  it('rejects a tool_result whose tool_use is unknown', () => {
    expect(() =>
      t({
        model: 'm',
        max_tokens: 1,
        messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'r' }] }],
      }),
    ).toThrow(TranslationError);
  });

  it('carries thinking as thought parts and signature-only thinking onto the part before it', () => {
    const r = t({
      model: 'm',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        { role: 'user', content: 'q' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Let me think', signature: 'c2lnMQ==' },
            { type: 'tool_use', id: 't', name: 'f', input: { a: 1 } },
            { type: 'thinking', thinking: '', signature: 'c2lnMg==' },
          ],
        },
      ],
    });
    expect(r.losses).toEqual([]);
    expect(r.body.contents[1]!.parts).toEqual([
      { text: 'Let me think', thought: true, thoughtSignature: 'c2lnMQ==' },
      { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'c2lnMg==' },
    ]);
    expect(r.body.generationConfig?.thinkingConfig).toEqual({ includeThoughts: true, thinkingBudget: 1024 });
  });

  it('maps thinking modes', () => {
    const cfg = (thinking: unknown) =>
      t({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }], thinking }).body.generationConfig;
    expect(cfg({ type: 'disabled' })?.thinkingConfig).toEqual({ thinkingBudget: 0 });
    expect(cfg({ type: 'adaptive', display: 'omitted' })?.thinkingConfig).toEqual({
      includeThoughts: false,
      thinkingBudget: -1,
    });
  });

  it('maps media: base64 image, url image, pdf, text document', () => {
    const r = t({
      model: 'm',
      max_tokens: 1,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
            { type: 'image', source: { type: 'url', url: 'https://x.test/a.png' } },
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' }, title: 'T' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain' } },
          ],
        },
      ],
    });
    expect(r.body.contents[0]!.parts).toEqual([
      { inlineData: { mimeType: 'image/jpeg', data: '/9j/' } },
      { fileData: { fileUri: 'https://x.test/a.png' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBE' } },
      { text: 'plain' },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['messages[0].content[2].title']);
  });

  it('reports what Gemini cannot carry, with paths', () => {
    const r = t({
      model: 'm',
      max_tokens: 1,
      metadata: { user_id: 'u' },
      system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      tools: [{ type: 'code_execution_20250825', name: 'code_execution' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'redacted_thinking', data: 'x' },
            { type: 'text', text: 'hi' },
          ],
        },
      ],
    });
    expect(r.losses.map((l) => l.path).sort()).toEqual(
      [
        'messages[0].content[0]',
        'metadata',
        'system[0].cache_control',
        'tool_choice.disable_parallel_tool_use',
        'tools[0]',
      ].sort(),
    );
    expect(() =>
      t({ model: 'm', max_tokens: 1, metadata: {}, messages: [{ role: 'user', content: 'x' }] }, true),
    ).toThrow(/cannot carry over/);
  });

  it('web search -> googleSearch grounding, web fetch -> urlContext; their options are losses', () => {
    const r = t({
      model: 'm',
      max_tokens: 10,
      tools: [
        { name: 'f', input_schema: { type: 'object' } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 2, allowed_domains: null },
        { type: 'web_fetch_20250910', name: 'web_fetch' },
        { type: 'web_search_20260209', name: 'web_search' },
      ],
      messages: [{ role: 'user', content: 'q' }],
    });
    expect(r.body.tools).toEqual([{ functionDeclarations: [{ name: 'f' }] }, { googleSearch: {} }, { urlContext: {} }]);
    // the second web search is one too many: Gemini has one googleSearch
    expect(r.losses.map((l) => l.path)).toEqual(['tools[1].max_uses', 'tools[3]']);
  });

  it('reports every cache_control (top level, system, block, tool) as a missing cache breakpoint', () => {
    const r = t({
      model: 'm',
      max_tokens: 1,
      cache_control: { type: 'ephemeral' },
      system: [{ type: 'text', text: 's', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      tools: [
        {
          name: 'f',
          input_schema: { type: 'object', properties: { a: { type: 'string' } } },
          cache_control: { type: 'ephemeral' },
        },
      ],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }] }],
    });
    expect(r.losses.map((l) => [l.path, l.reason]).sort()).toEqual(
      [
        ['cache_control', 'Gemini has no cache breakpoints'],
        ['messages[0].content[0].cache_control', 'Gemini has no cache breakpoints'],
        ['system[0].cache_control', 'Gemini has no cache breakpoints'],
        ['tools[0].cache_control', 'Gemini has no cache breakpoints'],
      ].sort(),
    );
    const first = r.body.tools?.[0];
    expect(first && 'functionDeclarations' in first ? first.functionDeclarations[0] : undefined).toEqual({
      name: 'f',
      parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } } },
    });
  });

  it('rewrites tool names Gemini rejects everywhere they appear and hands the way back the map', () => {
    const long = `mcp__${'server_'.repeat(10)}read`;
    const r = t({
      model: 'm',
      max_tokens: 10,
      tools: [
        { name: '3d_render', input_schema: { type: 'object', properties: { a: { type: 'string' } } } },
        { name: long, input_schema: { type: 'object' } },
        { name: 'ok_tool', input_schema: { type: 'object' } },
      ],
      tool_choice: { type: 'tool', name: '3d_render' },
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: long, input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'r' }] },
      ],
    });
    const first = r.body.tools?.[0];
    const decls = first && 'functionDeclarations' in first ? first.functionDeclarations.map((d) => d.name) : [];
    expect(decls[2]).toBe('ok_tool');
    for (const n of decls) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/);
    expect(r.body.toolConfig?.functionCallingConfig.allowedFunctionNames).toEqual([decls[0]]);
    expect(r.body.contents[1]!.parts[0]!.functionCall?.name).toBe(decls[1]);
    expect(r.body.contents[2]!.parts[0]!.functionResponse?.name).toBe(decls[1]);
    expect(r.context.toolNames).toEqual({ [decls[0]!]: '3d_render', [decls[1]!]: long });
    expect(r.losses).toEqual([]);
    // all names valid: no map
    expect(
      t({
        model: 'm',
        max_tokens: 1,
        tools: [{ name: 'f', input_schema: { type: 'object' } }],
        messages: [{ role: 'user', content: 'x' }],
      }).context.toolNames,
    ).toBeUndefined();
  });

  it('throws typed errors for bad input', () => {
    for (const bad of [
      null,
      { model: 'm', messages: 'x' },
      { model: 'm', messages: [{ role: 'bot', content: 'x' }] },
      { model: 'm', messages: [{ role: 'user', content: [] }] },
    ]) {
      expect(() => t(bad)).toThrow(TranslationError);
    }
  });
});
