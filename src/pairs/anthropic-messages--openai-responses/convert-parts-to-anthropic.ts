import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import { base64ToUtf8, parseDataUrl } from '../../wire/data-url.js';

/**
 * Responses input content parts -> Anthropic content blocks: `input_text` -> text (`prompt_cache_breakpoint` ->
 * `cache_control`), `input_image` by http(s) URL, base64 data URL or file id -> image, `input_file` by data URL
 * (PDF or plain text), file URL or file id -> document (`filename` -> `title`). File ids go through as Anthropic
 * file sources: the id must name a file at the upstream (the translation cannot move files), and the request
 * then needs the Files API beta (`needsFilesBeta`).
 */

const TEXT_KEYS = new Set(['type', 'text', 'prompt_cache_breakpoint']);
const IMAGE_KEYS = new Set(['type', 'image_url', 'file_id', 'detail', 'prompt_cache_breakpoint']);
const FILE_KEYS = new Set([
  'type',
  'file_id',
  'file_url',
  'file_data',
  'filename',
  'detail',
  'prompt_cache_breakpoint',
]);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

export interface PartState {
  losses: LossCollector;
  /** set when a block names an Anthropic file (`source.type: "file"`) */
  usesFiles: boolean;
}

function withCache(block: JsonObject, part: JsonObject): JsonObject {
  if (isRecord(part.prompt_cache_breakpoint)) block.cache_control = { type: 'ephemeral' };
  return block;
}

export function convertInputText(part: JsonObject, parent: JsonPath, key: number, st: PartState): JsonObject {
  st.losses.unknownKeysAt(part, TEXT_KEYS, parent, key);
  const text = typeof part.text === 'string' ? part.text : requireString(part.text, childPath(parent, key), 'text');
  return withCache({ type: 'text', text }, part);
}

function convertImage(part: JsonObject, path: JsonPath, st: PartState): JsonObject | undefined {
  st.losses.unknownKeys(part, IMAGE_KEYS, path);
  if (part.detail !== undefined && part.detail !== null && part.detail !== 'auto')
    st.losses.add(childPath(path, 'detail'), 'image detail has no Anthropic equivalent');
  if (typeof part.image_url === 'string') {
    const url = part.image_url;
    const data = parseDataUrl(url);
    if (data) {
      if (!IMAGE_TYPES.has(data.mediaType)) {
        st.losses.add(
          childPath(path, 'image_url'),
          `image media type ${JSON.stringify(data.mediaType)} is not supported by Anthropic`,
        );
        return undefined;
      }
      return withCache(
        { type: 'image', source: { type: 'base64', media_type: data.mediaType, data: data.data } },
        part,
      );
    }
    if (url.startsWith('data:')) {
      st.losses.add(childPath(path, 'image_url'), 'only base64 data: URLs can be carried');
      return undefined;
    }
    return withCache({ type: 'image', source: { type: 'url', url } }, part);
  }
  if (typeof part.file_id === 'string') {
    st.usesFiles = true;
    return withCache({ type: 'image', source: { type: 'file', file_id: part.file_id } }, part);
  }
  throw invalid('input_image needs an image_url or a file_id', path);
}

function convertFile(part: JsonObject, path: JsonPath, st: PartState): JsonObject | undefined {
  st.losses.unknownKeys(part, FILE_KEYS, path);
  if (part.detail !== undefined && part.detail !== null && part.detail !== 'auto')
    st.losses.add(childPath(path, 'detail'), 'file detail has no Anthropic equivalent');
  let block: JsonObject;
  if (typeof part.file_data === 'string') {
    const dp = childPath(path, 'file_data');
    const data = parseDataUrl(part.file_data);
    if (data?.mediaType === 'application/pdf') {
      block = { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.data } };
    } else if (data?.mediaType === 'text/plain') {
      const text = base64ToUtf8(data.data);
      if (text === undefined) {
        st.losses.add(dp, 'text file data is not valid base64 UTF-8');
        return undefined;
      }
      block = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } };
    } else {
      st.losses.add(dp, 'Anthropic documents take PDF or plain-text data URLs only');
      return undefined;
    }
  } else if (typeof part.file_url === 'string') {
    block = { type: 'document', source: { type: 'url', url: part.file_url } };
  } else if (typeof part.file_id === 'string') {
    st.usesFiles = true;
    block = { type: 'document', source: { type: 'file', file_id: part.file_id } };
  } else {
    throw invalid('input_file needs file_data, file_url or file_id', path);
  }
  if (typeof part.filename === 'string') block.title = part.filename;
  return withCache(block, part);
}

/** One input part (user or tool output) -> an Anthropic block, or undefined after a loss. */
export function convertInputPart(part: unknown, parent: JsonPath, key: number, st: PartState): JsonObject | undefined {
  if (isRecord(part) && part.type === 'input_text') return convertInputText(part, parent, key, st);
  const path = childPath(parent, key);
  if (!isRecord(part)) throw invalid('content part must be an object', path);
  switch (part.type) {
    case 'input_image':
      return convertImage(part, path, st);
    case 'input_file':
      return convertFile(part, path, st);
    default:
      if (typeof part.type !== 'string') throw invalid('content part needs a string type', childPath(path, 'type'));
      st.losses.add(path, `content part type ${JSON.stringify(part.type)} has no Anthropic equivalent here`);
      return undefined;
  }
}
