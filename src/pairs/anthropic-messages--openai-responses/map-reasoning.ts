import { isRecord, type JsonObject } from '../../core/narrow.js';
import { base64ToUtf8, utf8ToBase64 } from '../../wire/data-url.js';

/**
 * Anthropic thinking <-> Responses reasoning items, and how the signature travels (docs/mappings-anthropic-responses.md,
 * "Thinking and reasoning").
 *
 * A thinking block is one reasoning item: its text is the item's summary (one `summary_text` part; none when the
 * text is empty), its signature the item's `encrypted_content`, byte for byte, so a Responses client that replays
 * the item (Codex CLI does, with `include: ["reasoning.encrypted_content"]`) hands Anthropic back the exact
 * signature. A `redacted_thinking` block is a reasoning item with no summary whose `encrypted_content` is
 * `redacted_thinking:` + its data. Anthropic signatures are standard base64, without `:`, so the two never mix.
 *
 * The other way, a reasoning item from a Responses upstream becomes a thinking block whose signature is the base64 of
 * `responses-reasoning\n<item id>\n<encrypted_content>` (base64, as every Anthropic signature is, so that formats
 * that carry signatures as bytes, Gemini's `thoughtSignature`, carry it too); an Anthropic client replays it and the
 * upstream gets the id and the encrypted content back, byte for byte. A signature that does not decode to that was
 * made by another provider and cannot be replayed to a Responses upstream. A reasoning item without
 * `encrypted_content` becomes a thinking block with an empty signature: none is ever invented.
 */

export const REDACTED_PREFIX = 'redacted_thinking:';

/** The summary (or, without one, the reasoning text) of a reasoning item as one thinking text. */
export function reasoningText(item: JsonObject): string {
  const parts = (list: unknown, type: string): string[] =>
    Array.isArray(list)
      ? list.filter((p) => isRecord(p) && p.type === type && typeof p.text === 'string').map((p) => p.text as string)
      : [];
  const summary = parts(item.summary, 'summary_text');
  if (summary.length > 0) return summary.join('\n\n');
  return parts(item.content, 'reasoning_text').join('\n\n');
}

/** A reasoning item a Responses client replays -> the Anthropic block it stands for (undefined: nothing to replay). */
export function blockForReplayedReasoning(item: JsonObject): JsonObject | undefined {
  const enc = item.encrypted_content;
  if (typeof enc !== 'string' || enc === '') return undefined;
  if (enc.startsWith(REDACTED_PREFIX)) return { type: 'redacted_thinking', data: enc.slice(REDACTED_PREFIX.length) };
  return { type: 'thinking', thinking: reasoningText(item), signature: enc };
}

/** The `encrypted_content` a Responses client gets for an Anthropic thinking signature or redacted data. */
export function encryptedContentFor(
  block: { type: 'thinking'; signature: string } | { type: 'redacted'; data: string },
): string {
  return block.type === 'thinking' ? block.signature : REDACTED_PREFIX + block.data;
}

const UPSTREAM_MARK = 'responses-reasoning\n';

/** The Anthropic signature for a reasoning item from a Responses upstream ('' when it has no encrypted content). */
export function signatureForUpstreamReasoning(id: unknown, encrypted: unknown): string {
  if (typeof encrypted !== 'string' || encrypted === '') return '';
  const i = typeof id === 'string' && !id.includes('\n') ? id : '';
  return utf8ToBase64(`${UPSTREAM_MARK}${i}\n${encrypted}`);
}

/**
 * An Anthropic client's thinking signature -> the reasoning item's `id` and `encrypted_content` for a Responses
 * upstream; undefined when the signature was not made from a Responses reasoning item (signed by another provider).
 */
export function upstreamReasoningFor(signature: string): { id?: string; encrypted_content: string } | undefined {
  const text = signature === '' ? undefined : base64ToUtf8(signature);
  if (text === undefined || !text.startsWith(UPSTREAM_MARK)) return undefined;
  const rest = text.slice(UPSTREAM_MARK.length);
  const at = rest.indexOf('\n');
  if (at < 0 || at === rest.length - 1) return undefined;
  const encrypted = rest.slice(at + 1);
  return at === 0 ? { encrypted_content: encrypted } : { id: rest.slice(0, at), encrypted_content: encrypted };
}
