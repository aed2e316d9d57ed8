import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { citationsToUrlCitations, urlCitationToCitation } from '../../formats/openai-chat/url-citations.js';

/**
 * Web-search citations: Anthropic `web_search_result_location` citations on a text block <->
 * OpenAI `url_citation` annotations (`start_index`/`end_index` are character offsets into
 * `message.content`; the cited range is the text block the citation sits on), through
 * formats/openai-chat/url-citations.ts. Other citation kinds (document, search result) have no Chat form: losses,
 * unless the `content_blocks` extension carries the citations whole. A web-search citation's `cited_text` /
 * `encrypted_index` have no place in `url_citation`: a loss at the citation's path, unless the extension carries them.
 */

const chatAnnotation = (fields: JsonObject): JsonObject => ({ type: 'url_citation', url_citation: fields });

/** Citations of one text block, which occupies [start, end) of the joined content -> annotations. */
export function citationsToAnnotations(
  citations: unknown,
  start: number,
  end: number,
  path: JsonPath,
  losses: LossCollector,
  /** the `content_blocks` extension carries the citations whole: nothing is lost */
  carriedWhole: boolean,
): JsonObject[] {
  return citationsToUrlCitations(citations, start, end, path, (p, r) => losses.add(p, r), {
    target: 'Chat Completions',
    carriedWhole,
    annotation: chatAnnotation,
  });
}

/** OpenAI `url_citation` annotations -> Anthropic `web_search_result_location` citations on the cited text. */
export function annotationsToCitations(
  annotations: unknown,
  content: string,
  path: JsonPath,
  losses: LossCollector,
): JsonObject[] {
  if (!Array.isArray(annotations)) return [];
  const out: JsonObject[] = [];
  annotations.forEach((a, i) => {
    const uc = isRecord(a) && a.type === 'url_citation' && isRecord(a.url_citation) ? a.url_citation : undefined;
    const citation = uc && urlCitationToCitation(uc, content);
    if (citation) out.push(citation);
    else losses.add(childPath(path, i), 'only url_citation annotations can be carried');
  });
  return out;
}
