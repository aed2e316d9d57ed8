import { describe, expect, it } from 'vitest';
import { TranslationError } from '../../core/errors.js';
import { anthropicRequestToGemini } from './anthropic-request-to-gemini.js';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { geminiRequestToAnthropic } from './gemini-request-to-anthropic.js';

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
      { model: 'claude-x', context: { stream: true } },
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
          parts: [{ functionCall: { name: 'wx', args: { c: 'A' } }, thoughtSignature: 'U0lH' }, { functionCall: { name: 'wx', args: { c: 'B' } } }],
        },
        {
          role: 'user',
          parts: [
            { functionResponse: { name: 'wx', response: { output: 'sun' } } },
            { functionResponse: { name: 'wx', response: { temp: 3 } } },
          ],
        },
      ],
      tools: [{ functionDeclarations: [{ name: 'wx', parameters: { type: 'OBJECT', properties: { c: { type: 'STRING' } } } }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['wx'] } },
    });
    expect(r.losses).toEqual([]);
    expect(r.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather in A and B' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_gemini_0_wx', name: 'wx', input: { c: 'A' } },
          { type: 'thinking', thinking: '', signature: 'U0lH' },
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
    expect(r.body.tools).toEqual([{ name: 'wx', input_schema: { type: 'object', properties: { c: { type: 'string' } } } }]);
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
    expect(() => t({ contents: [{ role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] }] })).toThrow(TranslationError);
  });

  it('needs the model from the URL', () => {
    expect(() => t({ contents: [] }, {})).toThrow(/options.model/);
  });

  it('maps thinking config and drops sampling under 2026-10-21', () => {
    const r = t(
      { contents: [{ parts: [{ text: 'x' }] }], generationConfig: { temperature: 1.5, thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } } },
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
    expect(r.losses.map((l) => l.path)).toEqual(['contents[0].parts[1].inlineData', 'contents[0].parts[3].fileData', 'safetySettings']);
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
