import { isBlank, withoutBlankText } from '../../core/blank-text.js';
import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { converseDocumentName } from './convert-document-name.js';

export type ConverseBlock = Record<string, unknown>;

const IMAGE_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** `cache_control` -> a `cachePoint` block after the block it marks (its `ttl` carried). */
export function cachePointFor(cacheControl: unknown): ConverseBlock | undefined {
  if (!isRecord(cacheControl)) return undefined;
  const point: Record<string, unknown> = { type: 'default' };
  if (typeof cacheControl.ttl === 'string') point.ttl = cacheControl.ttl;
  return { cachePoint: point };
}

/** Why a blank text block was not sent (docs/wire-formats.md#bedrock-converse-request). */
export const BLANK_CONVERSE_TEXT_LOSS =
  'whitespace-only text is not sent: Converse refuses blank text (no text block next to it to join)';

/**
 * Converse blocks without blank `{text}` blocks, which Bedrock refuses: each joins the text block next to it (the
 * text reads the same), else it is dropped and `dropped(index)` names it by its index in `blocks`.
 */
export function withoutBlankConverseText(
  blocks: readonly ConverseBlock[],
  dropped: (index: number) => void,
): ConverseBlock[] {
  return withoutBlankText(blocks, {
    text: (b) => (typeof b.text === 'string' && Object.keys(b).length === 1 ? b.text : undefined),
    merge: (target, blank, where) => ({
      text:
        where === 'after'
          ? `${String(target.text)}${String(blank.text)}`
          : `${String(blank.text)}${String(target.text)}`,
    }),
    dropped: (_b, index) => dropped(index),
  });
}

/** Whether some block is a blank `{text}` block (the common answer, no, without allocating). */
function hasBlankText(blocks: readonly ConverseBlock[]): boolean {
  for (let i = 0; i < blocks.length; i++) {
    const t = blocks[i]!.text;
    if (typeof t === 'string' && isBlank(t) && Object.keys(blocks[i]!).length === 1) return true;
  }
  return false;
}

/**
 * Anthropic content blocks -> Converse `ContentBlock`s (tagged unions with one key each).
 * text -> text; image/document base64 -> bytes (base64 in JSON); thinking -> reasoningContent;
 * tool_use / tool_result -> toolUse / toolResult; `cache_control` -> a cachePoint after the block. Blank text
 * (an assistant turn replayed with "\n\n" before a tool call, a whitespace-only message) joins the text next to
 * it, else it is a loss: Converse refuses it; a message left with nothing is dealt with by `arrangeConverseTurns`.
 * `path` is the content's JSON path; block paths are built only for a loss or an error.
 */
export function convertAnthropicContent(
  content: unknown,
  path: JsonPath,
  losses: LossCollector,
  docCounter: { n: number },
): ConverseBlock[] {
  if (typeof content === 'string') {
    if (content === '') throw new TranslationError('invalid_input', 'message content must not be empty', { path });
    if (!isBlank(content)) return [{ text: content }];
    losses.add(path, BLANK_CONVERSE_TEXT_LOSS);
    return [];
  }
  if (!Array.isArray(content) || content.length === 0)
    throw new TranslationError('invalid_input', 'content must be a string or a non-empty list', { path });
  const out: ConverseBlock[] = [];
  /** the index in `content` of each block of `out` */
  const origin: number[] = [];
  for (let i = 0; i < content.length; i++) {
    const block: unknown = content[i];
    if (!isRecord(block))
      throw new TranslationError('invalid_input', 'a content block must be an object', { path: childPath(path, i) });
    const converted = convertBlock(block, path, i, losses, docCounter);
    if (converted) {
      out.push(converted);
      origin.push(i);
    }
    const point =
      block.type === 'tool_result'
        ? toolResultCachePoint(block, path, i, losses)
        : block.cache_control === undefined
          ? undefined
          : cachePointFor(block.cache_control);
    if (point && converted) {
      out.push(point);
      origin.push(i);
    }
  }
  if (!hasBlankText(out)) return out;
  return withoutBlankConverseText(out, (k) =>
    losses.add(origin[k] === undefined ? path : childPath(path, origin[k]), BLANK_CONVERSE_TEXT_LOSS),
  );
}

/**
 * The cachePoint that follows a tool result. Converse tool results hold no cachePoint, so a `cache_control`
 * inside one becomes a cachePoint after the whole tool result: the same breakpoint when it marks the last
 * block, later otherwise (reported). Only one breakpoint fits there: the tool result's own, else the last
 * inner one; other inner ones are reported.
 */
function toolResultCachePoint(
  block: JsonObject,
  parent: JsonPath,
  index: number,
  losses: LossCollector,
): ConverseBlock | undefined {
  const own = cachePointFor(block.cache_control);
  const inner = Array.isArray(block.content) ? block.content : [];
  const marked: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const b: unknown = inner[i];
    if (isRecord(b) && isRecord(b.cache_control)) marked.push(i);
  }
  if (marked.length === 0) return own;
  const kept = own ? undefined : marked[marked.length - 1];
  const at = childPath(parent, index);
  for (const i of marked) {
    const path = childPath(childPath(childPath(at, 'content'), i), 'cache_control');
    if (i !== kept)
      losses.add(path, 'Converse tool results hold no cachePoint: only one cachePoint, after the tool result, is sent');
    else if (i !== inner.length - 1)
      losses.add(path, 'Converse tool results hold no cachePoint: the breakpoint moves to the end of the tool result');
  }
  if (own) return own;
  return kept === undefined ? undefined : cachePointFor((inner[kept] as JsonObject).cache_control);
}

/** One block, at `childPath(parent, index)` (built only for a loss or an error). */
function convertBlock(
  block: JsonObject,
  parent: JsonPath,
  index: number,
  losses: LossCollector,
  docCounter: { n: number },
): ConverseBlock | undefined {
  switch (block.type) {
    case 'text':
      if (typeof block.text !== 'string')
        throw new TranslationError('invalid_input', 'text must be a string', { path: childPath(parent, index) });
      if (Array.isArray(block.citations) && block.citations.length > 0)
        losses.add(
          childPath(childPath(parent, index), 'citations'),
          'citations in requests are not carried to Converse',
        );
      return { text: block.text };
    case 'image':
      return convertImage(block, childPath(parent, index), losses);
    case 'document':
      return convertDocument(block, childPath(parent, index), losses, docCounter);
    case 'thinking': {
      const rt: Record<string, unknown> = { text: typeof block.thinking === 'string' ? block.thinking : '' };
      if (typeof block.signature === 'string' && block.signature !== '') rt.signature = block.signature;
      return { reasoningContent: { reasoningText: rt } };
    }
    case 'redacted_thinking':
      if (typeof block.data !== 'string')
        throw new TranslationError('invalid_input', 'redacted_thinking needs data', {
          path: childPath(parent, index),
        });
      return { reasoningContent: { redactedContent: block.data } };
    case 'tool_use':
      if (typeof block.id !== 'string' || typeof block.name !== 'string')
        throw new TranslationError('invalid_input', 'tool_use needs id and name', { path: childPath(parent, index) });
      return { toolUse: { toolUseId: block.id, name: block.name, input: isRecord(block.input) ? block.input : {} } };
    case 'tool_result':
      return convertToolResult(block, parent, index, losses, docCounter);
    default:
      losses.add(childPath(parent, index), `content block ${JSON.stringify(block.type)} has no Converse equivalent`);
      return undefined;
  }
}

function convertImage(block: JsonObject, at: JsonPath, losses: LossCollector): ConverseBlock | undefined {
  const s = isRecord(block.source) ? block.source : {};
  const format = typeof s.media_type === 'string' ? IMAGE_FORMATS[s.media_type] : undefined;
  if (s.type === 'base64' && typeof s.data === 'string' && format)
    return { image: { format, source: { bytes: s.data } } };
  losses.add(at, 'Converse images must be inline bytes of png, jpeg, gif or webp: the image block is not sent');
  return undefined;
}

function convertDocument(
  block: JsonObject,
  at: JsonPath,
  losses: LossCollector,
  docCounter: { n: number },
): ConverseBlock | undefined {
  const s = isRecord(block.source) ? block.source : {};
  let source: Record<string, unknown>;
  let format: string;
  if (s.type === 'base64' && s.media_type === 'application/pdf' && typeof s.data === 'string') {
    format = 'pdf';
    source = { bytes: s.data };
  } else if (s.type === 'text' && typeof s.data === 'string') {
    format = 'txt';
    source = { text: s.data };
  } else {
    losses.add(at, 'only PDF bytes and plain text documents are carried to Converse: the document block is not sent');
    return undefined;
  }
  // Converse requires a name in a narrow alphabet: the title made to fit it, else a deterministic one
  const fitted = typeof block.title === 'string' ? converseDocumentName(block.title) : undefined;
  if (typeof block.title === 'string' && block.title !== '' && fitted !== block.title) {
    losses.add(
      childPath(at, 'title'),
      `Converse document names allow only letters, digits, single spaces, hyphens, parentheses and square brackets: sent as ${JSON.stringify(fitted ?? 'document-<n>')}`,
    );
  }
  const doc: Record<string, unknown> = { name: fitted ?? `document-${++docCounter.n}`, format, source };
  if (typeof block.context === 'string') doc.context = block.context;
  if (isRecord(block.citations)) doc.citations = { enabled: block.citations.enabled === true };
  return { document: doc };
}

function convertToolResult(
  block: JsonObject,
  parent: JsonPath,
  index: number,
  losses: LossCollector,
  docCounter: { n: number },
): ConverseBlock {
  if (typeof block.tool_use_id !== 'string')
    throw new TranslationError('invalid_input', 'tool_result needs a tool_use_id', { path: childPath(parent, index) });
  const content: ConverseBlock[] = [];
  const c = block.content;
  if (typeof c === 'string') content.push({ text: c });
  else if (Array.isArray(c)) {
    const inner = childPath(childPath(parent, index), 'content');
    for (let i = 0; i < c.length; i++) {
      const b: unknown = c[i];
      if (!isRecord(b))
        throw new TranslationError('invalid_input', 'a content block must be an object', {
          path: childPath(inner, i),
        });
      if (b.type === 'text' || b.type === 'image' || b.type === 'document') {
        const converted = convertBlock(b, inner, i, losses, docCounter);
        if (converted) content.push(converted);
      } else losses.add(childPath(inner, i), `block ${JSON.stringify(b.type)} cannot go into a Converse tool result`);
    }
  }
  const result: Record<string, unknown> = { toolUseId: block.tool_use_id, content };
  if (block.is_error === true) result.status = 'error';
  return { toolResult: result };
}
