import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireString } from '../../core/require.js';
import { convertAnthropicUserBlock, convertTextBlock } from './convert-anthropic-content-part-to-openai.js';
import { TOOL_ERROR_PREFIX } from './extensions.js';
import type { ToolNamer } from './map-tool-names.js';

/**
 * Anthropic `system` + `messages` -> Chat `messages`.
 *
 * - `system` (string or text blocks) -> a leading `system` message; `role:"system"` entries inside
 *   `messages` -> `system` messages in place.
 * - user turns: `tool_result` blocks -> `tool` messages (first, in order), the other blocks -> one
 *   `user` message after them. Images/documents inside a tool result move to that user message
 *   (Chat tool messages are text only; reported as a loss). `is_error: true` -> text prefix `[tool_error] `.
 * - assistant turns: text -> `content` (one plain block: a string), `tool_use` -> `tool_calls`; thinking / redacted_thinking
 *   -> the `content_blocks` extension (with the text blocks, in order) so signatures replay.
 */

export interface ConvertState {
  losses: LossCollector;
  names: ToolNamer;
}

const MESSAGE_KEYS = new Set(['role', 'content']);
const TOOL_RESULT_KEYS = new Set(['type', 'tool_use_id', 'content', 'is_error', 'cache_control']);
const TOOL_USE_KEYS = new Set(['type', 'id', 'name', 'input', 'cache_control', 'caller']);
const THINKING_KEYS = new Set(['type', 'thinking', 'signature']);
const REDACTED_KEYS = new Set(['type', 'data']);

function textParts(content: unknown, path: JsonPath, losses: LossCollector): JsonObject[] {
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'expected a string or an array of text blocks', { path });
  const out: JsonObject[] = [];
  for (let i = 0; i < content.length; i++) {
    const b: unknown = content[i];
    if (!isRecord(b) || b.type !== 'text')
      throw new TranslationError('invalid_input', 'expected a text block', { path: childPath(path, i) });
    out.push(convertTextBlock(b, path, i, losses));
  }
  return out;
}

export function convertSystem(system: unknown, path: JsonPath, losses: LossCollector): JsonObject {
  if (typeof system === 'string') return { role: 'system', content: system };
  return { role: 'system', content: textParts(system, path, losses) };
}

/** The tool_result block at `childPath(parent, key)`; paths are built only for losses and errors. */
function convertToolResult(
  block: JsonObject,
  parent: JsonPath,
  key: number,
  st: ConvertState,
  moved: JsonObject[],
): JsonObject {
  st.losses.unknownKeysAt(block, TOOL_RESULT_KEYS, parent, key);
  const id =
    typeof block.tool_use_id === 'string'
      ? block.tool_use_id
      : requireString(block.tool_use_id, childPath(parent, key), 'tool_use_id');
  const prefix = block.is_error === true ? TOOL_ERROR_PREFIX : '';
  let content: string | JsonObject[];
  if (block.content === undefined || block.content === null || typeof block.content === 'string') {
    content = prefix + (typeof block.content === 'string' ? block.content : '');
  } else if (Array.isArray(block.content)) {
    const cp = childPath(childPath(parent, key), 'content');
    const parts: JsonObject[] = [];
    for (let i = 0; i < block.content.length; i++) {
      const b: unknown = block.content[i];
      if (isRecord(b) && b.type === 'text') {
        parts.push(convertTextBlock(b, cp, i, st.losses));
        continue;
      }
      const part = convertAnthropicUserBlock(b, cp, i, st.losses);
      if (part) {
        moved.push(part);
        st.losses.add(
          childPath(cp, i),
          'Chat tool messages are text only: this block was moved to the user message that follows the tool messages',
        );
      }
    }
    if (prefix !== '') {
      const first = parts[0];
      if (first && typeof first.text === 'string') parts[0] = { ...first, text: prefix + first.text };
      else parts.unshift({ type: 'text', text: prefix.trimEnd() });
    }
    content = parts;
  } else {
    throw new TranslationError('invalid_input', 'tool_result content must be a string or an array', {
      path: childPath(childPath(parent, key), 'content'),
    });
  }
  const msg: JsonObject = { role: 'tool', tool_call_id: id, content };
  if (block.cache_control !== undefined && block.cache_control !== null) msg.cache_control = block.cache_control;
  return msg;
}

function convertUser(content: unknown, path: JsonPath, st: ConvertState, out: JsonObject[]): void {
  if (typeof content === 'string') {
    out.push({ role: 'user', content });
    return;
  }
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'message content must be a string or an array', { path });
  const parts: JsonObject[] = [];
  const moved: JsonObject[] = [];
  for (let i = 0; i < content.length; i++) {
    const b: unknown = content[i];
    if (isRecord(b) && b.type === 'tool_result') {
      out.push(convertToolResult(b, path, i, st, moved));
      continue;
    }
    const part = convertAnthropicUserBlock(b, path, i, st.losses);
    if (part) parts.push(part);
  }
  const all = moved.length > 0 ? moved.concat(parts) : parts;
  if (all.length > 0 || content.length === 0) out.push({ role: 'user', content: all });
}

function convertAssistant(content: unknown, path: JsonPath, st: ConvertState, out: JsonObject[]): void {
  if (typeof content === 'string') {
    out.push({ role: 'assistant', content });
    return;
  }
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'message content must be a string or an array', { path });
  const texts: JsonObject[] = [];
  const blocks: JsonObject[] = [];
  const calls: JsonObject[] = [];
  let hasThinking = false;
  for (let i = 0; i < content.length; i++) {
    const b: unknown = content[i];
    if (!isRecord(b))
      throw new TranslationError('invalid_input', 'content block must be an object', { path: childPath(path, i) });
    if (b.type === 'text') {
      // the common case first: no block path is built unless a loss or an error needs it
      const part = convertTextBlock(b, path, i, st.losses);
      texts.push(part);
      blocks.push(part);
      continue;
    }
    const p = childPath(path, i);
    switch (b.type) {
      case 'thinking':
        st.losses.unknownKeys(b, THINKING_KEYS, p);
        hasThinking = true;
        blocks.push({
          type: 'thinking',
          thinking: requireString(b.thinking, p, 'thinking'),
          signature: requireString(b.signature, p, 'signature'),
        });
        break;
      case 'redacted_thinking':
        st.losses.unknownKeys(b, REDACTED_KEYS, p);
        hasThinking = true;
        blocks.push({ type: 'redacted_thinking', data: requireString(b.data, p, 'data') });
        break;
      case 'tool_use': {
        st.losses.unknownKeys(b, TOOL_USE_KEYS, p);
        if (b.cache_control !== undefined && b.cache_control !== null)
          st.losses.add(childPath(p, 'cache_control'), 'cache_control on tool_use has no Chat Completions equivalent');
        if (b.caller !== undefined && b.caller !== null && !(isRecord(b.caller) && b.caller.type === 'direct')) {
          st.losses.add(childPath(p, 'caller'), 'tool_use caller has no Chat Completions equivalent');
        }
        const name = st.names.toTarget(requireString(b.name, p, 'name'));
        if (!isRecord(b.input))
          throw new TranslationError('invalid_input', 'tool_use input must be an object', {
            path: childPath(p, 'input'),
          });
        calls.push({
          id: requireString(b.id, p, 'id'),
          type: 'function',
          function: { name, arguments: JSON.stringify(b.input) },
        });
        break;
      }
      default:
        if (typeof b.type !== 'string')
          throw new TranslationError('invalid_input', 'content block needs a string type', {
            path: childPath(p, 'type'),
          });
        st.losses.add(
          p,
          `content block type ${JSON.stringify(b.type)} has no Chat Completions equivalent in an assistant message`,
        );
    }
  }
  // one plain text block -> a string (what every Chat-compatible server accepts); several, or with cache_control -> parts
  const single = texts.length === 1 && texts[0]?.cache_control === undefined ? texts[0]?.text : undefined;
  const msg: JsonObject = { role: 'assistant', content: single ?? (texts.length > 0 ? texts : null) };
  if (calls.length > 0) msg.tool_calls = calls;
  if (hasThinking) msg.content_blocks = blocks;
  out.push(msg);
}

function contentPath(i: number): JsonPath {
  return childPath(childPath('messages', i), 'content');
}

/** Anthropic system + messages -> Chat messages. */
export function convertAnthropicMessagesToOpenAI(system: unknown, messages: unknown, st: ConvertState): JsonObject[] {
  if (!Array.isArray(messages))
    throw new TranslationError('invalid_input', 'messages must be an array', { path: 'messages' });
  const out: JsonObject[] = [];
  if (system !== undefined && system !== null) out.push(convertSystem(system, 'system', st.losses));
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isRecord(m))
      throw new TranslationError('invalid_input', 'message must be an object', { path: childPath('messages', i) });
    st.losses.unknownKeysAt(m, MESSAGE_KEYS, 'messages', i);
    // string content needs no path: build `messages[i].content` only for block arrays (and errors)
    const c = m.content;
    switch (m.role) {
      case 'user':
        if (typeof c === 'string') out.push({ role: 'user', content: c });
        else convertUser(c, contentPath(i), st, out);
        break;
      case 'assistant':
        if (typeof c === 'string') out.push({ role: 'assistant', content: c });
        else convertAssistant(c, contentPath(i), st, out);
        break;
      case 'system':
        out.push(typeof c === 'string' ? { role: 'system', content: c } : convertSystem(c, contentPath(i), st.losses));
        break;
      default:
        throw new TranslationError('invalid_input', 'role must be "user", "assistant" or "system"', {
          path: childPath(childPath('messages', i), 'role'),
        });
    }
  }
  return out;
}
