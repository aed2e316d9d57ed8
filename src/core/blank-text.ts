/**
 * Text that is empty or only whitespace. Anthropic refuses such text blocks ("text content blocks must contain
 * non-whitespace text") and so does Bedrock Converse (a blank `text`): docs/wire-formats.md#gotchas.
 */
export function isBlank(text: string): boolean {
  // the common case without the regex: text that starts with a visible ASCII character is not blank
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return /^\s*$/.test(text);
}

/** How a list of blocks is cleaned of blank text: the caller knows its block shape. */
export interface BlankTextRules<B> {
  /** the text of a text block, undefined for any other block */
  text(block: B): string | undefined;
  /**
   * `target` (a text block that is not blank) with `blank`'s text added `after` or `before` its own; undefined
   * when `blank` holds something that would be lost that way (then it is dropped)
   */
  merge(target: B, blank: B, where: 'after' | 'before'): B | undefined;
  /** a blank block that could not join a text block: the caller reports the loss */
  dropped(block: B, index: number): void;
}

/**
 * `blocks` without blank text blocks, meaning kept: a blank block joins the text block right before it, else the
 * text block right after it (the text reads the same); one with no text block next to it carries nothing and is
 * dropped (`rules.dropped`). The list given is not changed; merged blocks are new objects.
 */
export function withoutBlankText<B>(blocks: readonly B[], rules: BlankTextRules<B>): B[] {
  let found = false;
  for (const b of blocks) {
    const t = rules.text(b);
    if (t !== undefined && isBlank(t)) {
      found = true;
      break;
    }
  }
  if (!found) return blocks.slice();
  const out: B[] = [];
  /** blank blocks waiting for the text block after them */
  let pending: Array<{ block: B; index: number }> = [];
  const drop = () => {
    for (const p of pending) rules.dropped(p.block, p.index);
    pending = [];
  };
  blocks.forEach((block, index) => {
    const t = rules.text(block);
    if (t === undefined) {
      drop();
      out.push(block);
      return;
    }
    if (!isBlank(t)) {
      let merged = block;
      for (let k = pending.length - 1; k >= 0; k--) {
        const m = rules.merge(merged, pending[k]!.block, 'before');
        if (m === undefined) rules.dropped(pending[k]!.block, pending[k]!.index);
        else merged = m;
      }
      pending = [];
      out.push(merged);
      return;
    }
    const last = out.length > 0 && pending.length === 0 ? out[out.length - 1] : undefined;
    const lastText = last === undefined ? undefined : rules.text(last);
    const joined = last !== undefined && lastText !== undefined ? rules.merge(last, block, 'after') : undefined;
    if (joined !== undefined) out[out.length - 1] = joined;
    else if (last !== undefined && lastText !== undefined) rules.dropped(block, index);
    else pending.push({ block, index });
  });
  drop();
  return out;
}
