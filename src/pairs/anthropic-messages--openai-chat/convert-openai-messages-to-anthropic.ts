import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { convertOpenAIUserPart, convertTextPart, requireStr } from './convert-openai-content-part-to-anthropic.js';
import { TOOL_ERROR_PREFIX } from './extensions.js';
import { isRecord, type JsonObject } from './narrow.js';
import { parseToolArguments } from './parse-tool-arguments.js';
import type { ToolNamer } from './tool-names.js';

const KEYS_TYPE_THINKING_SIGNATURE = new Set(['type', 'thinking', 'signature']);
const KEYS_TYPE_DATA = new Set(['type', 'data']);

/**
 * Chat `messages` -> Anthropic `system` + `messages`.
 *
 * - `system`/`developer` messages before the first other message -> top-level `system` (a string when
 *   there is exactly one with string content, else text blocks); later ones -> `role:"system"` entries.
 * - `tool` messages -> `tool_result` blocks in a user turn; consecutive tool messages and a following
 *   user message share one user turn (Anthropic wants alternating turns: same-role turns are merged).
 * - assistant: the `content_blocks` extension (thinking / redacted_thinking / text) is authoritative for
 *   thinking and text; `tool_calls` -> `tool_use` (arguments parsed; unparsable -> `{}` + loss).
 */

export interface ConvertState {
  losses: LossCollector;
  names: ToolNamer;
}

interface Turn {
  role: 'user' | 'assistant' | 'system';
  content: string | JsonObject[];
}

const SYSTEM_KEYS = new Set(['role', 'content', 'name']);
const USER_KEYS = new Set(['role', 'content', 'name']);
const TOOL_KEYS = new Set(['role', 'content', 'tool_call_id', 'cache_control']);
const ASSISTANT_KEYS = new Set(['role', 'content', 'name', 'tool_calls', 'refusal', 'content_blocks', 'reasoning_content', 'reasoning']);

function nameLoss(m: JsonObject, path: JsonPath, losses: LossCollector): void {
  if (m.name !== undefined && m.name !== null) losses.add(childPath(path, 'name'), 'participant names have no Anthropic equivalent');
}

function textBlocks(content: unknown, path: JsonPath, losses: LossCollector): string | JsonObject[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw new TranslationError('invalid_input', 'content must be a string or an array of text parts', { path });
  return content.map((p, i) => {
    const pp = childPath(path, i);
    if (!isRecord(p) || p.type !== 'text') throw new TranslationError('invalid_input', 'expected a text part', { path: pp });
    return convertTextPart(p, pp, losses);
  });
}

function pushTurn(turns: Turn[], role: Turn['role'], content: string | JsonObject[]): void {
  const last = turns[turns.length - 1];
  if (last && last.role === role && role !== 'system') {
    const a = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
    const b = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
    last.content = a.concat(b);
    return;
  }
  turns.push({ role, content });
}

function convertToolMessage(m: JsonObject, path: JsonPath, losses: LossCollector): JsonObject {
  losses.unknownKeys(m, TOOL_KEYS, path);
  const id = requireStr(m.tool_call_id, path, 'tool_call_id');
  const cp = childPath(path, 'content');
  let isError = false;
  let content: string | JsonObject[];
  if (typeof m.content === 'string') {
    content = m.content;
    if (content.startsWith(TOOL_ERROR_PREFIX)) {
      isError = true;
      content = content.slice(TOOL_ERROR_PREFIX.length);
    }
  } else {
    const blocks = textBlocks(m.content, cp, losses) as JsonObject[];
    const first = blocks[0];
    if (first && typeof first.text === 'string') {
      if (first.text === TOOL_ERROR_PREFIX.trimEnd()) {
        isError = true;
        blocks.shift();
      } else if (first.text.startsWith(TOOL_ERROR_PREFIX)) {
        isError = true;
        blocks[0] = { ...first, text: first.text.slice(TOOL_ERROR_PREFIX.length) };
      }
    }
    content = blocks;
  }
  const block: JsonObject = { type: 'tool_result', tool_use_id: id, content };
  if (isError) block.is_error = true;
  if (m.cache_control !== undefined && m.cache_control !== null) block.cache_control = m.cache_control;
  return block;
}

function convertContentBlocks(blocks: unknown, path: JsonPath, losses: LossCollector): JsonObject[] {
  if (!Array.isArray(blocks)) throw new TranslationError('invalid_input', 'content_blocks must be an array', { path });
  const out: JsonObject[] = [];
  blocks.forEach((b, i) => {
    const p = childPath(path, i);
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'content block must be an object', { path: p });
    if (b.type === 'thinking') {
      losses.unknownKeys(b, KEYS_TYPE_THINKING_SIGNATURE, p);
      if (typeof b.signature !== 'string' || b.signature === '') {
        losses.add(p, 'thinking without a signature cannot be replayed to Anthropic');
        return;
      }
      out.push({ type: 'thinking', thinking: requireStr(b.thinking, p, 'thinking'), signature: b.signature });
    } else if (b.type === 'redacted_thinking') {
      losses.unknownKeys(b, KEYS_TYPE_DATA, p);
      out.push({ type: 'redacted_thinking', data: requireStr(b.data, p, 'data') });
    } else if (b.type === 'text') {
      out.push(convertTextPart(b, p, losses));
    } else {
      losses.add(p, `content block type ${JSON.stringify(b.type)} is not carried`);
    }
  });
  return out;
}

function joinedText(blocks: readonly JsonObject[]): string {
  let s = '';
  for (const b of blocks) if (b.type === 'text' && typeof b.text === 'string') s += b.text;
  return s;
}

function convertAssistant(m: JsonObject, path: JsonPath, st: ConvertState, turns: Turn[]): void {
  st.losses.unknownKeys(m, ASSISTANT_KEYS, path);
  nameLoss(m, path, st.losses);
  const cp = childPath(path, 'content');
  const blocks: JsonObject[] = [];
  let content: string | JsonObject[] | undefined;
  if (typeof m.content === 'string') content = m.content;
  else if (Array.isArray(m.content)) {
    content = [];
    m.content.forEach((p, i) => {
      const pp = childPath(cp, i);
      if (isRecord(p) && p.type === 'refusal') {
        (content as JsonObject[]).push({ type: 'text', text: requireStr(p.refusal, pp, 'refusal') });
        st.losses.add(pp, 'refusal parts are carried as plain text');
        return;
      }
      if (!isRecord(p) || p.type !== 'text') throw new TranslationError('invalid_input', 'assistant content parts must be text or refusal', { path: pp });
      (content as JsonObject[]).push(convertTextPart(p, pp, st.losses));
    });
  } else if (m.content !== undefined && m.content !== null) {
    throw new TranslationError('invalid_input', 'assistant content must be a string, an array or null', { path: cp });
  }

  if (m.content_blocks !== undefined && m.content_blocks !== null) {
    const cb = convertContentBlocks(m.content_blocks, childPath(path, 'content_blocks'), st.losses);
    blocks.push(...cb);
    // content repeats the text of content_blocks; keep it only when it says something else
    const text = typeof content === 'string' ? content : joinedText(content ?? []);
    if (text !== '' && text !== joinedText(cb)) blocks.push(...(typeof content === 'string' ? [{ type: 'text', text: content }] : (content ?? [])));
  } else {
    for (const key of ['reasoning_content', 'reasoning'] as const) {
      if (typeof m[key] === 'string' && m[key] !== '') {
        st.losses.add(childPath(path, key), 'reasoning text without a signature cannot be replayed to Anthropic');
      }
    }
    if (typeof content === 'string') {
      if (content !== '') blocks.push({ type: 'text', text: content });
    } else if (content) blocks.push(...content);
  }
  if (typeof m.refusal === 'string' && m.refusal !== '') {
    blocks.push({ type: 'text', text: m.refusal });
    st.losses.add(childPath(path, 'refusal'), 'assistant refusal is carried as plain text');
  }

  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    const tp = childPath(path, 'tool_calls');
    if (!Array.isArray(m.tool_calls)) throw new TranslationError('invalid_input', 'tool_calls must be an array', { path: tp });
    m.tool_calls.forEach((c, i) => {
      const p = childPath(tp, i);
      if (!isRecord(c)) throw new TranslationError('invalid_input', 'tool call must be an object', { path: p });
      if (c.type === 'custom') {
        st.losses.add(p, 'custom tool calls have no Anthropic equivalent');
        return;
      }
      if (!isRecord(c.function)) throw new TranslationError('invalid_input', 'tool call needs a function object', { path: childPath(p, 'function') });
      const fp = childPath(p, 'function');
      const input = parseToolArguments(c.function.arguments, childPath(fp, 'arguments'), st.losses);
      blocks.push({
        type: 'tool_use',
        id: requireStr(c.id, p, 'id'),
        name: st.names.toTarget(requireStr(c.function.name, fp, 'name')),
        input,
      });
    });
  }

  if (blocks.length === 0) {
    st.losses.add(path, 'an empty assistant message cannot be sent to Anthropic');
    return;
  }
  const onlyText = typeof m.content === 'string' && blocks.length === 1 && m.content_blocks == null && blocks[0]?.type === 'text';
  pushTurn(turns, 'assistant', onlyText ? (m.content as string) : blocks);
}

/** Anthropic wants a user turn's tool_result blocks before any other block: stable partition when needed. */
function resultsFirst(content: string | JsonObject[]): string | JsonObject[] {
  if (typeof content === 'string') return content;
  let seenOther = false;
  let needed = false;
  for (const b of content) {
    if (b.type !== 'tool_result') seenOther = true;
    else if (seenOther) {
      needed = true;
      break;
    }
  }
  if (!needed) return content;
  return content.filter((b) => b.type === 'tool_result').concat(content.filter((b) => b.type !== 'tool_result'));
}

export interface AnthropicConversation {
  system?: string | JsonObject[];
  messages: JsonObject[];
}

export function convertOpenAIMessagesToAnthropic(messages: unknown, st: ConvertState): AnthropicConversation {
  if (!Array.isArray(messages)) throw new TranslationError('invalid_input', 'messages must be an array', { path: 'messages' });
  const systems: (string | JsonObject[])[] = [];
  const turns: Turn[] = [];
  messages.forEach((m, i) => {
    const path = childPath('messages', i);
    if (!isRecord(m)) throw new TranslationError('invalid_input', 'message must be an object', { path });
    const cp = childPath(path, 'content');
    switch (m.role) {
      case 'system':
      case 'developer': {
        st.losses.unknownKeys(m, SYSTEM_KEYS, path);
        nameLoss(m, path, st.losses);
        const c = textBlocks(m.content, cp, st.losses);
        if (turns.length === 0) systems.push(c);
        else pushTurn(turns, 'system', c);
        break;
      }
      case 'user': {
        st.losses.unknownKeys(m, USER_KEYS, path);
        nameLoss(m, path, st.losses);
        if (typeof m.content === 'string') {
          pushTurn(turns, 'user', m.content);
          break;
        }
        if (!Array.isArray(m.content)) throw new TranslationError('invalid_input', 'user content must be a string or an array', { path: cp });
        const blocks: JsonObject[] = [];
        m.content.forEach((p, j) => {
          const b = convertOpenAIUserPart(p, childPath(cp, j), st.losses);
          if (b) blocks.push(b);
        });
        pushTurn(turns, 'user', blocks);
        break;
      }
      case 'tool':
        pushTurn(turns, 'user', [convertToolMessage(m, path, st.losses)]);
        break;
      case 'assistant':
        convertAssistant(m, path, st, turns);
        break;
      case 'function':
        st.losses.add(path, 'deprecated function messages have no Anthropic equivalent');
        break;
      default:
        throw new TranslationError('invalid_input', 'unknown message role', { path: childPath(path, 'role') });
    }
  });
  const out: AnthropicConversation = { messages: turns.map((t) => ({ role: t.role, content: t.role === 'user' ? resultsFirst(t.content) : t.content })) };
  if (systems.length === 1) out.system = systems[0];
  else if (systems.length > 1) {
    out.system = systems.flatMap((s) => (typeof s === 'string' ? [{ type: 'text', text: s }] : s));
  }
  return out;
}
