import { childPath, type JsonPath } from '../../core/json-path.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * OpenAI `url_citation` annotations <-> Anthropic `web_search_result_location` citations, a fact Chat Completions
 * and Responses share (docs/wire-formats.md#openai-chat-response,
 * docs/wire-formats.md#responses-output-items): the annotation has `url`, `title`, and
 * `start_index` / `end_index`, character offsets of the cited range (Chat nests these fields under `url_citation`,
 * Responses puts them on the annotation itself). A web-search citation's `cited_text` and `encrypted_index` have no
 * place in it; other citation kinds (document, search result) have none at all.
 */

type Report = (path: JsonPath, reason: string) => void;

/** The `url_citation` fields of a web-search citation `c` (its `url` a string) over [start, end). */
function urlCitationFields(c: JsonObject, start: number, end: number): JsonObject {
  return { start_index: start, end_index: end, url: c.url, title: typeof c.title === 'string' ? c.title : '' };
}

/**
 * The citations of one text block that occupies [start, end) -> the `url_citation` fields of its web-search
 * citations, each shaped into an annotation by `annotation`. What they cannot carry is reported, unless
 * `carriedWhole` (an extension carries the citations as they are).
 */
export function citationsToUrlCitations(
  citations: unknown,
  start: number,
  end: number,
  path: JsonPath,
  report: Report,
  how: { target: string; carriedWhole: boolean; annotation: (fields: JsonObject) => JsonObject },
): JsonObject[] {
  if (!Array.isArray(citations)) return [];
  const out: JsonObject[] = [];
  citations.forEach((c, i) => {
    const p = childPath(path, i);
    if (isRecord(c) && c.type === 'web_search_result_location' && typeof c.url === 'string') {
      // url and title are carried; the quoted source text and the replay index are not
      if (
        !how.carriedWhole &&
        ((typeof c.cited_text === 'string' && c.cited_text !== '') ||
          (typeof c.encrypted_index === 'string' && c.encrypted_index !== ''))
      )
        report(p, 'cited_text and encrypted_index have no url_citation equivalent (url and title are carried)');
      out.push(how.annotation(urlCitationFields(c, start, end)));
    } else if (!how.carriedWhole) {
      report(p, `citation type ${JSON.stringify(isRecord(c) ? c.type : c)} has no ${how.target} equivalent`);
    }
  });
  return out;
}

/** `url_citation` fields over `text` -> an Anthropic citation of the cited range; undefined without a string `url`. */
export function urlCitationToCitation(uc: JsonObject, text: string): JsonObject | undefined {
  if (typeof uc.url !== 'string') return undefined;
  const s = typeof uc.start_index === 'number' ? uc.start_index : 0;
  const e = typeof uc.end_index === 'number' ? uc.end_index : text.length;
  return {
    type: 'web_search_result_location',
    cited_text: text.slice(s, e),
    url: uc.url,
    title: typeof uc.title === 'string' ? uc.title : null,
    encrypted_index: '',
  };
}
