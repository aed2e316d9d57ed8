import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import type { StableToolNamer } from '../../core/stable-tool-name.js';
import { toDataUrl, utf8ToBase64 } from '../../wire/data-url.js';
import { TOOL_ERROR_PREFIX } from './extensions.js';
import { citationsToAnnotations } from './map-citations.js';
import { upstreamReasoningFor } from './map-reasoning.js';

/**
 * Anthropic `system` + `messages` -> Responses `instructions` + `input` items (docs/mappings-anthropic-responses.md).
 *
 * - `system`: a string (or one plain text block) -> `instructions`; several blocks (or with cache_control) -> a
 *   leading `system` message of `input_text` parts. `role: "system"` entries of `messages` -> system messages in place.
 * - user turns: `tool_result` blocks -> `function_call_output` items (first, in order; `is_error` -> a
 *   `[tool_error] ` prefix), the other blocks -> one user message after them (text -> `input_text`, image ->
 *   `input_image`, document -> `input_file`).
 * - assistant turns, block by block in order: text -> `output_text` parts of an assistant message (web-search
 *   citations -> `url_citation` annotations); thinking -> a `reasoning` item when its signature came from a
 *   Responses reasoning item (map-reasoning.ts), else a loss; tool_use -> `function_call` items.
 * - `cache_control` -> `prompt_cache_breakpoint: {mode: "explicit"}` (its ttl is a loss).
 */

export interface MessageState {
  losses: LossCollector;
  names: StableToolNamer;
  /** a reasoning item with encrypted content was replayed */
  replaysReasoning: boolean;
}

const TEXT_KEYS = new Set(['type', 'text', 'cache_control', 'citations']);
const IMAGE_KEYS = new Set(['type', 'source', 'cache_control']);
const DOCUMENT_KEYS = new Set(['type', 'source', 'cache_control', 'title', 'context', 'citations']);
const TOOL_RESULT_KEYS = new Set(['type', 'tool_use_id', 'content', 'is_error', 'cache_control']);
const TOOL_USE_KEYS = new Set(['type', 'id', 'name', 'input', 'cache_control', 'caller']);
const THINKING_KEYS = new Set(['type', 'thinking', 'signature']);
const MESSAGE_KEYS = new Set(['role', 'content']);
const CACHE_KEYS = new Set(['type', 'ttl']);

/** `cache_control` on a block -> the part's explicit cache breakpoint. */
function withCache(part: JsonObject, block: JsonObject, path: JsonPath, losses: LossCollector): JsonObject {
  const cc = block.cache_control;
  if (cc === undefined || cc === null) return part;
  if (isRecord(cc)) {
    losses.unknownKeys(cc, CACHE_KEYS, childPath(path, 'cache_control'));
    if (cc.ttl !== undefined && cc.ttl !== null && cc.ttl !== '5m')
      losses.add(childPath(childPath(path, 'cache_control'), 'ttl'), 'Responses cache breakpoints have no lifetime');
  }
  part.prompt_cache_breakpoint = { mode: 'explicit' };
  return part;
}

function textPart(block: JsonObject, path: JsonPath, st: MessageState): JsonObject {
  st.losses.unknownKeys(block, TEXT_KEYS, path);
  if (Array.isArray(block.citations) && block.citations.length > 0)
    st.losses.add(childPath(path, 'citations'), 'citations on request text blocks have no Responses equivalent');
  return withCache({ type: 'input_text', text: requireString(block.text, path, 'text') }, block, path, st.losses);
}

function imagePart(block: JsonObject, path: JsonPath, st: MessageState): JsonObject | undefined {
  st.losses.unknownKeys(block, IMAGE_KEYS, path);
  const sp = childPath(path, 'source');
  const src = block.source;
  if (!isRecord(src)) throw invalid('image block needs a source object', sp);
  let part: JsonObject;
  if (src.type === 'base64') {
    const url = toDataUrl(requireString(src.media_type, sp, 'media_type'), requireString(src.data, sp, 'data'));
    part = { type: 'input_image', image_url: url, detail: 'auto' };
  } else if (src.type === 'url')
    part = { type: 'input_image', image_url: requireString(src.url, sp, 'url'), detail: 'auto' };
  else if (src.type === 'file')
    part = { type: 'input_image', file_id: requireString(src.file_id, sp, 'file_id'), detail: 'auto' };
  else {
    st.losses.add(sp, `image source type ${JSON.stringify(src.type)} has no Responses equivalent`);
    return undefined;
  }
  return withCache(part, block, path, st.losses);
}

function documentPart(block: JsonObject, path: JsonPath, st: MessageState): JsonObject | undefined {
  st.losses.unknownKeys(block, DOCUMENT_KEYS, path);
  const sp = childPath(path, 'source');
  const src = block.source;
  if (!isRecord(src)) throw invalid('document block needs a source object', sp);
  if (block.context !== undefined && block.context !== null)
    st.losses.add(childPath(path, 'context'), 'document context has no Responses equivalent');
  if (isRecord(block.citations) && block.citations.enabled === true)
    st.losses.add(childPath(path, 'citations'), 'document citations have no Responses equivalent');
  const part: JsonObject = { type: 'input_file' };
  if (src.type === 'base64') {
    part.file_data = toDataUrl(requireString(src.media_type, sp, 'media_type'), requireString(src.data, sp, 'data'));
  } else if (src.type === 'text') {
    const mt = typeof src.media_type === 'string' ? src.media_type : 'text/plain';
    part.file_data = toDataUrl(mt, utf8ToBase64(requireString(src.data, sp, 'data')));
  } else if (src.type === 'url') part.file_url = requireString(src.url, sp, 'url');
  else if (src.type === 'file') part.file_id = requireString(src.file_id, sp, 'file_id');
  else {
    st.losses.add(sp, `document source type ${JSON.stringify(src.type)} has no Responses equivalent`);
    return undefined;
  }
  if (typeof block.title === 'string') part.filename = block.title;
  return withCache(part, block, path, st.losses);
}

/** A user-side block (not tool_result) -> an input part, or undefined after a loss. */
function userPart(block: unknown, path: JsonPath, st: MessageState): JsonObject | undefined {
  if (!isRecord(block)) throw invalid('content block must be an object', path);
  switch (block.type) {
    case 'text':
      return textPart(block, path, st);
    case 'image':
      return imagePart(block, path, st);
    case 'document':
      return documentPart(block, path, st);
    default:
      if (typeof block.type !== 'string') throw invalid('content block needs a string type', childPath(path, 'type'));
      st.losses.add(
        path,
        `content block type ${JSON.stringify(block.type)} has no Responses equivalent in a user message`,
      );
      return undefined;
  }
}

function toolOutput(block: JsonObject, path: JsonPath, st: MessageState): JsonObject {
  st.losses.unknownKeys(block, TOOL_RESULT_KEYS, path);
  if (block.cache_control !== undefined && block.cache_control !== null)
    st.losses.add(childPath(path, 'cache_control'), 'cache_control on tool_result has no Responses equivalent');
  const prefix = block.is_error === true ? TOOL_ERROR_PREFIX : '';
  const c = block.content;
  let output: string | JsonObject[];
  if (c === undefined || c === null || typeof c === 'string') output = prefix + (typeof c === 'string' ? c : '');
  else if (Array.isArray(c)) {
    const cp = childPath(path, 'content');
    const parts: JsonObject[] = [];
    c.forEach((b, i) => {
      const part = userPart(b, childPath(cp, i), st);
      if (part) parts.push(part);
    });
    if (prefix !== '') {
      const first = parts[0];
      if (first?.type === 'input_text' && typeof first.text === 'string')
        parts[0] = { ...first, text: prefix + first.text };
      else parts.unshift({ type: 'input_text', text: prefix.trimEnd() });
    }
    output = parts;
  } else throw invalid('tool_result content must be a string or an array', childPath(path, 'content'));
  return {
    type: 'function_call_output',
    call_id: requireString(block.tool_use_id, path, 'tool_use_id'),
    output,
  };
}

function convertUser(content: unknown, path: JsonPath, st: MessageState, out: JsonObject[]): void {
  if (typeof content === 'string') {
    out.push({ role: 'user', content });
    return;
  }
  if (!Array.isArray(content)) throw invalid('message content must be a string or an array', path);
  const parts: JsonObject[] = [];
  content.forEach((b, i) => {
    const p = childPath(path, i);
    if (isRecord(b) && b.type === 'tool_result') out.push(toolOutput(b, p, st));
    else {
      const part = userPart(b, p, st);
      if (part) parts.push(part);
    }
  });
  if (parts.length > 0) out.push({ role: 'user', content: parts });
}

function convertAssistant(content: unknown, path: JsonPath, st: MessageState, out: JsonObject[]): void {
  if (typeof content === 'string') {
    if (content !== '') out.push({ role: 'assistant', content });
    return;
  }
  if (!Array.isArray(content)) throw invalid('message content must be a string or an array', path);
  let message: JsonObject[] | undefined;
  const flush = (): void => {
    if (message && message.length > 0) out.push({ type: 'message', role: 'assistant', content: message });
    message = undefined;
  };
  content.forEach((b, i) => {
    const p = childPath(path, i);
    if (!isRecord(b)) throw invalid('content block must be an object', p);
    switch (b.type) {
      case 'text': {
        st.losses.unknownKeys(b, TEXT_KEYS, p);
        if (b.cache_control !== undefined && b.cache_control !== null)
          st.losses.add(childPath(p, 'cache_control'), 'cache_control on assistant text has no Responses equivalent');
        const text = requireString(b.text, p, 'text');
        const annotations = citationsToAnnotations(b.citations, text.length, childPath(p, 'citations'), (lp, r) =>
          st.losses.add(lp, r),
        );
        if (text === '') return;
        message ??= [];
        message.push(
          annotations.length > 0 ? { type: 'output_text', text, annotations } : { type: 'output_text', text },
        );
        return;
      }
      case 'thinking': {
        flush();
        st.losses.unknownKeys(b, THINKING_KEYS, p);
        const thinking = requireString(b.thinking, p, 'thinking');
        const replay = upstreamReasoningFor(requireString(b.signature, p, 'signature'));
        if (!replay) {
          st.losses.add(p, 'thinking signed by another provider cannot be replayed to a Responses upstream');
          return;
        }
        st.replaysReasoning = true;
        const item: JsonObject = { type: 'reasoning' };
        if (replay.id !== undefined) item.id = replay.id;
        item.summary = thinking === '' ? [] : [{ type: 'summary_text', text: thinking }];
        item.encrypted_content = replay.encrypted_content;
        out.push(item);
        return;
      }
      case 'redacted_thinking':
        flush();
        st.losses.add(p, 'redacted thinking is Anthropic-only and cannot be replayed to a Responses upstream');
        return;
      case 'tool_use': {
        flush();
        st.losses.unknownKeys(b, TOOL_USE_KEYS, p);
        if (b.cache_control !== undefined && b.cache_control !== null)
          st.losses.add(childPath(p, 'cache_control'), 'cache_control on tool_use has no Responses equivalent');
        if (b.caller !== undefined && b.caller !== null && !(isRecord(b.caller) && b.caller.type === 'direct'))
          st.losses.add(childPath(p, 'caller'), 'tool_use caller has no Responses equivalent');
        if (!isRecord(b.input)) throw invalid('tool_use input must be an object', childPath(p, 'input'));
        out.push({
          type: 'function_call',
          call_id: requireString(b.id, p, 'id'),
          name: st.names.toTarget(requireString(b.name, p, 'name')),
          arguments: JSON.stringify(b.input),
        });
        return;
      }
      default:
        if (typeof b.type !== 'string') throw invalid('content block needs a string type', childPath(p, 'type'));
        flush();
        st.losses.add(
          p,
          `content block type ${JSON.stringify(b.type)} has no Responses equivalent in an assistant turn`,
        );
    }
  });
  flush();
}

function systemParts(system: unknown, path: JsonPath, st: MessageState): JsonObject[] {
  if (!Array.isArray(system)) throw invalid('expected a string or an array of text blocks', path);
  return system.map((b, i) => {
    const p = childPath(path, i);
    if (!isRecord(b) || b.type !== 'text') throw invalid('expected a text block', p);
    return textPart(b, p, st);
  });
}

/** `system` -> `instructions` (a string or one plain text block) or a leading system message. */
export function convertSystemToResponses(
  system: unknown,
  st: MessageState,
): { instructions?: string; message?: JsonObject } {
  if (system === undefined || system === null) return {};
  if (typeof system === 'string') return { instructions: system };
  const parts = systemParts(system, 'system', st);
  const only = parts[0];
  if (parts.length === 1 && only && only.prompt_cache_breakpoint === undefined)
    return { instructions: only.text as string };
  return { message: { role: 'system', content: parts } };
}

/** Anthropic `messages` -> Responses input items. */
export function convertMessagesToResponses(messages: unknown, st: MessageState): JsonObject[] {
  if (!Array.isArray(messages)) throw invalid('messages must be an array', 'messages');
  const out: JsonObject[] = [];
  messages.forEach((m, i) => {
    const mp = childPath('messages', i);
    if (!isRecord(m)) throw invalid('message must be an object', mp);
    st.losses.unknownKeys(m, MESSAGE_KEYS, mp);
    const cp = childPath(mp, 'content');
    switch (m.role) {
      case 'user':
        convertUser(m.content, cp, st, out);
        return;
      case 'assistant':
        convertAssistant(m.content, cp, st, out);
        return;
      case 'system':
        out.push({
          role: 'system',
          content: typeof m.content === 'string' ? m.content : systemParts(m.content, cp, st),
        });
        return;
      default:
        throw invalid('role must be "user", "assistant" or "system"', childPath(mp, 'role'));
    }
  });
  return out;
}
