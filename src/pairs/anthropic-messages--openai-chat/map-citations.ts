import type { JsonPath } from '../../core/json-path.js';
import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

/**
 * Web-search citations: Anthropic `web_search_result_location` citations on a text block <->
 * OpenAI `url_citation` annotations (`start_index`/`end_index` are character offsets into
 * `message.content`; the cited range is the text block the citation sits on).
 * Other citation kinds (document, search result) have no Chat form: losses, unless the `content_blocks` extension
 * carries the citations whole. A web-search citation's `cited_text` / `encrypted_index` have no place in
 * `url_citation`: a loss at the citation's path, unless the extension carries them.
 */

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
  if (!Array.isArray(citations)) return [];
  const out: JsonObject[] = [];
  citations.forEach((c, i) => {
    const p = childPath(path, i);
    if (isRecord(c) && c.type === 'web_search_result_location' && typeof c.url === 'string') {
      // url and title are carried; the quoted source text and the replay index are not
      if (
        !carriedWhole &&
        ((typeof c.cited_text === 'string' && c.cited_text !== '') ||
          (typeof c.encrypted_index === 'string' && c.encrypted_index !== ''))
      ) {
        losses.add(p, 'cited_text and encrypted_index have no url_citation equivalent (url and title are carried)');
      }
      out.push({
        type: 'url_citation',
        url_citation: {
          start_index: start,
          end_index: end,
          url: c.url,
          title: typeof c.title === 'string' ? c.title : '',
        },
      });
    } else if (!carriedWhole) {
      losses.add(p, `citation type ${JSON.stringify(isRecord(c) ? c.type : c)} has no Chat Completions equivalent`);
    }
  });
  return out;
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
    const p = childPath(path, i);
    const uc = isRecord(a) && a.type === 'url_citation' && isRecord(a.url_citation) ? a.url_citation : undefined;
    if (!uc || typeof uc.url !== 'string') {
      losses.add(p, 'only url_citation annotations can be carried');
      return;
    }
    const s = typeof uc.start_index === 'number' ? uc.start_index : 0;
    const e = typeof uc.end_index === 'number' ? uc.end_index : content.length;
    out.push({
      type: 'web_search_result_location',
      cited_text: content.slice(s, e),
      url: uc.url,
      title: typeof uc.title === 'string' ? uc.title : null,
      encrypted_index: '',
    });
  });
  return out;
}
