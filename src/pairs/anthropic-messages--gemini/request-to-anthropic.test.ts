import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { geminiSignatureFor, geminiSignatureForRedacted } from '../../../test/support/gemini-thought-signature.js';
import { TranslationError } from '../../core/errors.js';
import { geminiRequestToAnthropic } from './request-to-anthropic.js';
import { anthropicRequestToGemini } from './request-to-gemini.js';

const t = (body: unknown, options: Parameters<typeof geminiRequestToAnthropic>[1] = { model: 'claude-x' }) =>
  geminiRequestToAnthropic(deepFreeze(body), options);

describe('geminiRequestToAnthropic', () => {
  it('maps a plain chat; model comes from options (the URL)', () => {
    const r = t(
      {
        contents: [
          { role: 'user', parts: [{ text: 'Hi' }] },
          { role: 'model', parts: [{ text: 'Hello' }] },
          { role: 'user', parts: [{ text: 'Bye' }] },
        ],
        systemInstruction: { role: 'user', parts: [{ text: 'Be brief.' }] },
        generationConfig: { maxOutputTokens: 100, temperature: 0.2, stopSequences: ['X'] },
      },
      { model: 'claude-x', stream: true },
    );
    expect(r.losses).toEqual([]);
    expect(r.body).toEqual({
      model: 'claude-x',
      max_tokens: 100,
      temperature: 0.2,
      stop_sequences: ['X'],
      system: 'Be brief.',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] },
        { role: 'user', content: [{ type: 'text', text: 'Bye' }] },
      ],
      stream: true,
    });
  });

  it('pairs function responses with calls by name and order, with derived ids', () => {
    const r = t({
      contents: [
        { role: 'user', parts: [{ text: 'weather in A and B' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { name: 'wx', args: { c: 'A' } }, thoughtSignature: 'U0lH' },
            { functionCall: { name: 'wx', args: { c: 'B' } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'wx', response: { output: 'sun' } } },
            { functionResponse: { name: 'wx', response: { temp: 3 } } },
          ],
        },
      ],
      tools: [
        {
          functionDeclarations: [{ name: 'wx', parameters: { type: 'OBJECT', properties: { c: { type: 'STRING' } } } }],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['wx'] } },
    });
    expect(r.losses).toEqual([]);
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in A and B' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: '', signature: 'U0lH' },
          { type: 'tool_use', id: 'toolu_gemini_0_wx', name: 'wx', input: { c: 'A' } },
          { type: 'tool_use', id: 'toolu_gemini_1_wx', name: 'wx', input: { c: 'B' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_gemini_0_wx', content: 'sun' },
          { type: 'tool_result', tool_use_id: 'toolu_gemini_1_wx', content: '{"temp":3}' },
        ],
      },
    ]);
    expect(r.body.tools).toEqual([
      { name: 'wx', input_schema: { type: 'object', properties: { c: { type: 'string' } } } },
    ]);
    expect(r.body.tool_choice).toEqual({ type: 'tool', name: 'wx' });
  });

  it('uses Gemini ids when present and maps error responses', () => {
    const r = t({
      contents: [
        { role: 'model', parts: [{ functionCall: { id: 'toolu_01', name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'toolu_01', name: 'f', response: { error: 'nope' } } }] },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_01', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01', is_error: true, content: 'nope' }] },
    ]);
  });

  it('rejects a function response that answers no call', () => {
    expect(() =>
      t({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }] }),
    ).toThrow(TranslationError);
  });

  it('needs the model from the URL', () => {
    expect(() => t({ contents: [] }, {})).toThrow(/options.model/);
  });

  it('maps thinking config and drops sampling under 2026-10-21', () => {
    const r = t(
      {
        contents: [{ parts: [{ text: 'x' }] }],
        generationConfig: { temperature: 1.5, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
      },
      { model: 'c', anthropicVersion: '2026-10-21' },
    );
    expect(r.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(r.body.temperature).toBeUndefined();
    expect(r.losses.map((l) => l.path)).toEqual(['generationConfig.temperature']);
  });

  it('maps media and reports what it cannot carry', () => {
    const r = t({
      contents: [
        {
          role: 'user',
          parts: [
            { inlineData: { mimeType: 'image/png', data: 'AAAA' } },
            { inlineData: { mimeType: 'audio/wav', data: 'AAAA' } },
            { fileData: { mimeType: 'application/pdf', fileUri: 'https://x.test/a.pdf' } },
            { fileData: { fileUri: 'gs://bucket/a.png' } },
            { text: 'what?' },
          ],
        },
      ],
      safetySettings: [],
    });
    expect(r.body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          { type: 'document', source: { type: 'url', url: 'https://x.test/a.pdf' } },
          { type: 'text', text: 'what?' },
        ],
      },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual([
      'contents[0].parts[1].inlineData',
      'contents[0].parts[3].fileData',
      'safetySettings',
    ]);
  });

  it('round-trips an Anthropic request with tools and thinking through Gemini', () => {
    const anthropic = {
      model: 'claude-x',
      max_tokens: 4000,
      system: 'sys',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hm', signature: 'S1' },
            { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: { a: 1 } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_gemini_0_f', content: 'ok' }] },
      ],
      tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'integer' } } } }],
      tool_choice: { type: 'any' },
    };
    const g = anthropicRequestToGemini(deepFreeze(anthropic));
    const back = geminiRequestToAnthropic(deepFreeze(g.body), { model: 'claude-x' });
    expect(back.losses).toEqual([]);
    expect(back.body).toEqual(anthropic);
  });
});

describe('geminiRequestToAnthropic: what Anthropic rejects once thinking is on', () => {
  const ask = { contents: [{ role: 'user', parts: [{ text: 'q' }] }] };
  const tools = [
    { functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: { a: { type: 'STRING' } } } }] },
  ];

  it('drops thinking when a call is forced (ANY), keeping the forced call', () => {
    for (const fcc of [{ mode: 'ANY' }, { mode: 'ANY', allowedFunctionNames: ['f'] }]) {
      const r = t({
        ...ask,
        tools,
        toolConfig: { functionCallingConfig: fcc },
        generationConfig: { thinkingConfig: { thinkingBudget: 2048 } },
      });
      expect(r.body.thinking).toBeUndefined();
      expect(r.body.tool_choice).toEqual(fcc.allowedFunctionNames ? { type: 'tool', name: 'f' } : { type: 'any' });
      expect(r.losses).toEqual([
        { path: 'generationConfig.thinkingConfig', reason: expect.stringContaining('forced') },
      ]);
    }
    // AUTO keeps thinking
    const auto = t({
      ...ask,
      tools,
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
      generationConfig: { thinkingConfig: { thinkingBudget: 2048 } },
    });
    expect(auto.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048, display: 'omitted' });
    expect(auto.losses).toEqual([]);
  });

  it('keeps the budget below max_tokens', () => {
    const lowered = t({
      ...ask,
      generationConfig: { maxOutputTokens: 3000, thinkingConfig: { thinkingBudget: 3000, includeThoughts: true } },
    });
    expect(lowered.body.max_tokens).toBe(3000);
    expect(lowered.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2999 });
    expect(lowered.losses.map((l) => l.path)).toEqual(['generationConfig.thinkingConfig.thinkingBudget']);

    const noRoom = t({
      ...ask,
      generationConfig: { maxOutputTokens: 1024, thinkingConfig: { thinkingBudget: 2000, includeThoughts: true } },
    });
    expect(noRoom.body.max_tokens).toBe(1024);
    expect(noRoom.body.thinking).toBeUndefined();
    expect(noRoom.losses).toEqual([
      { path: 'generationConfig.thinkingConfig', reason: expect.stringContaining('no room') },
    ]);

    const raised = t({ ...ask, generationConfig: { thinkingConfig: { thinkingBudget: 8192, includeThoughts: true } } });
    expect(raised.body.max_tokens).toBe(8192 + 8192);
    expect(raised.body.thinking).toEqual({ type: 'enabled', budget_tokens: 8192 });
    expect(raised.losses).toEqual([]);

    const fits = t({
      ...ask,
      generationConfig: { maxOutputTokens: 3001, thinkingConfig: { thinkingBudget: 3000, includeThoughts: true } },
    });
    expect(fits.body.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(fits.losses).toEqual([]);
  });

  it('drops temperature (unless 1) and top_k, raises top_p to 0.95, only when thinking is on', () => {
    const gc = { temperature: 0.2, topK: 5, topP: 0.5 };
    const on = t({
      ...ask,
      generationConfig: { ...gc, thinkingConfig: { thinkingBudget: -1, includeThoughts: true } },
    });
    expect(on.body).toMatchObject({ thinking: { type: 'adaptive' }, top_p: 0.95 });
    expect(on.body.temperature).toBeUndefined();
    expect(on.body.top_k).toBeUndefined();
    expect(on.losses.map((l) => l.path)).toEqual([
      'generationConfig.temperature',
      'generationConfig.topK',
      'generationConfig.topP',
    ]);

    const one = t({
      ...ask,
      generationConfig: { temperature: 1, topP: 0.97, thinkingConfig: { thinkingBudget: 2048 } },
    });
    expect(one.body).toMatchObject({ temperature: 1, top_p: 0.97 });
    expect(one.losses).toEqual([]);

    const off = t({ ...ask, generationConfig: { ...gc, thinkingConfig: { thinkingBudget: 0 } } });
    expect(off.body).toMatchObject({ thinking: { type: 'disabled' }, temperature: 0.2, top_k: 5, top_p: 0.5 });
    expect(off.losses).toEqual([]);
  });

  it('maps includeThoughts alone (Gemini default budget) to adaptive thinking; rejects a non-number budget', () => {
    expect(t({ ...ask, generationConfig: { thinkingConfig: { includeThoughts: true } } }).body.thinking).toEqual({
      type: 'adaptive',
    });
    expect(
      t({ ...ask, generationConfig: { thinkingConfig: { includeThoughts: false } } }).body.thinking,
    ).toBeUndefined();
    expect(() => t({ ...ask, generationConfig: { thinkingConfig: { thinkingBudget: '1024' } } })).toThrow(
      /thinkingBudget/,
    );
  });
});

describe('geminiRequestToAnthropic: contents edge cases', () => {
  it('a function response part that is neither inlineData nor fileData is a loss, not a crash', () => {
    const r = t({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { role: 'model', parts: [{ functionCall: { name: 'shot', args: {} } }] },
        {
          role: 'user',
          parts: [
            {
              functionResponse: {
                name: 'shot',
                response: { output: 'done' },
                parts: [{ inlineData: [] }, { text: 'x' }],
              },
            },
          ],
        },
      ],
    });
    expect(r.losses.map((l) => l.path)).toEqual([
      'contents[2].parts[0].functionResponse.parts[0]',
      'contents[2].parts[0].functionResponse.parts[1]',
    ]);
    expect(r.body.messages).toContainEqual({
      role: 'user',
      content: [expect.objectContaining({ type: 'tool_result', content: [{ type: 'text', text: 'done' }] })],
    });
  });

  it('carries Gemini call ids in the tool_use ids (any characters), and their responses follow', () => {
    const r = t({
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { id: 'call/1', name: 'f', args: null } },
            { functionCall: { id: 'ok_2', name: 'f', args: { a: 1 } } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'ok_2', name: 'f', response: { output: 'two' } } },
            { functionResponse: { id: 'call/1', name: 'f', response: { output: 'one' } } },
          ],
        },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_gidx_Y2FsbC8x', name: 'f', input: {} },
          { type: 'tool_use', id: 'toolu_gid_ok_2', name: 'f', input: { a: 1 } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_gid_ok_2', content: 'two' },
          { type: 'tool_result', tool_use_id: 'toolu_gidx_Y2FsbC8x', content: 'one' },
        ],
      },
    ]);
  });

  // found by conformance/properties/provider-client-requests.test.ts: a client's own call ids ("call_1") were kept
  // verbatim as tool_use ids, which the way back (Anthropic -> Gemini) cannot tell from other ids, so it dropped them
  it('a client call id comes back on the way Anthropic -> Gemini; an Anthropic id (toolu_…) stays as it is', () => {
    const gemini = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        {
          role: 'model',
          parts: [
            { functionCall: { id: 'call_1', name: 'f', args: {} } },
            { functionCall: { id: 'toolu_01A', name: 'f', args: {} } },
          ],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { id: 'call_1', name: 'f', response: { output: 'one' } } },
            { functionResponse: { id: 'toolu_01A', name: 'f', response: { output: 'two' } } },
          ],
        },
      ],
    };
    const r = t(gemini);
    expect(r.body.messages).toContainEqual({
      role: 'assistant',
      content: [
        { type: 'tool_use', id: 'toolu_gid_call_1', name: 'f', input: {} },
        { type: 'tool_use', id: 'toolu_01A', name: 'f', input: {} },
      ],
    });
    const back = anthropicRequestToGemini(r.body);
    expect(back.body.contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { id: 'call_1', name: 'f', args: {} } }, { functionCall: { name: 'f', args: {} } }],
    });
    expect(back.body.contents[2]?.parts[0]).toEqual({
      functionResponse: { id: 'call_1', name: 'f', response: { output: 'one' } },
    });
  });

  it('a response whose id the history does not show takes the oldest call of its name', () => {
    const r = t({
      contents: [
        { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
        { role: 'user', parts: [{ functionResponse: { id: 'elsewhere', name: 'f', response: {} } }] },
      ],
    });
    expect(r.body.messages).toEqual([
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_gemini_0_f' }] },
    ]);
  });

  it('reports Gemini Files API files (Anthropic cannot fetch them) instead of passing the URL', () => {
    const r = t({
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'see' },
            {
              fileData: {
                mimeType: 'image/png',
                fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc',
              },
            },
          ],
        },
      ],
    });
    expect(r.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'see' }] }]);
    expect(r.losses).toEqual([{ path: 'contents[0].parts[1].fileData', reason: expect.stringContaining('Files API') }]);
  });

  it('reports a response schema without JSON output at the schema the client sent', () => {
    const r = t({ contents: [{ parts: [{ text: 'x' }] }], generationConfig: { responseSchema: { type: 'STRING' } } });
    expect(r.body.output_config).toBeUndefined();
    expect(r.losses).toEqual([
      { path: 'generationConfig.responseSchema', reason: expect.stringContaining('application/json') },
    ]);
  });

  it('reads snake_case field names as the Gemini API does', () => {
    const r = t({
      system_instruction: { parts: [{ text: 'sys' }] },
      contents: [
        { role: 'user', parts: [{ text: 'q' }, { inline_data: { mime_type: 'image/png', data: 'AAAA' } }] },
        {
          role: 'model',
          parts: [{ function_call: { name: 'f', args: { city_name: 'Oslo' } }, thought_signature: 'U0lH' }],
        },
        { role: 'user', parts: [{ function_response: { name: 'f', response: { temp_c: 3 } } }] },
      ],
      tools: [
        {
          function_declarations: [
            {
              name: 'f',
              parameters: { type: 'OBJECT', properties: { city_name: { type: 'STRING', max_length: '9' } } },
            },
          ],
        },
      ],
      tool_config: { function_calling_config: { mode: 'AUTO' } },
      generation_config: { max_output_tokens: 300, stop_sequences: ['X'] },
    });
    expect(r.losses).toEqual([]);
    expect(r.body).toEqual({
      model: 'claude-x',
      max_tokens: 300,
      stop_sequences: ['X'],
      system: 'sys',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'q' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: '', signature: 'U0lH' },
            { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: { city_name: 'Oslo' } },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_gemini_0_f', content: '{"temp_c":3}' }] },
      ],
      tools: [
        { name: 'f', input_schema: { type: 'object', properties: { city_name: { type: 'string', maxLength: 9 } } } },
      ],
      tool_choice: { type: 'auto' },
    });
  });
});

describe('geminiRequestToAnthropic: thinking during a tool loop', () => {
  const loop = (modelParts: unknown[]) => ({
    contents: [
      { role: 'user', parts: [{ text: 'weather?' }] },
      { role: 'model', parts: modelParts },
      { role: 'user', parts: [{ functionResponse: { name: 'wx', response: { output: 'sun' } } }] },
    ],
    generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
  });

  it('keeps thinking when the model turn of the open loop starts with a signed thought', () => {
    const r = t(
      loop([{ text: 'hm', thought: true, thoughtSignature: 'U0lH' }, { functionCall: { name: 'wx', args: {} } }]),
    );
    expect(r.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(r.losses).toEqual([]);
  });

  it('does not send thinking when the history kept only the function calls (Anthropic would reject it)', () => {
    const r = t(loop([{ functionCall: { name: 'wx', args: {} } }]));
    expect(r.body.thinking).toBeUndefined();
    expect(r.losses).toEqual([
      { path: 'generationConfig.thinkingConfig', reason: expect.stringContaining('no signed thought part') },
    ]);
  });

  it('only looks at an open loop: a finished one, or a new user question, keeps thinking', () => {
    const closed = loop([{ functionCall: { name: 'wx', args: {} } }]);
    const r = t({
      ...closed,
      contents: [
        ...closed.contents,
        { role: 'model', parts: [{ text: 'Sunny.' }] },
        { role: 'user', parts: [{ text: 'thanks' }] },
      ],
    });
    expect(r.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(r.losses).toEqual([]);
  });
});

describe('geminiRequestToAnthropic: where a thoughtSignature on a non-thought part goes', () => {
  const model = (...contents: unknown[][]) => ({
    contents: [{ role: 'user', parts: [{ text: 'q' }] }, ...contents.map((parts) => ({ role: 'model', parts }))],
  });
  const assistant = (body: unknown) => (t(body).body.messages as Array<{ content: unknown }>)[1]!.content;

  it('to the unsigned thought run before it (across text), making one signed thinking block', () => {
    expect(
      assistant(
        model([
          { text: 'plan', thought: true },
          { text: 'Checking.' },
          { functionCall: { name: 'f', args: {} }, thoughtSignature: 'UzE=' },
        ]),
      ),
    ).toEqual([
      { type: 'thinking', thinking: 'plan', signature: 'UzE=' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: {} },
    ]);
  });

  it('with no thought, to an empty thinking block where the thinking was: before the parts it signs', () => {
    expect(assistant(model([{ text: 'A' }, { text: 'B', thoughtSignature: 'UzE=' }]))).toEqual([
      { type: 'thinking', thinking: '', signature: 'UzE=' },
      { type: 'text', text: 'A' },
      { type: 'text', text: 'B' },
    ]);
  });

  it('consecutive model contents (a @google/genai chat records a stream chunk by chunk) are one turn', () => {
    const r = t(
      model(
        [{ text: 'pl', thought: true }],
        [{ text: 'an', thought: true }],
        [{ text: 'Hi' }],
        [{ text: '', thoughtSignature: 'UzE=' }],
      ),
    );
    expect(r.losses).toEqual([]);
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'plan', signature: 'UzE=' },
          { type: 'text', text: 'Hi' },
        ],
      },
    ]);
  });

  it('a thought that no signature follows is dropped and reported', () => {
    const r = t(model([{ text: 'plan', thought: true }, { text: 'Hi' }]));
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'q' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'Hi' }] },
    ]);
    expect(r.losses).toEqual([
      { path: 'contents[1].parts[0]', reason: expect.stringContaining('without a thoughtSignature') },
    ]);
  });

  it('a signature crosswire made carries the whole thinking block: rebuilt without the thought parts', () => {
    const sig = geminiSignatureFor('RXF1YWxseQ==', 'Need the weather.');
    const r = t(model([{ text: 'Checking.' }, { functionCall: { name: 'f', args: {} }, thoughtSignature: sig }]));
    expect(r.losses).toEqual([]);
    expect((r.body.messages as Array<{ content: unknown }>)[1]!.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather.', signature: 'RXF1YWxseQ==' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: {} },
    ]);
    // on the thought part itself, and with the same text replayed: the same block, nothing reported
    const own = t(model([{ text: 'Need the weather.', thought: true, thoughtSignature: sig }, { text: 'Hi' }]));
    expect(own.losses).toEqual([]);
    expect((own.body.messages as Array<{ content: unknown }>)[1]!.content).toEqual([
      { type: 'thinking', thinking: 'Need the weather.', signature: 'RXF1YWxseQ==' },
      { type: 'text', text: 'Hi' },
    ]);
  });

  it('a replayed thought text that differs from the signed one: the signed text is sent, the difference reported', () => {
    const sig = geminiSignatureFor('UzE=', 'plan');
    const r = t(
      model([
        { text: 'edited', thought: true },
        { functionCall: { name: 'f', args: {} }, thoughtSignature: sig },
      ]),
    );
    expect((r.body.messages as Array<{ content: unknown }>)[1]!.content).toEqual([
      { type: 'thinking', thinking: 'plan', signature: 'UzE=' },
      { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: {} },
    ]);
    expect(r.losses).toEqual([{ path: 'contents[1].parts[0]', reason: expect.stringContaining('differs') }]);
  });

  it('a redacted thinking signature gives the redacted_thinking block back', () => {
    const sig = geminiSignatureForRedacted('ZW5jcnlwdGVk');
    expect(assistant(model([{ functionCall: { name: 'f', args: {} }, thoughtSignature: sig }]))).toEqual([
      { type: 'redacted_thinking', data: 'ZW5jcnlwdGVk' },
      { type: 'tool_use', id: 'toolu_gemini_0_f', name: 'f', input: {} },
    ]);
  });

  it('a signature that only looks like ours (base64 of another text starting "anthropic") is a real Gemini one', () => {
    const sig = Buffer.from('anthropic-other\nx').toString('base64');
    expect(assistant(model([{ text: 'Hi', thoughtSignature: sig }]))).toEqual([
      { type: 'thinking', thinking: '', signature: sig },
      { type: 'text', text: 'Hi' },
    ]);
  });
});

describe('geminiRequestToAnthropic: built-in tools', () => {
  it('googleSearch -> the web search tool, urlContext -> web fetch; their settings and other built-ins are losses', () => {
    const r = t({
      contents: [{ role: 'user', parts: [{ text: 'q' }] }],
      tools: [{ googleSearch: { timeRangeFilter: { startTime: 'x' } } }, { urlContext: {} }, { codeExecution: {} }],
    });
    expect(r.body.tools).toEqual([
      { type: 'web_search_20250305', name: 'web_search' },
      { type: 'web_fetch_20250910', name: 'web_fetch' },
    ]);
    expect(r.losses.map((l) => l.path)).toEqual(['tools[0].googleSearch.timeRangeFilter', 'tools[2].codeExecution']);
  });
});
