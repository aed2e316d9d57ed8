import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../../conformance/arbitraries/deep-freeze.js';
import { geminiSignatureFor } from '../../../test/support/gemini-thought-signature.js';
import { TranslationError } from '../../core/errors.js';
import { anthropicResponseToGemini } from './response-to-gemini.js';

const message = {
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: 'hmm', signature: 'SIG' },
    { type: 'text', text: 'Let me check.' },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, cache_read_input_tokens: 5, cache_creation_input_tokens: 0, output_tokens: 20 },
};

describe('anthropicResponseToGemini', () => {
  it('maps blocks to parts (the thinking signature on the first functionCall, as Gemini puts it), stop_reason to finishReason, usage to usageMetadata', () => {
    const r = anthropicResponseToGemini(deepFreeze(message), { context: { clientModel: 'gemini-2.5-pro' } });
    expect(r.losses).toEqual([]);
    expect(r.body).toEqual({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'hmm', thought: true },
              { text: 'Let me check.' },
              {
                functionCall: { id: 'toolu_01', name: 'get_weather', args: { city: 'Paris' } },
                thoughtSignature: geminiSignatureFor('SIG', 'hmm'),
              },
            ],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: 15,
        candidatesTokenCount: 20,
        totalTokenCount: 35,
        cachedContentTokenCount: 5,
      },
      modelVersion: 'gemini-2.5-pro',
      responseId: 'msg_01',
    });
  });

  it('refusal -> SAFETY with the explanation as finishMessage; unsupported blocks are losses', () => {
    const r = anthropicResponseToGemini(
      deepFreeze({
        ...message,
        content: [{ type: 'server_tool_use', id: 'srvtoolu_1', name: 'code_execution', input: {} }],
        stop_reason: 'refusal',
        stop_details: { type: 'refusal', category: null, explanation: 'no' },
      }),
    );
    expect(r.body.candidates[0]).toEqual({
      content: { role: 'model', parts: [] },
      finishReason: 'SAFETY',
      index: 0,
      finishMessage: 'no',
    });
    expect(r.losses.map((l) => l.path)).toEqual(['content[0]']);
  });

  it('throws typed errors', () => {
    expect(() => anthropicResponseToGemini({ content: 'x' })).toThrow(TranslationError);
  });
});
