/**
 * A gateway mints its own response ids and timestamps (`msg_…`, `chatcmpl-…`, `created`), so a live run
 * cannot match the fixtures' values byte for byte. Before comparing, the actual output's id and
 * `created` are replaced by the expected ones when both are present and of the same kind; every other
 * byte is compared as it is.
 */

/** Where formats put their response id: Anthropic/OpenAI `id`, Gemini `responseId`. */
const ID_KEYS = ['id', 'responseId'] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The response body with `id` / `created` taken from `expected` where both carry one. */
export function normalizeBodyIds(expected: unknown, actual: unknown): unknown {
  if (!isObject(expected) || !isObject(actual)) return actual;
  const out = { ...actual };
  for (const k of ID_KEYS) {
    if (typeof expected[k] === 'string' && typeof actual[k] === 'string' && actual[k] !== '') out[k] = expected[k];
  }
  if (typeof expected.created === 'number' && typeof actual.created === 'number') out.created = expected.created;
  return out;
}

interface StreamIds {
  id?: string;
  /** the key holding the id (`id`, or Gemini's `responseId`) */
  key?: string;
  created?: number;
}

function streamIds(text: string): StreamIds {
  const out: StreamIds = {};
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.startsWith('data:')) continue;
    let data: unknown;
    try {
      data = JSON.parse(line.slice(5));
    } catch {
      continue;
    }
    if (!isObject(data)) continue;
    const holder = isObject(data.message) ? data.message : data;
    if (out.id === undefined && typeof holder.id === 'string') out.id = holder.id;
    if (out.id === undefined && typeof data.responseId === 'string') {
      out.id = data.responseId;
      out.key = 'responseId';
    }
    if (out.created === undefined && typeof data.created === 'number') out.created = data.created;
    if (out.id !== undefined && out.created !== undefined) break;
  }
  return out;
}

function replaceAll(text: string, from: string, to: string): string {
  return from === to ? text : text.split(from).join(to);
}

/** Stream bytes with the stream's id and `created` swapped for the expected stream's. */
export function normalizeStreamIds(expected: Uint8Array, actual: Uint8Array): Uint8Array {
  const dec = new TextDecoder();
  const e = streamIds(dec.decode(expected));
  let text = dec.decode(actual);
  const a = streamIds(text);
  if (e.id !== undefined && a.id !== undefined && e.key === a.key) {
    const key = JSON.stringify(a.key ?? 'id');
    text = replaceAll(text, `${key}:${JSON.stringify(a.id)}`, `${key}:${JSON.stringify(e.id)}`);
  }
  if (e.created !== undefined && a.created !== undefined)
    text = replaceAll(text, `"created":${a.created}`, `"created":${e.created}`);
  return new TextEncoder().encode(text);
}
