import type { GeminiPart } from '../../formats/gemini/types.js';

/**
 * Puts the signatures of Anthropic thinking blocks where Gemini itself puts `thoughtSignature`s (Gemini API
 * "Thought signatures"; docs/wire-formats.md#gemini-thought-signatures): not on the thought summary parts but on the first `functionCall`
 * part after the thought (Gemini 3 rejects replayed calls without it, and `@google/genai` keeps it there in
 * chat history), or, when no call follows before the next thought, on the last text part after it. A thought
 * with nothing after it keeps its own signature. A thought part left with no text and no signature is
 * dropped (an omitted-display Anthropic thinking block then shows only as the signature on the next part).
 *
 * `parts` are one part per Anthropic block, thought parts carrying their block's signature; the result is a
 * new list (the parts given are not changed). The request translation Gemini -> Anthropic reads it back.
 */
export function placeThoughtSignatures(parts: readonly GeminiPart[]): GeminiPart[] {
  const out = parts.map((p) => ({ ...p }));
  for (let i = 0; i < out.length; i++) {
    const thought = out[i]!;
    if (thought.thought !== true || thought.thoughtSignature === undefined) continue;
    const target = targetAfter(out, i);
    if (!target) continue;
    target.thoughtSignature = thought.thoughtSignature;
    delete thought.thoughtSignature;
  }
  return out.filter((p) => !(p.thought === true && p.text === '' && p.thoughtSignature === undefined));
}

/** The part after the thought at `i` that carries its signature, Gemini's way. */
function targetAfter(parts: GeminiPart[], i: number): GeminiPart | undefined {
  let lastText: GeminiPart | undefined;
  for (let k = i + 1; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.thought === true) break;
    if (p.thoughtSignature !== undefined) return undefined;
    if (p.functionCall) return p;
    if (typeof p.text === 'string') lastText = p;
  }
  return lastText;
}
