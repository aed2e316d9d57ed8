import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireString } from '../../core/require.js';
import { toDataUrl } from './convert-data-url.js';

/**
 * One Anthropic user-side content block (text, image, document) -> one Chat content part.
 * `cache_control` rides along as an extension key on the part. Returns `undefined` (after
 * reporting a loss) when the block has no Chat form.
 */

const TEXT_KEYS = new Set(['type', 'text', 'cache_control', 'citations']);
const IMAGE_KEYS = new Set(['type', 'source', 'cache_control']);
const DOCUMENT_KEYS = new Set(['type', 'source', 'cache_control', 'title', 'context', 'citations']);

function withCache(part: JsonObject, block: JsonObject): JsonObject {
  if (block.cache_control !== undefined && block.cache_control !== null) part.cache_control = block.cache_control;
  return part;
}

/** A text block at `childPath(parent, key)`; the path is built only for a loss or an error. */
export function convertTextBlock(
  block: JsonObject,
  parent: JsonPath,
  key: string | number,
  losses: LossCollector,
): JsonObject {
  losses.unknownKeysAt(block, TEXT_KEYS, parent, key);
  if (Array.isArray(block.citations) && block.citations.length > 0) {
    losses.add(
      childPath(childPath(parent, key), 'citations'),
      'citations on request text blocks have no Chat Completions equivalent',
    );
  }
  const text = typeof block.text === 'string' ? block.text : requireString(block.text, childPath(parent, key), 'text');
  return withCache({ type: 'text', text }, block);
}

function convertImage(block: JsonObject, path: JsonPath, losses: LossCollector): JsonObject | undefined {
  losses.unknownKeys(block, IMAGE_KEYS, path);
  const sp = childPath(path, 'source');
  const src = block.source;
  if (!isRecord(src)) throw new TranslationError('invalid_input', 'image block needs a source object', { path: sp });
  if (src.type === 'base64') {
    const mt = requireString(src.media_type, sp, 'media_type');
    const url = toDataUrl(mt, requireString(src.data, sp, 'data'));
    return withCache({ type: 'image_url', image_url: { url } }, block);
  }
  if (src.type === 'url') {
    return withCache({ type: 'image_url', image_url: { url: requireString(src.url, sp, 'url') } }, block);
  }
  losses.add(
    sp,
    `image source type ${JSON.stringify(src.type)} has no Chat Completions equivalent (file ids are not portable)`,
  );
  return undefined;
}

function convertDocument(block: JsonObject, path: JsonPath, losses: LossCollector): JsonObject | undefined {
  losses.unknownKeys(block, DOCUMENT_KEYS, path);
  const sp = childPath(path, 'source');
  const src = block.source;
  if (!isRecord(src)) throw new TranslationError('invalid_input', 'document block needs a source object', { path: sp });
  const title = typeof block.title === 'string' ? block.title : undefined;
  if (block.context !== undefined && block.context !== null)
    losses.add(childPath(path, 'context'), 'document context has no Chat Completions equivalent');
  if (isRecord(block.citations) && block.citations.enabled === true) {
    losses.add(childPath(path, 'citations'), 'document citations have no Chat Completions equivalent');
  }
  let fileData: string;
  if (src.type === 'base64') {
    const mt = requireString(src.media_type, sp, 'media_type');
    fileData = toDataUrl(mt, requireString(src.data, sp, 'data'));
  } else if (src.type === 'text') {
    // Chat `file` parts take PDF only: a text document is sent as a text part (docs/wire-formats.md#openai-chat-request)
    const text = requireString(src.data, sp, 'data');
    if (title !== undefined)
      losses.add(
        childPath(path, 'title'),
        'a text document goes to Chat Completions as a text part, which has no title',
      );
    return withCache({ type: 'text', text }, block);
  } else {
    losses.add(sp, `document source type ${JSON.stringify(src.type)} has no Chat Completions equivalent`);
    return undefined;
  }
  const file: JsonObject = title === undefined ? { file_data: fileData } : { filename: title, file_data: fileData };
  return withCache({ type: 'file', file }, block);
}

/** A user-side block (not tool_result) at `childPath(parent, key)` -> a Chat content part, or `undefined` after a loss. */
export function convertAnthropicUserBlock(
  block: unknown,
  parent: JsonPath,
  key: string | number,
  losses: LossCollector,
): JsonObject | undefined {
  if (!isRecord(block))
    throw new TranslationError('invalid_input', 'content block must be an object', { path: childPath(parent, key) });
  switch (block.type) {
    case 'text':
      return convertTextBlock(block, parent, key, losses);
    case 'image':
      return convertImage(block, childPath(parent, key), losses);
    case 'document':
      return convertDocument(block, childPath(parent, key), losses);
    default: {
      const path = childPath(parent, key);
      if (typeof block.type !== 'string')
        throw new TranslationError('invalid_input', 'content block needs a string type', {
          path: childPath(path, 'type'),
        });
      losses.add(
        path,
        `content block type ${JSON.stringify(block.type)} has no Chat Completions equivalent in a user message`,
      );
      return undefined;
    }
  }
}
