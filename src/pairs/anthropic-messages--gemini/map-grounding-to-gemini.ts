import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { GeminiGroundingMetadata } from '../../formats/gemini/types.js';
import { utf8Length } from '../../formats/gemini/utf8-offsets.js';

const SEARCH_RESULT_KEYS = new Set(['type', 'url', 'title', 'encrypted_content', 'page_age']);
const NO_FIELD = 'no Gemini grounding field';

/**
 * Claude's web search (docs/wire-formats.md#anthropic-server-tools) -> a Gemini candidate's `groundingMetadata`
 * (docs/wire-formats.md#gemini-grounding), so that a Gemini client reads it as it reads Google Search grounding:
 *
 * - `server_tool_use` named `web_search` -> its `input.query` in `webSearchQueries`;
 * - each `web_search_result {url, title}` of a `web_search_tool_result` -> a `groundingChunks[] {web: {uri, title}}`
 *   (one chunk per URL); `encrypted_content` (what Claude reads a result back from) and `page_age` have no Gemini
 *   field: losses. A search error -> a loss;
 * - a text block's `web_search_result_location` citations -> one `groundingSupports[]` whose segment is the block's
 *   text: UTF-8 byte offsets over the answer's text parts joined (thought parts do not count), the chunk of each
 *   cited URL (a URL no result listed gets a chunk of its own). `cited_text` (the page's words) and
 *   `encrypted_index` have no Gemini field: losses. Other citation kinds -> losses.
 *
 * Other server tools and their results have no Gemini part: the caller reports them. Gemini clients send no
 * grounding back, so nothing has to survive a replay.
 */
export class GeminiGroundingBuilder {
  readonly #losses: LossCollector;
  readonly #queries: string[] = [];
  readonly #chunks: NonNullable<GeminiGroundingMetadata['groundingChunks']> = [];
  readonly #chunkOf = new Map<string, number>();
  readonly #supports: NonNullable<GeminiGroundingMetadata['groundingSupports']> = [];
  /** UTF-8 bytes of the answer's text parts counted so far */
  #bytes = 0;
  /** text parts written since, not yet counted: bytes are counted only when a cited part needs its offsets */
  readonly #uncounted: string[] = [];

  constructor(losses: LossCollector) {
    this.#losses = losses;
  }

  /** A `server_tool_use` or `web_search_tool_result` block; false for any other (the caller reports it). */
  serverBlock(block: JsonObject, path: JsonPath): boolean {
    if (block.type === 'server_tool_use' && block.name === 'web_search') {
      const query = isRecord(block.input) ? block.input.query : undefined;
      if (typeof query === 'string') this.#queries.push(query);
      else this.#losses.add(childPath(path, 'input'), 'no query');
      return true;
    }
    if (block.type !== 'web_search_tool_result') return false;
    const content = block.content;
    if (!Array.isArray(content)) {
      this.#losses.add(childPath(path, 'content'), `search error: ${NO_FIELD}`);
      return true;
    }
    content.forEach((r, i) => {
      const at = childPath(childPath(path, 'content'), i);
      if (!isRecord(r) || r.type !== 'web_search_result' || typeof r.url !== 'string') {
        this.#losses.add(at, `not a web search result: ${NO_FIELD}`);
        return;
      }
      this.#chunk(r.url, typeof r.title === 'string' ? r.title : undefined);
      if (typeof r.encrypted_content === 'string' && r.encrypted_content !== '')
        this.#losses.add(childPath(at, 'encrypted_content'), NO_FIELD);
      if (r.page_age !== undefined && r.page_age !== null) this.#losses.add(childPath(at, 'page_age'), NO_FIELD);
      this.#losses.unknownKeys(r, SEARCH_RESULT_KEYS, at);
    });
    return true;
  }

  /**
   * A text part of `text` was written; its block's `citations` (at `path`) become one support over it.
   * Call for every text part, in order, cited or not: the offsets count them all.
   */
  text(text: string, citations: unknown, path: JsonPath): void {
    if (!Array.isArray(citations) || citations.length === 0) {
      this.#uncounted.push(text);
      return;
    }
    for (const t of this.#uncounted) this.#bytes += utf8Length(t);
    this.#uncounted.length = 0;
    const start = this.#bytes;
    this.#bytes += utf8Length(text);
    const indices: number[] = [];
    citations.forEach((c, i) => {
      const at = childPath(path, i);
      if (!isRecord(c) || c.type !== 'web_search_result_location' || typeof c.url !== 'string') {
        this.#losses.add(at, `not a web search citation: ${NO_FIELD}`);
        return;
      }
      const n = this.#chunk(c.url, typeof c.title === 'string' ? c.title : undefined);
      if (!indices.includes(n)) indices.push(n);
      if (
        (typeof c.cited_text === 'string' && c.cited_text !== '') ||
        (typeof c.encrypted_index === 'string' && c.encrypted_index !== '')
      )
        this.#losses.add(at, `cited_text, encrypted_index: ${NO_FIELD}`);
    });
    if (indices.length > 0 && text !== '')
      this.#supports.push({
        segment: { startIndex: start, endIndex: this.#bytes, text },
        groundingChunkIndices: indices,
      });
  }

  /** The candidate's `groundingMetadata`, or undefined when the answer used no web search. */
  metadata(): GeminiGroundingMetadata | undefined {
    if (this.#queries.length === 0 && this.#chunks.length === 0) return undefined;
    const out: GeminiGroundingMetadata = {};
    if (this.#queries.length > 0) out.webSearchQueries = this.#queries.slice();
    if (this.#chunks.length > 0) out.groundingChunks = this.#chunks.slice();
    if (this.#supports.length > 0) out.groundingSupports = this.#supports.slice();
    return out;
  }

  #chunk(url: string, title: string | undefined): number {
    const known = this.#chunkOf.get(url);
    if (known !== undefined) return known;
    const n = this.#chunks.length;
    this.#chunks.push({ web: title === undefined ? { uri: url } : { uri: url, title } });
    this.#chunkOf.set(url, n);
    return n;
  }
}
