import type { Loss } from '../../src/core/losses.js';
import { isRecord } from '../../src/core/narrow.js';
import { isOmissionNote } from '../../src/pairs/anthropic-messages--bedrock-converse/convert-turns.js';
import { normalizeAnthropicRequest } from './normalize-requests.js';

/**
 * The round trip Anthropic -> provider -> Anthropic for the provider formats (`provider-request-round-trip.test.ts`):
 * which losses count as declared, and the normal form beyond `normalizeAnthropicRequest`.
 */

export const PROVIDER_FORMATS = ['gemini', 'bedrock-converse', 'bedrock-invoke', 'vertex-anthropic'] as const;
export type ProviderFormat = (typeof PROVIDER_FORMATS)[number];

type Json = Record<string, unknown>;

/**
 * Losses of the way back (provider -> Anthropic) are declared too, at paths of the provider body: the Anthropic
 * field each one stands for. (Gemini -> Anthropic drops or clamps sampling parameters and thinking that Anthropic
 * refuses together, e.g. `top_k` with thinking.) A way-back loss at a path not listed here is not understood, and
 * `declaredLossPaths` reports it.
 */
const BACK_LOSS_FIELDS: Record<ProviderFormat, Record<string, string>> = {
  gemini: {
    'generationConfig.temperature': 'temperature',
    'generationConfig.topK': 'top_k',
    'generationConfig.topP': 'top_p',
    'generationConfig.thinkingConfig': 'thinking',
    'generationConfig.maxOutputTokens': 'max_tokens',
  },
  'bedrock-converse': {
    'inferenceConfig.temperature': 'temperature',
    'inferenceConfig.topP': 'top_p',
    'additionalModelRequestFields.top_k': 'top_k',
    'additionalModelRequestFields.thinking': 'thinking',
  },
  'bedrock-invoke': {},
  'vertex-anthropic': {},
};

/**
 * The Anthropic paths a round trip may lose: `there`, the losses of the way there (gone from the result); `back`,
 * the losses of the way back mapped to the Anthropic field they stand for (dropped or changed, e.g. `top_p` raised
 * to 0.95: compared on neither side). `unexplained`: way-back losses with no mapping (a property should fail on them).
 */
export function declaredLossPaths(
  format: ProviderFormat,
  there: { body: unknown; losses: readonly Loss[] },
  back: readonly Loss[],
): { there: string[]; back: string[]; unexplained: Loss[] } {
  const paths = there.losses.map((l) => l.path);
  const backPaths: string[] = [];
  const unexplained: Loss[] = [];
  for (const l of back) {
    const field = BACK_LOSS_FIELDS[format][l.path];
    if (field === undefined) unexplained.push(l);
    else backPaths.push(field);
  }
  return { there: paths, back: backPaths, unexplained };
}

/** Blocks whose payload was declared lost: an image or document without its `source` is no block at all. */
function withoutHollowBlocks(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  return content.filter(
    (b) => !(isRecord(b) && (b.type === 'image' || b.type === 'document') && b.source === undefined),
  );
}

/**
 * Converse only: a user message made of notes standing for a turn declared lost (`isOmissionNote`: Converse needs a
 * user turn there, so the translator sends a note naming what was left out) ≡ absent.
 */
function withoutOmissionNoteTurns(req: unknown): unknown {
  if (!isRecord(req) || !Array.isArray(req.messages)) return req;
  const isNote = (b: unknown) =>
    isRecord(b) && b.type === 'text' && typeof b.text === 'string' && isOmissionNote(b.text);
  const messages = req.messages.filter(
    (m) =>
      !(
        isRecord(m) &&
        m.role === 'user' &&
        Array.isArray(m.content) &&
        m.content.length > 0 &&
        m.content.every(isNote)
      ),
  );
  return { ...req, messages };
}

/** Tool-use ids renamed in order of first appearance (`tool_0`, `tool_1`, …), in `tool_use` and `tool_result` alike. */
function renameToolIds(req: Json): Json {
  if (!Array.isArray(req.messages)) return req;
  const names = new Map<string, string>();
  const rename = (id: unknown) => {
    if (typeof id !== 'string') return id;
    if (!names.has(id)) names.set(id, `tool_${names.size}`);
    return names.get(id);
  };
  const messages = req.messages.map((m) => {
    if (!isRecord(m) || !Array.isArray(m.content)) return m;
    const content = m.content.map((b) => {
      if (isRecord(b) && b.type === 'tool_use') return { ...b, id: rename(b.id) };
      if (isRecord(b) && b.type === 'tool_result') return { ...b, tool_use_id: rename(b.tool_use_id) };
      return b;
    });
    return { ...m, content };
  });
  return { ...req, messages };
}

/**
 * The normal form of an Anthropic request for the provider round trip: `normalizeAnthropicRequest`, then
 * - an image or document block whose `source` was declared lost ≡ absent (Gemini drops the block and names the
 *   source as the lost field; Converse names the block itself, which needs no normal form);
 * - Converse only: a user turn of omission notes (sent where a user turn was needed but each of its blocks was
 *   declared lost, the turn too, at `messages[i]`) ≡ absent;
 * - Gemini only: tool-use ids are compared up to a consistent renaming (Gemini function calls carry no id on the
 *   way there; on the way back each call gets a fresh id, and each result the id of its call).
 */
export function normalizeProviderRoundTrip(format: ProviderFormat, req: unknown): unknown {
  const n = normalizeAnthropicRequest(format === 'bedrock-converse' ? withoutOmissionNoteTurns(req) : req);
  if (!isRecord(n)) return n;
  let out: Json = { ...n };
  if (Array.isArray(out.messages))
    out.messages = out.messages.map((m) => (isRecord(m) ? { ...m, content: withoutHollowBlocks(m.content) } : m));
  if (format === 'gemini') out = renameToolIds(out);
  return out;
}

/** The signatures of the thinking blocks of a request, in order (compared byte for byte). */
export function thinkingSignatures(req: unknown): string[] {
  if (!isRecord(req) || !Array.isArray(req.messages)) return [];
  const out: string[] = [];
  for (const m of req.messages) {
    if (!isRecord(m) || !Array.isArray(m.content)) continue;
    for (const b of m.content)
      if (isRecord(b) && b.type === 'thinking' && typeof b.signature === 'string') out.push(b.signature);
  }
  return out;
}
