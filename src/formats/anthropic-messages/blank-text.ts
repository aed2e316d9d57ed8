import { isBlank, withoutBlankText } from '../../core/blank-text.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';

/** Why a blank text block was not sent (docs/wire-formats.md#gotchas). */
export const BLANK_TEXT_LOSS =
  'whitespace-only text is not sent: Anthropic refuses text blocks without non-whitespace text (no text block next to it to join)';

const MERGEABLE = new Set(['type', 'text', 'cache_control']);

/**
 * Anthropic text blocks (`{type: "text", text}`) without the blank ones (`withoutBlankText`): a blank block joins
 * its neighbour; its `cache_control` comes along when it joins the block before it (the breakpoint stays where it
 * was) and that block has none; a blank block with more (citations, or a breakpoint that would move) is dropped.
 * `dropped(index)` names each dropped block by its index in `blocks`.
 */
export function withoutBlankAnthropicText(
  blocks: readonly JsonObject[],
  dropped: (index: number) => void,
): JsonObject[] {
  return withoutBlankText(blocks, { text: textOf, merge: joinBlank, dropped: (_b, index) => dropped(index) });
}

function textOf(b: JsonObject): string | undefined {
  return b.type === 'text' && typeof b.text === 'string' ? b.text : undefined;
}

function joinBlank(target: JsonObject, blank: JsonObject, where: 'before' | 'after'): JsonObject | undefined {
  if (!Object.keys(blank).every((k) => MERGEABLE.has(k))) return undefined;
  const marked = isRecord(blank.cache_control);
  if (marked && (where === 'before' || isRecord(target.cache_control))) return undefined;
  const text =
    where === 'after' ? `${String(target.text)}${String(blank.text)}` : `${String(blank.text)}${String(target.text)}`;
  return marked ? { ...target, text, cache_control: blank.cache_control } : { ...target, text };
}

export { isBlank };
