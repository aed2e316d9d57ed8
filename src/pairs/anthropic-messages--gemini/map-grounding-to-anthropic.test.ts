import { describe, expect, it } from 'vitest';
import { LossCollector } from '../../core/losses.js';
import { groundContent, mergeGroundingMetadata, readGrounding } from './map-grounding-to-anthropic.js';

const PAGE_A = { url: 'https://a.example/x', title: 'a.example' };
const PAGE_B = { url: 'https://b.example/y', title: 'b.example' };

/** A grounding whose chunk 0 is page A, chunk 1 page B. */
function metadata(supports: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    webSearchQueries: ['euro 2024 winner'],
    groundingChunks: [
      { web: { uri: PAGE_A.url, title: PAGE_A.title } },
      { web: { uri: PAGE_B.url, title: PAGE_B.title } },
    ],
    groundingSupports: supports,
    ...extra,
  };
}

function cite(page: { url: string; title: string }, cited: string) {
  return {
    type: 'web_search_result_location',
    url: page.url,
    title: page.title,
    cited_text: cited,
    encrypted_index: '',
  };
}

describe('Gemini grounding -> Anthropic web search blocks and citations', () => {
  it('puts the search before the text and splits the text at each cited segment', () => {
    const losses = new LossCollector();
    // "Spain won. " is bytes [0, 11); "Final in Berlin." bytes [11, 27)
    const g = readGrounding(
      metadata([
        { segment: { startIndex: 0, endIndex: 10, text: 'Spain won.' }, groundingChunkIndices: [0] },
        { segment: { startIndex: 11, endIndex: 27, text: 'Final in Berlin.' }, groundingChunkIndices: [0, 1] },
      ]),
      'g',
      losses,
    );
    const content = [
      { type: 'thinking', thinking: 'hm', signature: 's' },
      { type: 'text', text: 'Spain won. Final in Berlin.' },
    ];
    expect(groundContent(content, g, 'r1')).toEqual([
      { type: 'thinking', thinking: 'hm', signature: 's' },
      { type: 'server_tool_use', id: 'srvtoolu_gemini_r1_0', name: 'web_search', input: { query: 'euro 2024 winner' } },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_gemini_r1_0',
        content: [
          { type: 'web_search_result', url: PAGE_A.url, title: PAGE_A.title, encrypted_content: '', page_age: null },
          { type: 'web_search_result', url: PAGE_B.url, title: PAGE_B.title, encrypted_content: '', page_age: null },
        ],
      },
      { type: 'text', text: 'Spain won.', citations: [cite(PAGE_A, 'Spain won.')] },
      { type: 'text', text: ' ' },
      {
        type: 'text',
        text: 'Final in Berlin.',
        citations: [cite(PAGE_A, 'Final in Berlin.'), cite(PAGE_B, 'Final in Berlin.')],
      },
    ]);
    expect(losses.list).toEqual([]);
    expect(content[1]).toEqual({ type: 'text', text: 'Spain won. Final in Berlin.' });
  });

  it('reads segment offsets as UTF-8 bytes (multibyte text before the cited span)', () => {
    // "Ça coûte 5 €. " = Ç(2) a(1) ' '(1) c o(2) û(2) t e(2) ' '(1) 5(1) ' '(1) €(3) .(1) ' '(1) = 18 bytes
    const text = 'Ça coûte 5 €. Oui 😀 vrai.';
    const start = new TextEncoder().encode('Ça coûte 5 €. ').length;
    const end = start + new TextEncoder().encode('Oui 😀 vrai.').length;
    expect(start).toBe(18);
    const g = readGrounding(
      metadata([{ segment: { startIndex: start, endIndex: end }, groundingChunkIndices: [1] }]),
      'g',
      new LossCollector(),
    );
    const out = groundContent([{ type: 'text', text }], g, undefined);
    expect(out.slice(2)).toEqual([
      { type: 'text', text: 'Ça coûte 5 €. ' },
      { type: 'text', text: 'Oui 😀 vrai.', citations: [cite(PAGE_B, 'Oui 😀 vrai.')] },
    ]);
  });

  it('reads offsets over the joined text when the text is split into several blocks', () => {
    const g = readGrounding(
      metadata([{ segment: { startIndex: 3, endIndex: 7, text: 'defg' }, groundingChunkIndices: [0] }]),
      'g',
      new LossCollector(),
    );
    const content = [
      { type: 'text', text: 'abcde' },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
      { type: 'text', text: 'fgh' },
    ];
    expect(
      groundContent(content, g, undefined).filter(
        (b) => b.type !== 'server_tool_use' && b.type !== 'web_search_tool_result',
      ),
    ).toEqual([
      { type: 'text', text: 'abc' },
      { type: 'text', text: 'de', citations: [cite(PAGE_A, 'defg')] },
      { type: 'tool_use', id: 't', name: 'f', input: {} },
      { type: 'text', text: 'fg', citations: [cite(PAGE_A, 'defg')] },
      { type: 'text', text: 'h' },
    ]);
  });

  it('gives one search pair per query, the pages in the first result; none when nothing was searched', () => {
    const g = readGrounding({ ...metadata([]), webSearchQueries: ['q1', 'q2'] }, 'g', new LossCollector());
    const out = groundContent([], g, undefined);
    expect(
      out.map((b) => [b.type, b.type === 'web_search_tool_result' ? (b.content as unknown[]).length : b.input]),
    ).toEqual([
      ['server_tool_use', { query: 'q1' }],
      ['web_search_tool_result', 2],
      ['server_tool_use', { query: 'q2' }],
      ['web_search_tool_result', 0],
    ]);
    expect(
      groundContent([{ type: 'text', text: 'x' }], readGrounding({}, 'g', new LossCollector()), undefined),
    ).toEqual([{ type: 'text', text: 'x' }]);
  });

  it('reports what has no Anthropic place, with its path', () => {
    const losses = new LossCollector();
    readGrounding(
      metadata(
        [
          { segment: { startIndex: 0, endIndex: 2 }, groundingChunkIndices: [5], confidenceScores: [0.9] },
          { segment: { partIndex: 1, startIndex: 0, endIndex: 2 }, groundingChunkIndices: [0] },
        ],
        {
          searchEntryPoint: { renderedContent: '<div></div>' },
          retrievalMetadata: {},
          groundingChunks: [{ web: { uri: PAGE_A.url } }, { retrievedContext: { uri: 'gs://x' } }],
        },
      ),
      'candidates[0].groundingMetadata',
      losses,
    );
    expect(losses.list.map((l) => l.path)).toEqual([
      'candidates[0].groundingMetadata.searchEntryPoint',
      'candidates[0].groundingMetadata.retrievalMetadata',
      'candidates[0].groundingMetadata.groundingChunks[1]',
      'candidates[0].groundingMetadata.groundingSupports[0].confidenceScores',
      'candidates[0].groundingMetadata.groundingSupports[0].groundingChunkIndices[0]',
      'candidates[0].groundingMetadata.groundingSupports[1].segment',
    ]);
  });

  it('merges stream chunks: later keys win, earlier keys stay', () => {
    const a = mergeGroundingMetadata(undefined, { webSearchQueries: ['q'] });
    expect(mergeGroundingMetadata(a, { groundingChunks: [] })).toEqual({
      webSearchQueries: ['q'],
      groundingChunks: [],
    });
    expect(mergeGroundingMetadata(a, 'x')).toBe(a);
  });
});
