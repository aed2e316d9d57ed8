import { describe, expect, it } from 'vitest';
import { anthropicResponseToGemini } from './response-to-gemini.js';
import { createAnthropicToGeminiStream } from './stream-to-gemini.js';

/** A Claude answer that searched the web once and cited two pages, with multibyte text before the citation. */
const claudeAnswer = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-x',
  content: [
    { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'euro 2024 winner' } },
    {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_1',
      content: [
        { type: 'web_search_result', url: 'https://a.example/', title: 'A', encrypted_content: 'enc1', page_age: null },
        {
          type: 'web_search_result',
          url: 'https://b.example/',
          title: 'B',
          encrypted_content: 'enc2',
          page_age: '2 days',
        },
      ],
    },
    { type: 'text', text: 'Selon les sources, ' },
    {
      type: 'text',
      text: "l'Espagne a gagné 😀.",
      citations: [
        {
          type: 'web_search_result_location',
          url: 'https://b.example/',
          title: 'B',
          cited_text: 'Spain won',
          encrypted_index: 'ix',
        },
        {
          type: 'web_search_result_location',
          url: 'https://c.example/',
          title: null,
          cited_text: '',
          encrypted_index: '',
        },
      ],
    },
  ],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 5, output_tokens: 7, server_tool_use: { web_search_requests: 1 } },
};

describe('Anthropic web search -> Gemini groundingMetadata', () => {
  it('queries, chunks and supports with UTF-8 byte offsets of the text parts', () => {
    const r = anthropicResponseToGemini(claudeAnswer);
    const c = r.body.candidates[0]!;
    expect(c.content?.parts).toEqual([{ text: 'Selon les sources, ' }, { text: "l'Espagne a gagné 😀." }]);
    // 'Selon les sources, ' is 19 bytes; "l'Espagne a gagné 😀." is 20 characters but 19 + 1 (é) + 2 (😀) = 24 bytes
    expect(c.groundingMetadata).toEqual({
      webSearchQueries: ['euro 2024 winner'],
      groundingChunks: [
        { web: { uri: 'https://a.example/', title: 'A' } },
        { web: { uri: 'https://b.example/', title: 'B' } },
        { web: { uri: 'https://c.example/' } },
      ],
      groundingSupports: [
        { segment: { startIndex: 19, endIndex: 43, text: "l'Espagne a gagné 😀." }, groundingChunkIndices: [1, 2] },
      ],
    });
    expect(r.losses.map((l) => l.path)).toEqual([
      'content[1].content[0].encrypted_content',
      'content[1].content[1].encrypted_content',
      'content[1].content[1].page_age',
      'content[3].citations[0]',
    ]);
  });

  it('thought parts do not count in the offsets; no grounding without web search', () => {
    const r = anthropicResponseToGemini({
      ...claudeAnswer,
      content: [
        { type: 'thinking', thinking: 'ééé', signature: 'c2ln' },
        {
          type: 'text',
          text: 'x',
          citations: [
            {
              type: 'web_search_result_location',
              url: 'https://a.example/',
              title: 'A',
              cited_text: '',
              encrypted_index: '',
            },
          ],
        },
      ],
    });
    expect(r.body.candidates[0]!.groundingMetadata?.groundingSupports).toEqual([
      { segment: { startIndex: 0, endIndex: 1, text: 'x' }, groundingChunkIndices: [0] },
    ]);
    const plain = anthropicResponseToGemini({ ...claudeAnswer, content: [{ type: 'text', text: 'hi' }] });
    expect(plain.body.candidates[0]!.groundingMetadata).toBeUndefined();
  });

  it('other server tools, search errors and other citation kinds are losses', () => {
    const r = anthropicResponseToGemini({
      ...claudeAnswer,
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_2', name: 'code_execution', input: { code: '1' } },
        {
          type: 'web_search_tool_result',
          tool_use_id: 'srvtoolu_3',
          content: { type: 'web_search_tool_result_error', error_code: 'unavailable' },
        },
        {
          type: 'text',
          text: 'y',
          citations: [
            { type: 'char_location', cited_text: 'y', document_index: 0, start_char_index: 0, end_char_index: 1 },
          ],
        },
      ],
    });
    expect(r.losses.map((l) => l.path)).toEqual(['content[0]', 'content[1].content', 'content[2].citations[0]']);
    expect(r.body.candidates[0]!.content?.parts).toEqual([{ text: 'y' }]);
  });
});

/** Claude's stream of `claudeAnswer`, as Anthropic streams web search (docs/wire-formats.md#anthropic-stream-grammar). */
function claudeStream(): unknown[] {
  const [use, result, plain, cited] = claudeAnswer.content as Array<Record<string, unknown>>;
  return [
    {
      type: 'message_start',
      message: { ...claudeAnswer, content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } },
    },
    { type: 'content_block_start', index: 0, content_block: { ...use, input: {} } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"query": "euro' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: ' 2024 winner"}' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'content_block_start', index: 1, content_block: result },
    { type: 'content_block_stop', index: 1 },
    { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: plain!.text } },
    { type: 'content_block_stop', index: 2 },
    { type: 'content_block_start', index: 3, content_block: { type: 'text', text: '' } },
    ...(cited!.citations as unknown[]).map((citation) => ({
      type: 'content_block_delta',
      index: 3,
      delta: { type: 'citations_delta', citation },
    })),
    { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: "l'Espagne a " } },
    { type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'gagné 😀.' } },
    { type: 'content_block_stop', index: 3 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: claudeAnswer.usage },
    { type: 'message_stop' },
  ];
}

describe('Anthropic web search stream -> Gemini chunks', () => {
  it('sends the grounding on the last chunk, equal to the whole response translation', () => {
    const t = createAnthropicToGeminiStream();
    const chunks = claudeStream().flatMap((e) => t.push(e));
    const whole = anthropicResponseToGemini(claudeAnswer);
    const candidates = chunks.map(
      (c) => (c as unknown as { candidates: Array<Record<string, unknown>> }).candidates[0]!,
    );
    expect(candidates.slice(0, -1).some((c) => c.groundingMetadata !== undefined)).toBe(false);
    expect(candidates.at(-1)!.groundingMetadata).toEqual(whole.body.candidates[0]!.groundingMetadata);
    const text = candidates
      .flatMap((c) => (c.content as { parts: Array<{ text?: string }> }).parts)
      .map((p) => p.text ?? '');
    expect(text.join('')).toBe("Selon les sources, l'Espagne a gagné 😀.");
    expect(t.losses.map((l) => l.path).sort()).toEqual(whole.losses.map((l) => l.path).sort());
  });
});
