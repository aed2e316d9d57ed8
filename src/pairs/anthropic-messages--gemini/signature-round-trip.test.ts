/**
 * Thought signatures and function-call ids survive a whole tool loop (docs/wire-formats.md#gemini-thought-signatures: a signature must
 * come back on the same part, notably on functionCall parts; a `functionCall.id` is echoed in
 * `functionResponse.id`):
 *
 * - Gemini upstream: Gemini's answer -> an Anthropic or OpenAI client -> the client replays that assistant
 *   message -> the model turn Gemini receives has the same parts as its answer.
 * - Anthropic upstream: Anthropic's message -> a Gemini client -> the client replays the model turn -> the
 *   assistant turn Anthropic receives has the same blocks as its message.
 *
 * Both for whole responses and for folded streams.
 */

import { describe, expect, it } from 'vitest';
import { foldAnthropicEvents } from '../../../conformance/arbitraries/fold-anthropic-events.js';
import { foldGeminiChunks } from '../../../conformance/arbitraries/fold-gemini-chunks.js';
import { geminiSignatureFor } from '../../../test/support/gemini-thought-signature.js';
import type { FormatId } from '../../core/formats.js';
import { createStreamTranslator, translateRequest, translateResponse } from '../../translate/translate.js';

type Json = Record<string, unknown>;

const tools = [
  {
    functionDeclarations: [
      { name: 'get_weather', parameters: { type: 'OBJECT', properties: { city: { type: 'STRING' } } } },
    ],
  },
];
const anthropicTools = [
  { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
];
const openaiTools = [
  {
    type: 'function',
    function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
  },
];
const call = (city: string, id?: string) => ({
  functionCall: { ...(id ? { id } : {}), name: 'get_weather', args: { city } },
});

/** Gemini answers, and the parts an OpenAI client gets back to Gemini (it cannot replay an unsigned thought). */
const GEMINI_ANSWERS: Array<{ name: string; parts: Json[]; viaOpenAI?: Json[] }> = [
  { name: 'a signed call', parts: [{ ...call('Paris'), thoughtSignature: 'U0lHMQ==' }] },
  {
    name: 'text, then a signed call',
    parts: [{ text: 'Checking.' }, { ...call('Paris'), thoughtSignature: 'U0lHMQ==' }],
  },
  {
    name: 'parallel calls, the first signed',
    parts: [{ ...call('Paris'), thoughtSignature: 'U0lHMQ==' }, call('Oslo')],
  },
  {
    name: 'a thought summary, then a signed call',
    parts: [
      { text: 'Need the weather.', thought: true },
      { ...call('Paris'), thoughtSignature: 'U0lHMQ==' },
    ],
    viaOpenAI: [{ ...call('Paris'), thoughtSignature: 'U0lHMQ==' }],
  },
  {
    name: 'calls with Gemini ids',
    parts: [{ ...call('Paris', 'fc_1'), thoughtSignature: 'U0lHMQ==' }, call('Oslo', 'a/b 2')],
  },
  { name: 'a signed text answer (no call)', parts: [{ text: 'Sunny.', thoughtSignature: 'U0lHMQ==' }] },
  {
    name: 'a signed thought, then text',
    parts: [{ text: 'Easy.', thought: true, thoughtSignature: 'U0lHMQ==' }, { text: 'Sunny.' }],
  },
];

const geminiResponse = (parts: Json[]) => ({
  candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
  usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 },
  modelVersion: 'gemini-3-pro-preview',
  responseId: 'r1',
});

/** The Gemini turns that answer the calls of `parts` (what the replayed tool results must become). */
function expectedAnswers(parts: Json[]): Json[] {
  return parts
    .map((p) => p.functionCall as { id?: string; name: string } | undefined)
    .filter((fc) => fc !== undefined)
    .map((fc) => ({
      functionResponse: { ...(fc.id ? { id: fc.id } : {}), name: fc.name, response: { output: 'ok' } },
    }));
}

function replayAnthropic(content: Json[]): Json[] {
  const toolUses = content.filter((b) => b.type === 'tool_use');
  return (
    translateRequest<FormatId, FormatId>('anthropic-messages', 'gemini', {
      model: 'gemini-3-pro-preview',
      max_tokens: 100,
      tools: anthropicTools,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content },
        ...(toolUses.length > 0
          ? [
              {
                role: 'user',
                content: toolUses.map((b) => ({ type: 'tool_result', tool_use_id: b.id, content: 'ok' })),
              },
            ]
          : []),
      ],
    }).body as { contents: Json[] }
  ).contents;
}

function replayOpenAI(message: Json): Json[] {
  const calls = (message.tool_calls ?? []) as Array<{ id: string }>;
  return (
    translateRequest<FormatId, FormatId>('openai-chat', 'gemini', {
      model: 'gemini-3-pro-preview',
      tools: openaiTools,
      messages: [
        { role: 'user', content: 'Weather?' },
        message,
        ...calls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: 'ok' })),
      ],
    }).body as { contents: Json[] }
  ).contents;
}

function expectedContents(parts: Json[]): Json[] {
  const answers = expectedAnswers(parts);
  return [
    { role: 'user', parts: [{ text: 'Weather?' }] },
    { role: 'model', parts },
    ...(answers.length > 0 ? [{ role: 'user', parts: answers }] : []),
  ];
}

function streamOf(parts: Json[]): Json[] {
  // one part per chunk, the last chunk with finishReason and usage
  return parts.map((p, i) => {
    const last = i === parts.length - 1;
    const chunk: Json = {
      candidates: [{ content: { role: 'model', parts: [p] }, index: 0, ...(last ? { finishReason: 'STOP' } : {}) }],
      modelVersion: 'g',
      responseId: 'r1',
    };
    if (last) chunk.usageMetadata = { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 };
    return chunk;
  });
}

describe('Gemini upstream: signatures and ids come back on the same parts', () => {
  for (const { name, parts, viaOpenAI } of GEMINI_ANSWERS) {
    it(`${name}: Anthropic client, response and stream`, () => {
      const message = translateResponse<FormatId, FormatId>('gemini', 'anthropic-messages', geminiResponse(parts))
        .body as {
        content: Json[];
      };
      expect(replayAnthropic(message.content)).toEqual(expectedContents(parts));
      const t = createStreamTranslator('gemini', 'anthropic-messages', { id: 'msg_s' });
      const events = [...streamOf(parts).flatMap((c) => t.push(c)), ...t.end()];
      const folded = foldAnthropicEvents(events).message as { content: Json[] };
      expect(replayAnthropic(folded.content)).toEqual(expectedContents(parts));
    });

    it(`${name}: OpenAI client (composed through anthropic-messages)`, () => {
      const completion = translateResponse<FormatId, FormatId>('gemini', 'openai-chat', geminiResponse(parts)).body as {
        choices: Array<{ message: Json }>;
      };
      expect(replayOpenAI(completion.choices[0]!.message)).toEqual(expectedContents(viaOpenAI ?? parts));
    });
  }

  it('ids crosswire minted are not sent to Gemini', () => {
    const message = translateResponse<FormatId, FormatId>(
      'gemini',
      'anthropic-messages',
      geminiResponse([call('Paris')]),
    ).body as {
      content: Json[];
    };
    expect(message.content[0]).toMatchObject({ type: 'tool_use', id: 'toolu_gemini_r1_0_get_weather' });
    expect(replayAnthropic(message.content)).toEqual(expectedContents([call('Paris')]));
  });
});

/** Anthropic messages, as Anthropic sends them. */
const ANTHROPIC_MESSAGES: Array<{ name: string; content: Json[] }> = [
  {
    name: 'thinking, text and two calls',
    content: [
      { type: 'thinking', thinking: 'Need the weather.', signature: 'RXF1YWxseQ==' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { city: 'Oslo' } },
    ],
  },
  {
    name: 'omitted thinking (empty text) and a call',
    content: [
      { type: 'thinking', thinking: '', signature: 'RXF1YWxseQ==' },
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
    ],
  },
  {
    name: 'thinking and a text answer',
    content: [
      { type: 'thinking', thinking: 'Easy.', signature: 'RXF1YWxseQ==' },
      { type: 'text', text: 'Sunny.' },
    ],
  },
  {
    name: 'omitted thinking and a text answer',
    content: [
      { type: 'thinking', thinking: '', signature: 'RXF1YWxseQ==' },
      { type: 'text', text: 'Sunny.' },
    ],
  },
  {
    name: 'interleaved thinking',
    content: [
      { type: 'thinking', thinking: 'First.', signature: 'UzE=' },
      { type: 'text', text: 'One moment.' },
      { type: 'thinking', thinking: 'Then.', signature: 'UzI=' },
      { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { city: 'Paris' } },
    ],
  },
];

const anthropicMessage = (content: Json[]) => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content,
  stop_reason: content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 5 },
});

function anthropicEvents(content: Json[]): Json[] {
  const events: Json[] = [{ type: 'message_start', message: { ...anthropicMessage([]), stop_reason: null } }];
  content.forEach((b, index) => {
    if (b.type === 'thinking') {
      events.push({
        type: 'content_block_start',
        index,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      });
      if (b.thinking !== '')
        events.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: b.thinking } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: b.signature } });
    } else if (b.type === 'text') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      events.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } });
    } else {
      events.push({ type: 'content_block_start', index, content_block: { ...b, input: {} } });
      events.push({
        type: 'content_block_delta',
        index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) },
      });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: anthropicMessage(content).stop_reason, stop_sequence: null },
    usage: { output_tokens: 5 },
  });
  events.push({ type: 'message_stop' });
  return events;
}

function replayGemini(modelParts: Json[]): Json[] {
  const calls = modelParts
    .map((p) => p.functionCall as { id?: string; name: string } | undefined)
    .filter((c) => c !== undefined);
  const body = {
    contents: [
      { role: 'user', parts: [{ text: 'Weather?' }] },
      { role: 'model', parts: modelParts },
      ...(calls.length > 0
        ? [
            {
              role: 'user',
              parts: calls.map((c) => ({ functionResponse: { id: c.id, name: c.name, response: { output: 'ok' } } })),
            },
          ]
        : []),
    ],
    tools,
  };
  const r = translateRequest<FormatId, FormatId>('gemini', 'anthropic-messages', body, { model: 'claude-sonnet-4-5' });
  expect(r.losses).toEqual([]);
  return (r.body as { messages: Json[] }).messages;
}

describe('Anthropic upstream: a Gemini client replays the same thinking blocks', () => {
  for (const { name, content } of ANTHROPIC_MESSAGES) {
    const expected = (): Json[] => {
      const uses = content.filter((b) => b.type === 'tool_use');
      return [
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content },
        ...(uses.length > 0
          ? [{ role: 'user', content: uses.map((b) => ({ type: 'tool_result', tool_use_id: b.id, content: 'ok' })) }]
          : []),
      ];
    };

    it(`${name}: response`, () => {
      const r = translateResponse<FormatId, FormatId>('anthropic-messages', 'gemini', anthropicMessage(content))
        .body as {
        candidates: Array<{ content: { parts: Json[] } }>;
      };
      const parts = r.candidates[0]!.content.parts;
      // no thought part carries a signature when something follows it
      expect(parts.filter((p) => p.thought === true && p.thoughtSignature !== undefined)).toEqual([]);
      expect(replayGemini(parts)).toEqual(expected());
    });

    it(`${name}: response, replayed without the thought parts (as Gemini CLI does)`, () => {
      const r = translateResponse<FormatId, FormatId>('anthropic-messages', 'gemini', anthropicMessage(content))
        .body as {
        candidates: Array<{ content: { parts: Json[] } }>;
      };
      const kept = r.candidates[0]!.content.parts.filter((p) => p.thought !== true);
      if (kept.some((p) => p.thoughtSignature !== undefined)) expect(replayGemini(kept)).toEqual(expected());
    });

    it(`${name}: stream`, () => {
      const t = createStreamTranslator<FormatId, FormatId>('anthropic-messages', 'gemini');
      const chunks = [...anthropicEvents(content).flatMap((e) => t.push(e)), ...t.end()];
      const folded = foldGeminiChunks(chunks).message as { candidates: Array<{ content: { parts: Json[] } }> };
      expect(replayGemini(folded.candidates[0]!.content.parts)).toEqual(expected());
    });
  }

  it('the signature rides on the first functionCall part', () => {
    const r = translateResponse<FormatId, FormatId>(
      'anthropic-messages',
      'gemini',
      anthropicMessage(ANTHROPIC_MESSAGES[0]!.content),
    ).body as {
      candidates: Array<{ content: { parts: Json[] } }>;
    };
    expect(r.candidates[0]!.content.parts).toEqual([
      { text: 'Need the weather.', thought: true },
      { text: 'Checking.' },
      {
        functionCall: { id: 'toolu_01A', name: 'get_weather', args: { city: 'Paris' } },
        thoughtSignature: geminiSignatureFor('RXF1YWxseQ==', 'Need the weather.'),
      },
      { functionCall: { id: 'toolu_01B', name: 'get_weather', args: { city: 'Oslo' } } },
    ]);
  });
});
