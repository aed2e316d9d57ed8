import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { byteOffsetsToCharIndexes } from '../../formats/gemini/utf8-offsets.js';
import { geminiServerToolUseId } from './tool-use-ids.js';

/**
 * Gemini Google Search grounding (a candidate's `groundingMetadata`, docs/wire-formats.md#gemini-grounding) ->
 * what an Anthropic client reads from Claude's web search (docs/wire-formats.md#anthropic-server-tools):
 *
 * - each of `webSearchQueries` -> a `server_tool_use` block (`name: "web_search"`, `input: {query}`) followed by its
 *   `web_search_tool_result`. Gemini does not say which query found which page, so every web page of
 *   `groundingChunks` goes in the first query's result and the later queries' results are empty lists. Pages but no
 *   query: one `server_tool_use` with `input: {}` (Gemini did not say what it searched for).
 * - a page -> `web_search_result {url: web.uri, title: web.title ?? "", encrypted_content: "", page_age: null}`.
 *   `encrypted_content` is required and is what Claude reads a result back from; Gemini has nothing to put there,
 *   so it is empty (a replay of these blocks to Claude fails, as Claude cannot read them; a Gemini upstream needs
 *   none). `page_age` is unknown: null.
 * - the server blocks go right before the first text block (Claude's order: the search, then the text that cites
 *   it), or at the end when there is no text.
 * - `groundingSupports[]` -> text blocks split at each cited segment; a piece covered by a support carries one
 *   `web_search_result_location {url, title, cited_text, encrypted_index: ""}` per chunk index. `cited_text` is the
 *   segment's text (the answer's words the page supports: Gemini quotes nothing from the page); `encrypted_index`
 *   is required and has no Gemini value: empty.
 * - `usage.server_tool_use.web_search_requests` = the number of queries.
 *
 * Segment offsets are UTF-8 byte offsets into the candidate's non-thought text, all its text parts joined
 * (docs/wire-formats.md#gemini-grounding); the text blocks of `content` are exactly those parts, so they are read
 * against the blocks' joined text. Losses (with their JSON path under `path`): `searchEntryPoint` (Google's rendered
 * search suggestions), `retrievalMetadata`, chunks that are not web pages, supports' `confidenceScores`, supports
 * tied to one part (`partIndex`), chunk indexes that name no web page, any other key.
 */

export interface GroundingPage {
  url: string;
  title: string | null;
}

export interface GroundingSupport {
  /** byte offsets into the joined text */
  start: number;
  end: number;
  text: string | undefined;
  pages: GroundingPage[];
}

export interface Grounding {
  queries: string[];
  /** the web pages, in `groundingChunks` order (non-web chunks left out) */
  pages: GroundingPage[];
  supports: GroundingSupport[];
}

const METADATA_KEYS = new Set(['webSearchQueries', 'groundingChunks', 'groundingSupports']);
const SUPPORT_KEYS = new Set(['segment', 'groundingChunkIndices']);
const SEGMENT_KEYS = new Set(['startIndex', 'endIndex', 'text', 'partIndex']);
const NO_PLACE = 'no place in an Anthropic answer';
const WEB_KEYS = new Set(['uri', 'title']);

/** Merge one stream chunk's `groundingMetadata` into what came before: Gemini resends it whole, later keys win. */
export function mergeGroundingMetadata(before: JsonObject | undefined, next: unknown): JsonObject | undefined {
  if (!isRecord(next)) return before;
  return before === undefined ? { ...next } : { ...before, ...next };
}

/** Read a `groundingMetadata` object; losses for what has no Anthropic place. */
export function readGrounding(meta: JsonObject, path: JsonPath, losses: LossCollector): Grounding {
  // searchEntryPoint (Google's rendered search suggestions), retrievalMetadata, …
  losses.unknownKeys(meta, METADATA_KEYS, path, NO_PLACE);
  const queries = Array.isArray(meta.webSearchQueries)
    ? meta.webSearchQueries.filter((q): q is string => typeof q === 'string' && q !== '')
    : [];
  const pages: GroundingPage[] = [];
  /** chunk index -> page, for the supports */
  const byChunk: Array<GroundingPage | undefined> = [];
  if (Array.isArray(meta.groundingChunks))
    meta.groundingChunks.forEach((chunk, i) => {
      const at = childPath(childPath(path, 'groundingChunks'), i);
      const web = isRecord(chunk) && isRecord(chunk.web) ? chunk.web : undefined;
      if (!web || typeof web.uri !== 'string') {
        byChunk.push(undefined);
        losses.add(at, 'not a web page');
        return;
      }
      losses.unknownKeys(web, WEB_KEYS, childPath(at, 'web'));
      const page = { url: web.uri, title: typeof web.title === 'string' ? web.title : null };
      byChunk.push(page);
      pages.push(page);
    });
  const supports: GroundingSupport[] = [];
  if (Array.isArray(meta.groundingSupports))
    meta.groundingSupports.forEach((s, i) => {
      const at = childPath(childPath(path, 'groundingSupports'), i);
      const support = readSupport(s, at, byChunk, losses);
      if (support) supports.push(support);
    });
  return { queries, pages, supports };
}

function readSupport(
  s: unknown,
  at: JsonPath,
  byChunk: ReadonlyArray<GroundingPage | undefined>,
  losses: LossCollector,
): GroundingSupport | undefined {
  if (!isRecord(s) || !isRecord(s.segment)) {
    losses.add(at, 'a support without a segment cites nothing');
    return undefined;
  }
  losses.unknownKeys(s, SUPPORT_KEYS, at, NO_PLACE); // confidenceScores, …
  const seg = s.segment;
  const segAt = childPath(at, 'segment');
  if (seg.partIndex !== undefined && seg.partIndex !== 0) {
    losses.add(segAt, 'offsets into one part (partIndex) are not read');
    return undefined;
  }
  losses.unknownKeys(seg, SEGMENT_KEYS, segAt, NO_PLACE);
  // proto3 JSON leaves out zero values: a missing startIndex is 0
  const start = typeof seg.startIndex === 'number' ? seg.startIndex : 0;
  const end = typeof seg.endIndex === 'number' ? seg.endIndex : 0;
  const pages: GroundingPage[] = [];
  if (Array.isArray(s.groundingChunkIndices))
    s.groundingChunkIndices.forEach((n, j) => {
      const page = typeof n === 'number' ? byChunk[n] : undefined;
      if (page) pages.push(page);
      else losses.add(childPath(childPath(at, 'groundingChunkIndices'), j), 'not a web page');
    });
  if (end <= start || pages.length === 0) return undefined;
  return { start, end, text: typeof seg.text === 'string' ? seg.text : undefined, pages };
}

/** The `server_tool_use` + `web_search_tool_result` blocks of a grounding. */
export function webSearchBlocks(g: Grounding, scope: string | undefined): JsonObject[] {
  if (g.queries.length === 0 && g.pages.length === 0) return [];
  const results = g.pages.map((p) => ({
    type: 'web_search_result',
    url: p.url,
    title: p.title ?? '',
    encrypted_content: '',
    page_age: null,
  }));
  const inputs: JsonObject[] = g.queries.length > 0 ? g.queries.map((query) => ({ query })) : [{}];
  const out: JsonObject[] = [];
  inputs.forEach((input, n) => {
    const id = geminiServerToolUseId(n, scope);
    out.push({ type: 'server_tool_use', id, name: 'web_search', input });
    out.push({ type: 'web_search_tool_result', tool_use_id: id, content: n === 0 ? results : [] });
  });
  return out;
}

/**
 * The blocks of a grounded answer: the web search blocks before the first text block, text blocks split at the
 * cited segments with their citations. `content` is not changed.
 */
export function groundContent(
  content: ReadonlyArray<Record<string, unknown>>,
  g: Grounding,
  scope: string | undefined,
): Array<Record<string, unknown>> {
  const search = webSearchBlocks(g, scope);
  const texts = content.filter((b) => b.type === 'text').map((b) => String(b.text));
  const joined = texts.join('');
  const spans = supportSpans(joined, g.supports);
  const out: Array<Record<string, unknown>> = [];
  let placed = false;
  let at = 0;
  for (const block of content) {
    if (block.type !== 'text') {
      out.push(block);
      continue;
    }
    if (!placed) {
      out.push(...search);
      placed = true;
    }
    const text = String(block.text);
    out.push(...splitText(block, at, at + text.length, joined, spans));
    at += text.length;
  }
  if (!placed) out.push(...search);
  return out;
}

interface Span {
  start: number;
  end: number;
  citations: JsonObject[];
}

/** Supports as UTF-16 ranges of `joined`, each with its citations. */
function supportSpans(joined: string, supports: readonly GroundingSupport[]): Span[] {
  const offsets: number[] = [];
  for (const s of supports) offsets.push(s.start, s.end);
  const chars = byteOffsetsToCharIndexes(joined, offsets);
  const spans: Span[] = [];
  supports.forEach((s, i) => {
    const start = chars[2 * i]!;
    const end = chars[2 * i + 1]!;
    if (end <= start) return;
    const cited = s.text ?? joined.slice(start, end);
    spans.push({
      start,
      end,
      citations: s.pages.map((p) => ({
        type: 'web_search_result_location',
        url: p.url,
        title: p.title,
        cited_text: cited,
        encrypted_index: '',
      })),
    });
  });
  return spans;
}

/** One text block occupying [from, to) of the joined text -> its pieces, cut at every span edge inside it. */
function splitText(
  block: Record<string, unknown>,
  from: number,
  to: number,
  joined: string,
  spans: readonly Span[],
): Array<Record<string, unknown>> {
  const inside = spans.filter((s) => s.start < to && s.end > from);
  if (inside.length === 0) return [block];
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    if (s.start > from) cuts.add(s.start);
    if (s.end < to) cuts.add(s.end);
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const pieces: Array<{ text: string; citations: JsonObject[] }> = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i]!;
    const b = edges[i + 1]!;
    pieces.push({
      text: joined.slice(a, b),
      citations: inside.filter((s) => s.start <= a && s.end >= b).flatMap((s) => s.citations),
    });
  }
  return pieces.map((p) => {
    const { citations: _, ...rest } = block;
    return p.citations.length > 0 ? { ...rest, text: p.text, citations: p.citations } : { ...rest, text: p.text };
  });
}
