/**
 * The official SDKs read web search translated both ways (docs/providers.md#gemini-grounding): `@google/genai` reads
 * the `groundingMetadata` made from Claude's web search (answer and stream), the Anthropic SDK reads the web search
 * blocks and citations made from Gemini's grounding (answer and stream). The inputs are the scenario fixtures'
 * upstream files.
 */

import { readFileSync } from 'node:fs';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { anthropicSDKFinalMessage } from '../../../test/support/sdk-harness.js';
import { readText, streamOfText } from '../../../test/support/stream-test-utils.js';
import type { FormatId } from '../../core/formats.js';
import { translateResponse } from '../../translate/translate.js';
import { translateStream } from '../../translate/translate-stream.js';

const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');

function genai(body: string, contentType: string): GoogleGenAI {
  const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': contentType } });
  return new GoogleGenAI({
    apiKey: 'k',
    httpOptions: { baseUrl: 'http://localhost', apiVersion: 'v1beta', fetch } as never,
  });
}

/** The UTF-8 bytes [start, end) of `text`, as a string: what a Gemini client slices with a segment. */
function bytesOf(text: string, start: number, end: number): string {
  return new TextDecoder().decode(new TextEncoder().encode(text).subarray(start, end));
}

const CLAUDE_PAGES = [
  { web: { uri: 'https://blog.rust-lang.example/1.99', title: 'Rust 1.99' } },
  { web: { uri: 'https://rust-lang.example/', title: 'Rust' } },
];

describe('@google/genai reads grounding made from Claude web search', () => {
  it('generateContent: queries, pages, and a segment whose byte offsets slice the answer text', async () => {
    const claude = JSON.parse(fixture('gemini--anthropic-messages/google-search-citations/upstream-response.json'));
    const { body } = translateResponse<FormatId, FormatId>('anthropic-messages', 'gemini', claude);
    const r = await genai(JSON.stringify(body), 'application/json').models.generateContent({
      model: 'm',
      contents: 'x',
      config: { tools: [{ googleSearch: {} }] },
    });
    const g = r.candidates?.[0]?.groundingMetadata;
    expect(g?.webSearchQueries).toEqual(['rust latest release']);
    expect(g?.groundingChunks).toEqual(CLAUDE_PAGES);
    const support = g?.groundingSupports?.[0];
    expect(support?.groundingChunkIndices).toEqual([0]);
    expect(bytesOf(r.text ?? '', support?.segment?.startIndex ?? 0, support?.segment?.endIndex ?? 0)).toBe(
      'Rust 1.99 est sortie hier.',
    );
  });

  it('generateContentStream: the grounding on the last chunk, offsets over the streamed text', async () => {
    const sse = fixture('gemini--anthropic-messages/stream-google-search-citations/upstream-stream.sse');
    const bytes = await readText(translateStream('anthropic-messages', 'gemini', streamOfText(sse, 23)));
    const chunks = [];
    for await (const c of await genai(bytes, 'text/event-stream').models.generateContentStream({
      model: 'm',
      contents: 'x',
    }))
      chunks.push(c);
    const text = chunks.map((c) => c.text ?? '').join('');
    expect(text).toBe('D’après le blog, Rust 1.99 est sortie hier..');
    const g = chunks.at(-1)?.candidates?.[0]?.groundingMetadata;
    expect(chunks.slice(0, -1).every((c) => c.candidates?.[0]?.groundingMetadata === undefined)).toBe(true);
    expect(g?.webSearchQueries).toEqual(['rust latest release']);
    expect(g?.groundingChunks).toEqual(CLAUDE_PAGES);
    const seg = g?.groundingSupports?.[0]?.segment;
    expect(bytesOf(text, seg?.startIndex ?? 0, seg?.endIndex ?? 0)).toBe('Rust 1.99 est sortie hier.');
  });
});

const AAA = 'https://vertexaisearch.cloud.google.com/grounding-api-redirect/AAA';

describe('the Anthropic SDK reads web search made from Gemini grounding', () => {
  it('messages.create: search blocks, cited text pieces, usage.server_tool_use', async () => {
    const gemini = JSON.parse(
      fixture('anthropic-messages--gemini/web-search-grounding-citations/upstream-response.json'),
    );
    const { body } = translateResponse<FormatId, FormatId>('gemini', 'anthropic-messages', gemini, { id: 'msg_g' });
    const fetch = async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    const client = new Anthropic({ apiKey: 'k', baseURL: 'http://localhost', fetch, maxRetries: 0 });
    const m = await client.messages.create({ model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'x' }] });
    expect(m.content.map((b) => b.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'server_tool_use',
      'web_search_tool_result',
      'text',
      'text',
      'text',
    ]);
    const cited = m.content.flatMap((b) => (b.type === 'text' ? (b.citations ?? []) : []));
    expect(cited.map((c) => (c.type === 'web_search_result_location' ? [c.url, c.cited_text] : []))).toEqual([
      [AAA, 'Rust 1.99 — publiée hier.'],
      [AAA, 'Elle apporte les closures async.'],
      ['https://vertexaisearch.cloud.google.com/grounding-api-redirect/BBB', 'Elle apporte les closures async.'],
    ]);
    expect(m.usage.server_tool_use?.web_search_requests).toBe(2);
  });

  it('messages.stream().finalMessage(): the held answer arrives grounded, citations through citations_delta', async () => {
    const sse = fixture('anthropic-messages--gemini/stream-web-search-grounding/upstream-stream.sse');
    const bytes = await readText(
      translateStream('gemini', 'anthropic-messages', streamOfText(sse, 31), {
        id: 'msg_s',
        context: { geminiGrounding: true },
      }),
    );
    const m = await anthropicSDKFinalMessage(bytes);
    const content = m.content as Array<Record<string, unknown>>;
    expect(content.slice(0, 2)).toEqual([
      {
        type: 'server_tool_use',
        id: 'srvtoolu_gemini_groundst_0',
        name: 'web_search',
        input: { query: 'rust latest release' },
      },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_gemini_groundst_0',
        content: [
          { type: 'web_search_result', url: AAA, title: 'rust-lang.org', encrypted_content: '', page_age: null },
        ],
      },
    ]);
    expect(content.slice(2).map((b) => [b.text, (b.citations as unknown[] | undefined)?.length ?? 0])).toEqual([
      ['Rust 1.99 — publiée hier.', 1],
      [' ', 0],
      ['Elle apporte les closures async.', 1],
    ]);
    expect(m.usage).toMatchObject({ server_tool_use: { web_search_requests: 1 } });
  });
});
