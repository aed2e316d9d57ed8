/**
 * Every URL source of a Messages request, in document order: `image` and `document` blocks of every turn, those
 * inside `tool_result` content, and images inside a document's `content` source. Pure; reads, never writes.
 */
import { formatPath, type JsonPath } from '../core/json-path.js';
import { isRecord } from '../core/narrow.js';

/** Where a URL source sits: an `image` block's source, or a `document` block's source. */
export type MediaSlot = 'image' | 'document';

export interface UrlMediaSource {
  /** the source's `url` as written */
  url: string;
  slot: MediaSlot;
  /** JSON path of the `url` field, e.g. `messages[0].content[1].source.url` */
  path: JsonPath;
  /** keys from the body to the `source` object */
  sourceKeys: readonly (string | number)[];
}

type Keys = readonly (string | number)[];

/**
 * The URL sources of `body` (an `anthropic-messages` request). Shapes this does not know are skipped, not
 * reported: the translator that reads the body next is the one that rejects them.
 */
export function findUrlMedia(body: unknown): UrlMediaSource[] {
  const out: UrlMediaSource[] = [];
  if (!isRecord(body) || !Array.isArray(body.messages)) return out;
  body.messages.forEach((m, i) => {
    if (isRecord(m) && Array.isArray(m.content)) blocks(m.content, ['messages', i, 'content'], out, true);
  });
  return out;
}

/** Blocks of a turn (`toolResults`: a `tool_result` here holds blocks of its own), or of a tool result. */
function blocks(list: readonly unknown[], at: Keys, out: UrlMediaSource[], toolResults: boolean): void {
  list.forEach((b, j) => {
    if (!isRecord(b)) return;
    const keys = [...at, j];
    if (b.type === 'image' || b.type === 'document') media(b, b.type, keys, out);
    else if (b.type === 'tool_result' && toolResults && Array.isArray(b.content))
      blocks(b.content, [...keys, 'content'], out, false);
  });
}

function media(block: Record<string, unknown>, slot: MediaSlot, keys: Keys, out: UrlMediaSource[]): void {
  const s = block.source;
  if (!isRecord(s)) return;
  const sourceKeys = [...keys, 'source'];
  if (s.type === 'url' && typeof s.url === 'string') {
    out.push({ url: s.url, slot, path: formatPath([...sourceKeys, 'url']), sourceKeys });
  } else if (slot === 'document' && s.type === 'content' && Array.isArray(s.content)) {
    // a custom-content document: its text and image blocks
    s.content.forEach((c, k) => {
      if (isRecord(c) && c.type === 'image') media(c, 'image', [...sourceKeys, 'content', k], out);
    });
  }
}
