import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import type { GeminiContent, GeminiFunctionResponse, GeminiPart } from '../../formats/gemini/types.js';
import type { GeminiToolNamer } from './map-tool-names.js';
import { geminiCallIdFromToolUseId } from './tool-use-ids.js';

type Names = Pick<GeminiToolNamer, 'toGemini'>;
const SAME_NAMES: Names = { toGemini: (name) => name };

/**
 * Anthropic `messages` -> Gemini `contents` (plus the text of any `role: "system"` messages, which
 * go to `systemInstruction`). Consecutive turns of one role are merged, as the Anthropic API does
 * itself and as Gemini requires.
 *
 * Thinking: a thinking block with text becomes a `thought` part carrying its signature. A thinking
 * block with an empty text and a signature is how crosswire carries a Gemini `thoughtSignature` of a
 * non-thought part; the signature goes back on that part (`signatureOnlyTarget`).
 *
 * Function calls: a `tool_use` id that carries a Gemini `functionCall.id` (`toolu_gid_…`, see
 * `tool-use-ids.ts`) sends it back in `functionCall.id` and in the answering `functionResponse.id`;
 * other ids (minted by crosswire, the client or another provider) are not sent.
 *
 * Tool results: `functionResponse.name` is the name of the `tool_use` with that id;
 * `response` is `{output}` (or `{error}` when `is_error`), images go to `functionResponse.parts`.
 */
export function convertAnthropicMessages(
  messages: unknown,
  losses: LossCollector,
  names: Names = SAME_NAMES,
): { contents: GeminiContent[]; system: GeminiPart[] } {
  if (!Array.isArray(messages))
    throw new TranslationError('invalid_input', 'messages must be a list', { path: 'messages' });
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  const toolNames = new Map<string, string>();
  let seenTurn = false;
  for (let i = 0; i < messages.length; i++) {
    const message: unknown = messages[i];
    // paths are built only for a loss or an error (most requests have neither)
    if (!isRecord(message))
      throw new TranslationError('invalid_input', 'a message must be an object', { path: childPath('messages', i) });
    losses.unknownKeysAt(message, MESSAGE_KEYS, 'messages', i);
    if (message.role === 'system') {
      if (seenTurn)
        losses.add(
          `messages[${i}].role`,
          'Gemini has one system instruction: this system message is moved before the conversation',
        );
      const parts = convertContent(message.content, i, 'system', toolNames, losses, names);
      for (let k = 0; k < parts.length; k++) system.push(parts[k]!);
      continue;
    }
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw new TranslationError('invalid_input', 'role must be user, assistant or system', {
        path: `messages[${i}].role`,
      });
    }
    seenTurn = true;
    const role = message.role === 'user' ? 'user' : 'model';
    const parts = convertContent(message.content, i, message.role, toolNames, losses, names);
    if (parts.length === 0) continue;
    const last = contents[contents.length - 1];
    if (last && last.role === role) for (let k = 0; k < parts.length; k++) last.parts.push(parts[k]!);
    else contents.push({ role, parts });
  }
  return { contents, system };
}

const MESSAGE_KEYS = new Set(['role', 'content']);

/** The content of message `message`: `messages[i].content`. */
function contentPath(message: number): JsonPath {
  return `messages[${message}].content`;
}

function convertContent(
  content: unknown,
  message: number,
  role: string,
  toolNames: Map<string, string>,
  losses: LossCollector,
  names: Names,
): GeminiPart[] {
  if (typeof content === 'string') {
    if (content === '')
      throw new TranslationError('invalid_input', 'message content must not be empty', { path: contentPath(message) });
    return [{ text: content }];
  }
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'content must be a string or a list of blocks', {
      path: contentPath(message),
    });
  if (content.length === 0)
    throw new TranslationError('invalid_input', 'message content must not be empty', { path: contentPath(message) });
  const parts: GeminiPart[] = [];
  // a signature waiting for the functionCall part of the next block
  let forNextCall: string | undefined;
  for (let j = 0; j < content.length; j++) {
    const block: unknown = content[j];
    if (!isRecord(block))
      throw new TranslationError('invalid_input', 'a content block must be an object', {
        path: childPath(contentPath(message), j),
      });
    if (role === 'system' && block.type !== 'text') {
      losses.add(childPath(contentPath(message), j), 'only text can go into the Gemini system instruction');
      continue;
    }
    const pending = forNextCall;
    forNextCall = convertBlock(
      block,
      contentPath(message),
      j,
      parts,
      toolNames,
      losses,
      names,
      signatureGoesToNextCall(content, j),
    );
    const last = parts[parts.length - 1];
    if (pending !== undefined && block.type === 'tool_use' && last?.functionCall && last.thoughtSignature === undefined)
      last.thoughtSignature = pending;
  }
  return parts;
}

/**
 * Where a signature-only thinking block (empty text, a signature) at `j` puts its signature. Crosswire
 * writes a Gemini part's signature as such a block right after that part's block (Anthropic clients), and
 * OpenAI clients replay it (the `content_blocks` extension) before all their `tool_calls`. So: on the
 * functionCall just before it; else on the next block's functionCall when that block is a `tool_use` whose
 * own signature block does not follow it; else on the part just before it.
 */
function signatureGoesToNextCall(content: unknown[], j: number): boolean {
  const next = content[j + 1];
  return isRecord(next) && next.type === 'tool_use' && !isSignatureOnly(content[j + 2]);
}

function isSignatureOnly(block: unknown): boolean {
  return (
    isRecord(block) &&
    block.type === 'thinking' &&
    (block.thinking === '' || block.thinking === undefined) &&
    typeof block.signature === 'string' &&
    block.signature !== ''
  );
}

/**
 * Block `key` of `parent` -> Gemini parts; returns a signature for the functionCall part of the next block, when it
 * goes there. The block's path is built only for a loss or an error (the common blocks have neither).
 */
function convertBlock(
  block: JsonObject,
  parent: JsonPath,
  key: string | number,
  parts: GeminiPart[],
  toolNames: Map<string, string>,
  losses: LossCollector,
  names: Names = SAME_NAMES,
  nextCall = false,
): string | undefined {
  if (block.cache_control !== undefined && block.cache_control !== null)
    losses.add(childPath(childPath(parent, key), 'cache_control'), 'Gemini has no cache breakpoints');
  switch (block.type) {
    case 'text':
      if (typeof block.text !== 'string')
        throw new TranslationError('invalid_input', 'text must be a string', {
          path: childPath(childPath(parent, key), 'text'),
        });
      if (Array.isArray(block.citations) && block.citations.length > 0)
        losses.add(childPath(childPath(parent, key), 'citations'), 'Gemini parts carry no citations');
      losses.unknownKeysAt(block, TEXT_KEYS, parent, key);
      parts.push({ text: block.text });
      return;
    case 'image':
    case 'document':
      pushMedia(block, childPath(parent, key), parts, losses);
      return;
    case 'thinking':
      return pushThinking(block, childPath(parent, key), parts, losses, nextCall);
    case 'redacted_thinking':
      losses.add(childPath(parent, key), 'Gemini cannot carry redacted thinking');
      return;
    case 'tool_use': {
      if (typeof block.id !== 'string' || typeof block.name !== 'string') {
        throw new TranslationError('invalid_input', 'tool_use needs an id and a name', {
          path: childPath(parent, key),
        });
      }
      if (!isRecord(block.input))
        throw new TranslationError('invalid_input', 'tool_use input must be an object', {
          path: childPath(childPath(parent, key), 'input'),
        });
      const name = names.toGemini(block.name);
      toolNames.set(block.id, name);
      losses.unknownKeysAt(block, TOOL_USE_KEYS, parent, key);
      const call: NonNullable<GeminiPart['functionCall']> = { name, args: block.input };
      const geminiId = geminiCallIdFromToolUseId(block.id);
      if (geminiId !== undefined) call.id = geminiId;
      parts.push({ functionCall: call });
      return;
    }
    case 'tool_result':
      parts.push({ functionResponse: convertToolResult(block, parent, key, toolNames, losses) });
      return;
    default:
      losses.add(childPath(parent, key), `content block ${JSON.stringify(block.type)} has no Gemini equivalent`);
  }
}

const TEXT_KEYS = new Set(['type', 'text', 'cache_control', 'citations']);
const TOOL_USE_KEYS = new Set(['type', 'id', 'name', 'input', 'cache_control']);
const THINKING_KEYS = new Set(['type', 'thinking', 'signature']);

function pushThinking(
  block: JsonObject,
  at: JsonPath,
  parts: GeminiPart[],
  losses: LossCollector,
  nextCall: boolean,
): string | undefined {
  losses.unknownKeys(block, THINKING_KEYS, at);
  const text = typeof block.thinking === 'string' ? block.thinking : '';
  const signature = typeof block.signature === 'string' && block.signature !== '' ? block.signature : undefined;
  if (text !== '') {
    const part: GeminiPart = { text, thought: true };
    if (signature) part.thoughtSignature = signature;
    parts.push(part);
    return undefined;
  }
  if (!signature) return undefined;
  const prev = parts[parts.length - 1];
  const free = prev !== undefined && prev.thoughtSignature === undefined && prev.thought !== true;
  if (free && prev.functionCall) prev.thoughtSignature = signature;
  else if (nextCall) return signature;
  else if (free) prev.thoughtSignature = signature;
  else parts.push({ text: '', thought: true, thoughtSignature: signature });
  return undefined;
}

const MEDIA_KEYS = new Set(['type', 'source', 'cache_control']);

function pushMedia(block: JsonObject, at: JsonPath, parts: GeminiPart[], losses: LossCollector): void {
  const source = block.source;
  const sp = childPath(at, 'source');
  if (!isRecord(source))
    throw new TranslationError('invalid_input', `${String(block.type)} needs a source`, { path: sp });
  losses.unknownKeys(block, MEDIA_KEYS, at, `field not supported by Gemini ${String(block.type)} parts`);
  switch (source.type) {
    case 'base64':
      if (typeof source.media_type !== 'string' || typeof source.data !== 'string') {
        throw new TranslationError('invalid_input', 'base64 source needs media_type and data', { path: sp });
      }
      parts.push({ inlineData: { mimeType: source.media_type, data: source.data } });
      return;
    case 'url':
      if (typeof source.url !== 'string')
        throw new TranslationError('invalid_input', 'url source needs a url', { path: sp });
      parts.push({
        fileData:
          block.type === 'document' ? { mimeType: 'application/pdf', fileUri: source.url } : { fileUri: source.url },
      });
      return;
    case 'text':
      if (typeof source.data !== 'string')
        throw new TranslationError('invalid_input', 'text source needs data', { path: sp });
      parts.push({ text: source.data });
      return;
    case 'content':
      if (typeof source.content === 'string') parts.push({ text: source.content });
      else if (Array.isArray(source.content)) {
        const cp = childPath(sp, 'content');
        source.content.forEach((b, k) => {
          if (isRecord(b) && (b.type === 'text' || b.type === 'image'))
            convertBlock(b, cp, k, parts, new Map(), losses);
          else losses.add(childPath(cp, k), 'unsupported block in document content');
        });
      } else throw new TranslationError('invalid_input', 'content source needs content', { path: sp });
      return;
    default:
      losses.add(sp, `source type ${JSON.stringify(source.type)} has no Gemini equivalent`);
  }
}

const TOOL_RESULT_KEYS = new Set(['type', 'tool_use_id', 'content', 'is_error', 'cache_control']);

function convertToolResult(
  block: JsonObject,
  parent: JsonPath,
  key: string | number,
  toolNames: Map<string, string>,
  losses: LossCollector,
): GeminiFunctionResponse {
  if (typeof block.tool_use_id !== 'string')
    throw new TranslationError('invalid_input', 'tool_result needs a tool_use_id', { path: childPath(parent, key) });
  const name = toolNames.get(block.tool_use_id);
  if (name === undefined) {
    throw new TranslationError(
      'invalid_input',
      `tool_result refers to tool_use ${block.tool_use_id}, which no earlier assistant turn contains`,
      {
        path: childPath(childPath(parent, key), 'tool_use_id'),
      },
    );
  }
  losses.unknownKeysAt(block, TOOL_RESULT_KEYS, parent, key);
  const fr = toolResultResponse(block, name, parent, key, losses);
  const geminiId = geminiCallIdFromToolUseId(block.tool_use_id);
  return geminiId === undefined ? fr : { id: geminiId, ...fr };
}

function toolResultResponse(
  block: JsonObject,
  name: string,
  parent: JsonPath,
  index: string | number,
  losses: LossCollector,
): GeminiFunctionResponse {
  const key = block.is_error === true ? 'error' : 'output';
  const content = block.content;
  if (content === undefined) return { name, response: key === 'error' ? { error: '' } : {} };
  if (typeof content === 'string') return { name, response: { [key]: content } };
  const cp = childPath(childPath(parent, index), 'content');
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'tool_result content must be a string or a list', { path: cp });
  const texts: string[] = [];
  const media: GeminiPart[] = [];
  content.forEach((b, k) => {
    const bp = childPath(cp, k);
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'a content block must be an object', { path: bp });
    if (b.type === 'text' && typeof b.text === 'string') {
      if (b.cache_control !== undefined && b.cache_control !== null)
        losses.add(childPath(bp, 'cache_control'), 'Gemini has no cache breakpoints');
      texts.push(b.text);
    } else if (b.type === 'image' || b.type === 'document') pushMedia(b, bp, media, losses);
    else losses.add(bp, `block ${JSON.stringify(b.type)} cannot go into a Gemini function response`);
  });
  const value = texts.length === 0 ? (key === 'error' ? '' : undefined) : texts.length === 1 ? texts[0] : texts;
  const fr: GeminiFunctionResponse = { name, response: value === undefined ? {} : { [key]: value } };
  if (media.length > 0) fr.parts = media;
  return fr;
}
