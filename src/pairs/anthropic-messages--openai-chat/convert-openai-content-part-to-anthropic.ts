import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireString } from '../../core/require.js';
import { base64ToUtf8, parseDataUrl } from './convert-data-url.js';

const KEYS_URL_DETAIL = new Set(['url', 'detail']);
const KEYS_FILENAME_FILE_DATA_FILE_ID = new Set(['filename', 'file_data', 'file_id']);

/**
 * One Chat content part -> one Anthropic content block.
 * text -> text; image_url (data: URL -> base64 source, http(s) -> url source) -> image;
 * file with a PDF data URL -> base64 document, with a text/plain data URL -> text document.
 * The `cache_control` extension (and OpenAI's `prompt_cache_breakpoint`) -> `cache_control`.
 */

const TEXT_KEYS = new Set(['type', 'text', 'cache_control', 'prompt_cache_breakpoint']);
const IMAGE_KEYS = new Set(['type', 'image_url', 'cache_control', 'prompt_cache_breakpoint']);
const FILE_KEYS = new Set(['type', 'file', 'cache_control', 'prompt_cache_breakpoint']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function withCache(block: JsonObject, part: JsonObject): JsonObject {
  if (part.cache_control !== undefined && part.cache_control !== null) block.cache_control = part.cache_control;
  else if (isRecord(part.prompt_cache_breakpoint)) block.cache_control = { type: 'ephemeral' };
  return block;
}

/** The text part at `childPath(parent, key)`; the path is built only for a loss or an error. */
export function convertTextPart(
  part: JsonObject,
  parent: JsonPath,
  key: string | number,
  losses: LossCollector,
): JsonObject {
  losses.unknownKeysAt(part, TEXT_KEYS, parent, key);
  const text = typeof part.text === 'string' ? part.text : requireString(part.text, childPath(parent, key), 'text');
  return withCache({ type: 'text', text }, part);
}

function convertImage(part: JsonObject, path: JsonPath, losses: LossCollector): JsonObject | undefined {
  losses.unknownKeys(part, IMAGE_KEYS, path);
  const ip = childPath(path, 'image_url');
  const img = part.image_url;
  if (!isRecord(img)) throw new TranslationError('invalid_input', 'image_url must be an object', { path: ip });
  losses.unknownKeys(img, KEYS_URL_DETAIL, ip);
  if (img.detail !== undefined && img.detail !== null && img.detail !== 'auto') {
    losses.add(childPath(ip, 'detail'), 'image detail has no Anthropic equivalent');
  }
  const url = requireString(img.url, ip, 'url');
  const data = parseDataUrl(url);
  if (data) {
    if (!IMAGE_TYPES.has(data.mediaType)) {
      losses.add(
        childPath(ip, 'url'),
        `image media type ${JSON.stringify(data.mediaType)} is not supported by Anthropic`,
      );
      return undefined;
    }
    return withCache({ type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } }, part);
  }
  if (url.startsWith('data:')) {
    losses.add(childPath(ip, 'url'), 'only base64 data: URLs can be carried');
    return undefined;
  }
  return withCache({ type: 'image', source: { type: 'url', url } }, part);
}

function convertFile(part: JsonObject, path: JsonPath, losses: LossCollector): JsonObject | undefined {
  losses.unknownKeys(part, FILE_KEYS, path);
  const fp = childPath(path, 'file');
  const file = part.file;
  if (!isRecord(file)) throw new TranslationError('invalid_input', 'file must be an object', { path: fp });
  losses.unknownKeys(file, KEYS_FILENAME_FILE_DATA_FILE_ID, fp);
  if (typeof file.file_data !== 'string') {
    losses.add(fp, 'file ids are not portable to Anthropic; only inline file_data can be carried');
    return undefined;
  }
  if (file.file_id !== undefined && file.file_id !== null)
    losses.add(childPath(fp, 'file_id'), 'file ids are not portable to Anthropic');
  const data = parseDataUrl(file.file_data);
  const dp = childPath(fp, 'file_data');
  let block: JsonObject;
  if (data?.mediaType === 'application/pdf') {
    block = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.data } };
  } else if (data?.mediaType === 'text/plain') {
    const text = base64ToUtf8(data.data);
    if (text === undefined) {
      losses.add(dp, 'text file data is not valid base64 UTF-8');
      return undefined;
    }
    block = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } };
  } else {
    losses.add(dp, 'Anthropic documents take PDF or plain-text data URLs only');
    return undefined;
  }
  if (typeof file.filename === 'string') block.title = file.filename;
  return withCache(block, part);
}

/** A user/system content part -> an Anthropic block, or `undefined` after a loss. */
export function convertOpenAIUserPart(
  part: unknown,
  parent: JsonPath,
  key: string | number,
  losses: LossCollector,
): JsonObject | undefined {
  if (part !== null && typeof part === 'object' && (part as JsonObject).type === 'text' && !Array.isArray(part)) {
    // the common case: no part path is built unless a loss or an error needs it
    return convertTextPart(part as JsonObject, parent, key, losses);
  }
  const path = childPath(parent, key);
  if (!isRecord(part)) throw new TranslationError('invalid_input', 'content part must be an object', { path });
  switch (part.type) {
    case 'text':
      return convertTextPart(part, parent, key, losses);
    case 'image_url':
      return convertImage(part, path, losses);
    case 'file':
      return convertFile(part, path, losses);
    case 'input_audio':
      losses.add(path, 'audio input has no Anthropic equivalent');
      return undefined;
    default:
      if (typeof part.type !== 'string')
        throw new TranslationError('invalid_input', 'content part needs a string type', {
          path: childPath(path, 'type'),
        });
      losses.add(path, `content part type ${JSON.stringify(part.type)} has no Anthropic equivalent`);
      return undefined;
  }
}
