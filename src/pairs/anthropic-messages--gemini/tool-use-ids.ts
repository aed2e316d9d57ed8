/**
 * Gemini function calls usually carry no id, Anthropic `tool_use` blocks need one. The id is
 * derived, never random: `toolu_gemini_<scope>_<n>_<name>`, where `n` counts the calls of one
 * response (or of one request's history) and `scope` is the Gemini `responseId` when there is one,
 * so that calls of different turns do not collide. The way back never parses this id: a
 * `tool_result` finds its function name through the matching `tool_use` block, and no id is sent
 * to Gemini for it.
 */
export function geminiToolUseId(n: number, name: string, scope?: string): string {
  const s = scope ? `${sanitize(scope)}_` : '';
  return `toolu_gemini_${s}${n}_${sanitize(name)}`;
}

/** `srvtoolu_…` id of the n-th search of a response (derived, never random; `scope` is the `responseId`). */
export function geminiServerToolUseId(n: number, scope: string | undefined): string {
  const s = scope ? `${sanitize(scope)}_` : '';
  return `srvtoolu_gemini_${s}${n}`;
}

/** Anthropic ids match `^[a-zA-Z0-9_-]+$`. */
function sanitize(text: string): string {
  return ANTHROPIC_ID.test(text) ? text : text.replace(/[^A-Za-z0-9_-]/g, '_');
}

const ANTHROPIC_ID = /^[A-Za-z0-9_-]+$/;
/** A Gemini id that already fits the Anthropic pattern, carried verbatim after the prefix. */
const PLAIN = 'toolu_gid_';
/** Any other Gemini id: its UTF-8 bytes in base64url (no padding) after the prefix. */
const ENCODED = 'toolu_gidx_';

/**
 * When Gemini sends a `functionCall.id`, the `tool_use` id says so, so that the request translation can
 * send the id back in `functionCall.id` and `functionResponse.id` (Gemini matches responses to calls by
 * it): `toolu_gid_<id>` when the id fits Anthropic's id pattern, else `toolu_gidx_<base64url of the id>`.
 */
export function toolUseIdFromGeminiCallId(id: string): string {
  return ANTHROPIC_ID.test(id) ? `${PLAIN}${id}` : `${ENCODED}${base64url(id)}`;
}

/**
 * The `tool_use` id for a call id a Gemini *client* sent: an Anthropic id (`toolu_…`, as crosswire hands Gemini
 * clients) as it is, any other id carried as `toolUseIdFromGeminiCallId` carries it.
 */
export function toolUseIdForClientCallId(id: string): string {
  return id.startsWith('toolu_') && ANTHROPIC_ID.test(id) ? id : toolUseIdFromGeminiCallId(id);
}

/** The Gemini `functionCall.id` a `tool_use` id carries (see `toolUseIdFromGeminiCallId`), if any. */
export function geminiCallIdFromToolUseId(id: string): string | undefined {
  if (id.startsWith(PLAIN) && id.length > PLAIN.length) return id.slice(PLAIN.length);
  if (id.startsWith(ENCODED) && id.length > ENCODED.length) return fromBase64url(id.slice(ENCODED.length));
  return undefined;
}

function base64url(text: string): string {
  let bin = '';
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(data: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(data)) return undefined;
  try {
    const bin = atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
