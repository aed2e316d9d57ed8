import { childPath, type JsonPath } from '../../core/json-path.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { citationsToUrlCitations, urlCitationToCitation } from '../../formats/openai-chat/url-citations.js';

type Report = (path: JsonPath, reason: string) => void;

/**
 * Web-search citations: Anthropic `web_search_result_location` citations on a text block <-> Responses
 * `url_citation` annotations on the `output_text` part made from it (`start_index`/`end_index` are character
 * offsets in that part's text; an Anthropic citation covers its whole block), through
 * formats/openai-chat/url-citations.ts. Other citation and annotation kinds (document, file, container) have no
 * counterpart: losses. A web-search citation's `cited_text` and `encrypted_index` have no place in `url_citation`:
 * a loss at the citation's path.
 */

const responsesAnnotation = (fields: JsonObject): JsonObject => ({ type: 'url_citation', ...fields });

/** The citations of a text block of `length` characters -> `url_citation` annotations. */
export function citationsToAnnotations(
  citations: unknown,
  length: number,
  path: JsonPath,
  report: Report,
): JsonObject[] {
  return citationsToUrlCitations(citations, 0, length, path, report, {
    target: 'Responses',
    carriedWhole: false,
    annotation: responsesAnnotation,
  });
}

/** `url_citation` annotations on a part with `text` -> Anthropic `web_search_result_location` citations. */
export function annotationsToCitations(
  annotations: unknown,
  text: string,
  path: JsonPath,
  report: Report,
): JsonObject[] {
  if (!Array.isArray(annotations)) return [];
  const out: JsonObject[] = [];
  annotations.forEach((a, i) => {
    const c = annotationToCitation(a, text);
    if (c) out.push(c);
    else
      report(
        childPath(path, i),
        `annotation type ${JSON.stringify(isRecord(a) ? a.type : a)} has no Anthropic equivalent`,
      );
  });
  return out;
}

/** One `url_citation` annotation -> a citation; undefined for other kinds. */
export function annotationToCitation(a: unknown, text: string): JsonObject | undefined {
  return isRecord(a) && a.type === 'url_citation' ? urlCitationToCitation(a, text) : undefined;
}
