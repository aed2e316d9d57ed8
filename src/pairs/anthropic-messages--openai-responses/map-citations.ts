import { childPath, type JsonPath } from '../../core/json-path.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

type Report = (path: JsonPath, reason: string) => void;

/**
 * Web-search citations: Anthropic `web_search_result_location` citations on a text block <-> Responses
 * `url_citation` annotations on the `output_text` part made from it (`start_index`/`end_index` are character
 * offsets in that part's text; an Anthropic citation covers its whole block). Other citation and annotation kinds
 * (document, file, container) have no counterpart: losses. A web-search citation's `cited_text` and
 * `encrypted_index` have no place in `url_citation`: a loss at the citation's path.
 */

/** The citations of a text block of `length` characters -> `url_citation` annotations. */
export function citationsToAnnotations(
  citations: unknown,
  length: number,
  path: JsonPath,
  report: Report,
): JsonObject[] {
  if (!Array.isArray(citations)) return [];
  const out: JsonObject[] = [];
  citations.forEach((c, i) => {
    const p = childPath(path, i);
    if (isRecord(c) && c.type === 'web_search_result_location' && typeof c.url === 'string') {
      if (
        (typeof c.cited_text === 'string' && c.cited_text !== '') ||
        (typeof c.encrypted_index === 'string' && c.encrypted_index !== '')
      )
        report(p, 'cited_text and encrypted_index have no url_citation equivalent (url and title are carried)');
      out.push(citationAnnotation(c, length));
    } else {
      report(p, `citation type ${JSON.stringify(isRecord(c) ? c.type : c)} has no Responses equivalent`);
    }
  });
  return out;
}

/** One web-search citation as the annotation over a text of `length` characters. */
export function citationAnnotation(c: JsonObject, length: number): JsonObject {
  return {
    type: 'url_citation',
    start_index: 0,
    end_index: length,
    url: c.url,
    title: typeof c.title === 'string' ? c.title : '',
  };
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
  if (!isRecord(a) || a.type !== 'url_citation' || typeof a.url !== 'string') return undefined;
  const s = typeof a.start_index === 'number' ? a.start_index : 0;
  const e = typeof a.end_index === 'number' ? a.end_index : text.length;
  return {
    type: 'web_search_result_location',
    cited_text: text.slice(s, e),
    url: a.url,
    title: typeof a.title === 'string' ? a.title : null,
    encrypted_index: '',
  };
}
