import { describe, expect, it } from 'vitest';
import { anthropicResponseToGemini } from './response-to-gemini.js';

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
