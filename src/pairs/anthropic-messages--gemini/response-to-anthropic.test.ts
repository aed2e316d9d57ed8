import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { TranslationError } from '../../core/errors.js';
import { geminiResponseToAnthropic } from './response-to-anthropic.js';

const t = (body: unknown, options = {}) => geminiResponseToAnthropic(deepFreeze(body), options);

describe('geminiResponseToAnthropic', () => {
  it('maps text, usage and STOP', () => {
    const r = t(
      {
        candidates: [
          {
            content: { role: 'model', parts: [{ text: 'Hello' }, { text: ' world' }] },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 2, totalTokenCount: 9 },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'abc',
      },
      { context: { clientModel: 'gemini-2.5-flash' } },
    );
    expect(r.losses).toEqual([]);
    expect(r.body).toEqual({
      id: 'msg_abc',
      type: 'message',
      role: 'assistant',
      model: 'gemini-2.5-flash',
      content: [{ type: 'text', text: 'Hello world' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      stop_details: null,
      usage: { input_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 },
    });
  });

  it('turns function calls into tool_use with derived ids and stop_reason tool_use', () => {
    const r = t({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'U0lH' },
              { functionCall: { name: 'get_time', args: {} } },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      responseId: 'r1',
    });
    expect(r.body.stop_reason).toBe('tool_use');
    expect(r.body.content).toEqual([
      { type: 'tool_use', id: 'toolu_gemini_r1_0_get_weather', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'thinking', thinking: '', signature: 'U0lH' },
      { type: 'tool_use', id: 'toolu_gemini_r1_1_get_time', name: 'get_time', input: {} },
    ]);
  });

  it('puts back tool names the request rewrote for Gemini (context.toolNames), leaves others alone', () => {
    const r = t(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { functionCall: { name: '_3d_render_abc', args: { a: 1 } } },
                { functionCall: { name: 'f', args: {} } },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      },
      { context: { toolNames: { _3d_render_abc: '3d_render' } } },
    );
    expect(r.body.content.map((b) => b.name)).toEqual(['3d_render', 'f']);
    expect(r.body.stop_reason).toBe('tool_use');
  });

  it('keeps text that comes after a functionCall, in order', () => {
    const r = t({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ text: 'Checking.' }, { functionCall: { name: 'f', args: { a: 1 } } }, { text: 'Done asking.' }],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(r.body.content.map((b) => [b.type, b.type === 'text' ? b.text : b.name])).toEqual([
      ['text', 'Checking.'],
      ['tool_use', 'f'],
      ['text', 'Done asking.'],
    ]);
    expect(r.body.stop_reason).toBe('tool_use');
  });

  it('carries a Gemini-provided call id in the tool_use id, recognisably, so that requests can send it back', () => {
    const r = t({
      candidates: [
        {
          content: {
            parts: [
              { functionCall: { id: 'call_9', name: 'f', args: {} } },
              { functionCall: { id: 'a/b', name: 'f', args: {} } },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(r.body.content.map((b: { id?: string }) => b.id)).toEqual(['toolu_gid_call_9', 'toolu_gidx_YS9i']);
  });

  it('maps thought parts to a thinking block with the signature', () => {
    const r = t({
      candidates: [
        {
          content: {
            parts: [
              { text: 'Plan: ', thought: true },
              { text: 'add', thought: true, thoughtSignature: 'c2ln' },
              { text: '4' },
            ],
          },
          finishReason: 'STOP',
        },
      ],
      usageMetadata: {
        promptTokenCount: 10,
        candidatesTokenCount: 1,
        thoughtsTokenCount: 30,
        cachedContentTokenCount: 4,
      },
    });
    expect(r.body.content).toEqual([
      { type: 'thinking', thinking: 'Plan: add', signature: 'c2ln' },
      { type: 'text', text: '4' },
    ]);
    expect(r.body.usage).toEqual({
      input_tokens: 6,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 4,
      output_tokens: 31,
      output_tokens_details: { thinking_tokens: 30 },
    });
  });

  it('maps safety finishes and blocked prompts to refusal', () => {
    const a = t({ candidates: [{ content: { parts: [] }, finishReason: 'SAFETY', finishMessage: 'unsafe' }] });
    expect(a.body.stop_reason).toBe('refusal');
    expect(a.body.stop_details).toEqual({ type: 'refusal', category: null, explanation: 'unsafe' });
    const b = t({
      promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
      usageMetadata: { promptTokenCount: 3, totalTokenCount: 3 },
    });
    expect(b.body.stop_reason).toBe('refusal');
    expect(b.body.content).toEqual([]);
  });

  it('maps MAX_TOKENS and reports extra candidates and unknown fields', () => {
    const r = t({
      candidates: [
        { content: { parts: [{ text: 'a' }] }, finishReason: 'MAX_TOKENS', citationMetadata: {} },
        { content: { parts: [{ text: 'b' }] } },
      ],
    });
    expect(r.body.stop_reason).toBe('max_tokens');
    expect(r.losses.map((l) => l.path)).toEqual(['candidates[0].citationMetadata', 'candidates[1]']);
  });

  it('throws typed errors for malformed responses', () => {
    expect(() => t([])).toThrow(TranslationError);
    expect(() => t({ candidates: [{ content: { parts: 'x' } }] })).toThrow(TranslationError);
    expect(() => t({ candidates: [{ content: { parts: [{ functionCall: { args: {} } }] } }] })).toThrow(
      TranslationError,
    );
  });
});
