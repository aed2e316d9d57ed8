import { describe, expect, it } from 'vitest';
import { geminiSignatureFor } from '../../test/support/gemini-thought-signature.js';
import type { FormatId } from '../core/formats.js';
import { translateRequest, translateResponse } from './translate.js';

/**
 * A Gemini client in front of an upstream that signs Claude's thinking (Converse, InvokeModel, Vertex) goes through
 * the hub: the thoughtSignature it gets carries the thinking block (docs/providers.md, "Thought signatures"), so a
 * client that replays only that signature (Gemini CLI drops the thought parts) still hands the upstream the thinking
 * text with its signature, byte for byte.
 */
const THINKING = 'Need the weather.';
const SIGNATURE = 'RXF1YWxseQ==';
const anthropicAnswer = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content: [
    { type: 'thinking', thinking: THINKING, signature: SIGNATURE },
    { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
  ],
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 20 },
};
const replayed = (body: unknown): unknown =>
  (body as { messages: Array<{ content: unknown[] }> }).messages[1]!.content[0];
const UPSTREAMS: Array<{ format: FormatId; answer: unknown }> = [
  {
    format: 'bedrock-converse',
    answer: {
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: THINKING, signature: SIGNATURE } } },
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
      metrics: { latencyMs: 1 },
    },
  },
  {
    format: 'bedrock-invoke',
    answer: anthropicAnswer,
  },
  {
    format: 'vertex-anthropic',
    answer: anthropicAnswer,
  },
];

describe('Gemini client, Claude-signed upstream through the hub: the thought text rides in the thoughtSignature', () => {
  for (const { format, answer } of UPSTREAMS) {
    it(format, () => {
      const response = translateResponse<FormatId, FormatId>(format, 'gemini', answer, { model: 'gemini-2.5-pro' })
        .body as { candidates: Array<{ content: { parts: Array<Record<string, unknown>> } }> };
      const parts = response.candidates[0]!.content.parts;
      const call = parts.find((p) => p.functionCall !== undefined)!;
      expect(call.thoughtSignature).toBe(geminiSignatureFor(SIGNATURE, THINKING));
      const request = {
        contents: [
          { role: 'user', parts: [{ text: 'Weather in Paris?' }] },
          { role: 'model', parts: parts.filter((p) => p.thought !== true) },
          {
            role: 'user',
            parts: [
              {
                functionResponse: {
                  id: (call.functionCall as { id?: string }).id,
                  name: 'get_weather',
                  response: { output: 'sun' },
                },
              },
            ],
          },
        ],
        generationConfig: { thinkingConfig: { thinkingBudget: 2048, includeThoughts: true } },
      };
      const r = translateRequest<FormatId, FormatId>('gemini', format, request, {
        model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      });
      expect(r.losses).toEqual([]);
      expect(replayed(r.body)).toEqual(
        format === 'bedrock-converse'
          ? { reasoningContent: { reasoningText: { text: THINKING, signature: SIGNATURE } } }
          : { type: 'thinking', thinking: THINKING, signature: SIGNATURE },
      );
    });
  }
});
