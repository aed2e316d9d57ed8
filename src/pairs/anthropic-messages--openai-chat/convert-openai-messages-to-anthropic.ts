import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { requireString } from '../../core/require.js';
import { BLANK_TEXT_LOSS, isBlank, withoutBlankAnthropicText } from '../../formats/anthropic-messages/blank-text.js';
import { isServerToolBlockType } from '../../formats/anthropic-messages/server-tools.js';
import { convertOpenAIUserPart, convertTextPart } from './convert-openai-content-part-to-anthropic.js';
import { parseToolArguments } from './convert-tool-arguments.js';
import { TOOL_ERROR_PREFIX } from './extensions.js';
import type { ToolNamer } from './map-tool-names.js';

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
 * - Blank text (empty or whitespace only), which Anthropic refuses, is never sent: a blank text part joins the
 *   text next to it, else it is a loss at its path; a message left with nothing is not sent (a loss too), unless it
 *   is a whole user turn: leaving that out would change the conversation (an assistant message would become a
 *   prefill), so the request is refused (`invalid_input`).
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
const ASSISTANT_KEYS = new Set([
  'role',
  'content',
  'name',
  'tool_calls',
  'refusal',
  'content_blocks',
  'reasoning_content',
  'reasoning',
  'annotations',
]);

/** `messages[i]`: paths are built only when a loss or an error needs them. */
function msgPath(i: number): JsonPath {
  return childPath('messages', i);
}

function toolCallsPath(mi: number): JsonPath {
  return childPath(msgPath(mi), 'tool_calls');
}

function nameLoss(m: JsonObject, i: number, losses: LossCollector): void {
  if (m.name !== undefined && m.name !== null)
    losses.add(childPath(msgPath(i), 'name'), 'participant names have no Anthropic equivalent');
}

function textBlocks(content: unknown, path: JsonPath, losses: LossCollector): string | JsonObject[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content))
    throw new TranslationError('invalid_input', 'content must be a string or an array of text parts', { path });
  const out: JsonObject[] = [];
  const paths: JsonPath[] = [];
  for (let i = 0; i < content.length; i++) {
    const p: unknown = content[i];
    if (!isRecord(p) || p.type !== 'text')
      throw new TranslationError('invalid_input', 'expected a text part', { path: childPath(path, i) });
    out.push(convertTextPart(p, path, i, losses));
    paths.push(childPath(path, i));
  }
  return withoutBlank(out, paths, losses);
}

/** `blocks` without blank text (`withoutBlankAnthropicText`); `paths[i]` names block i in the Chat request. */
function withoutBlank(blocks: JsonObject[], paths: readonly JsonPath[], losses: LossCollector): JsonObject[] {
  return withoutBlankAnthropicText(blocks, (i) => losses.add(paths[i] ?? '', BLANK_TEXT_LOSS));
}

/**
 * Message content as it may go to Anthropic: undefined when nothing is left (a blank string, or blocks that were
 * all blank text), reported at `path`.
 */
function sendable(
  content: string | JsonObject[],
  path: JsonPath,
  losses: LossCollector,
): string | JsonObject[] | undefined {
  if (typeof content === 'string') {
    if (!isBlank(content)) return content;
    losses.add(path, BLANK_TEXT_LOSS);
    return undefined;
  }
  return content.length === 0 ? undefined : content;
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

function convertToolMessage(m: JsonObject, i: number, losses: LossCollector): JsonObject {
  losses.unknownKeysAt(m, TOOL_KEYS, 'messages', i);
  const id =
    typeof m.tool_call_id === 'string' ? m.tool_call_id : requireString(m.tool_call_id, msgPath(i), 'tool_call_id');
  let isError = false;
  let content: string | JsonObject[];
  if (typeof m.content === 'string') {
    content = m.content;
    if (content.startsWith(TOOL_ERROR_PREFIX)) {
      isError = true;
      content = content.slice(TOOL_ERROR_PREFIX.length);
    }
  } else {
    const blocks = textBlocks(m.content, childPath(msgPath(i), 'content'), losses) as JsonObject[];
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
  for (let i = 0; i < blocks.length; i++) {
    const b: unknown = blocks[i];
    const p = childPath(path, i);
    if (!isRecord(b)) throw new TranslationError('invalid_input', 'content block must be an object', { path: p });
    if (b.type === 'thinking') {
      losses.unknownKeys(b, KEYS_TYPE_THINKING_SIGNATURE, p);
      if (typeof b.signature !== 'string' || b.signature === '') {
        losses.add(p, 'thinking without a signature cannot be replayed to Anthropic');
        continue;
      }
      out.push({ type: 'thinking', thinking: requireString(b.thinking, p, 'thinking'), signature: b.signature });
    } else if (b.type === 'redacted_thinking') {
      losses.unknownKeys(b, KEYS_TYPE_DATA, p);
      out.push({ type: 'redacted_thinking', data: requireString(b.data, p, 'data') });
    } else if (b.type === 'text') {
      const { citations, ...text } = b;
      const block = convertTextPart(text, path, i, losses);
      // the text's citations (web search results, documents), as Anthropic sent them
      if (Array.isArray(citations) && citations.length > 0) block.citations = citations;
      else if (citations !== undefined && citations !== null && !Array.isArray(citations))
        throw new TranslationError('invalid_input', 'citations must be an array', { path: childPath(p, 'citations') });
      out.push(block);
    } else if (isServerToolBlockType(b.type)) {
      // a server tool's call or result, handed back exactly as Anthropic sent it (Anthropic checks its shape)
      if (b.type === 'server_tool_use') requireString(b.id, p, 'id');
      else requireString(b.tool_use_id, p, 'tool_use_id');
      out.push({ ...b });
    } else {
      losses.add(p, `content block type ${JSON.stringify(b.type)} is not carried`);
    }
  }
  return out;
}

function joinedText(blocks: readonly JsonObject[]): string {
  let s = '';
  for (const b of blocks) if (b.type === 'text' && typeof b.text === 'string') s += b.text;
  return s;
}

function convertAssistant(m: JsonObject, mi: number, st: ConvertState, turns: Turn[]): void {
  st.losses.unknownKeysAt(m, ASSISTANT_KEYS, 'messages', mi);
  nameLoss(m, mi, st.losses);
  const blocks: JsonObject[] = [];
  /** where each text block came from, to name a blank one that cannot be sent */
  const origin = new Map<JsonObject, JsonPath>();
  const from = (block: JsonObject, path: JsonPath): JsonObject => {
    origin.set(block, path);
    return block;
  };
  let content: string | JsonObject[] | undefined;
  if (typeof m.content === 'string') content = m.content;
  else if (Array.isArray(m.content)) {
    const cp = childPath(msgPath(mi), 'content');
    content = [];
    for (let i = 0; i < m.content.length; i++) {
      const p: unknown = m.content[i];
      const pp = childPath(cp, i);
      if (isRecord(p) && p.type === 'refusal') {
        (content as JsonObject[]).push(from({ type: 'text', text: requireString(p.refusal, pp, 'refusal') }, pp));
        st.losses.add(pp, 'refusal parts are carried as plain text');
        continue;
      }
      if (!isRecord(p) || p.type !== 'text')
        throw new TranslationError('invalid_input', 'assistant content parts must be text or refusal', { path: pp });
      (content as JsonObject[]).push(from(convertTextPart(p, cp, i, st.losses), pp));
    }
  } else if (m.content !== undefined && m.content !== null) {
    throw new TranslationError('invalid_input', 'assistant content must be a string, an array or null', {
      path: childPath(msgPath(mi), 'content'),
    });
  }

  if (m.content_blocks !== undefined && m.content_blocks !== null) {
    const cbp = childPath(msgPath(mi), 'content_blocks');
    const cb = convertContentBlocks(m.content_blocks, cbp, st.losses);
    for (const b of cb) blocks.push(b.type === 'text' ? from(b, cbp) : b);
    // content repeats the text of content_blocks; keep it only when it says something else
    const text = typeof content === 'string' ? content : joinedText(content ?? []);
    if (text !== '' && text !== joinedText(cb))
      blocks.push(
        ...(typeof content === 'string'
          ? [from({ type: 'text', text: content }, childPath(msgPath(mi), 'content'))]
          : (content ?? [])),
      );
  } else {
    if (Array.isArray(m.annotations) && m.annotations.length > 0)
      st.losses.add(
        childPath(msgPath(mi), 'annotations'),
        'url_citation annotations cannot be replayed to Anthropic (its citations need the encrypted index: send content_blocks)',
      );
    for (const key of ['reasoning_content', 'reasoning'] as const) {
      if (typeof m[key] === 'string' && m[key] !== '') {
        st.losses.add(
          childPath(msgPath(mi), key),
          'reasoning text without a signature cannot be replayed to Anthropic',
        );
      }
    }
    if (typeof content === 'string') {
      if (content !== '') blocks.push(from({ type: 'text', text: content }, childPath(msgPath(mi), 'content')));
    } else if (content) blocks.push(...content);
  }
  if (typeof m.refusal === 'string' && m.refusal !== '') {
    blocks.push(from({ type: 'text', text: m.refusal }, childPath(msgPath(mi), 'refusal')));
    st.losses.add(childPath(msgPath(mi), 'refusal'), 'assistant refusal is carried as plain text');
  }

  if (m.tool_calls !== undefined && m.tool_calls !== null) {
    if (!Array.isArray(m.tool_calls))
      throw new TranslationError('invalid_input', 'tool_calls must be an array', { path: toolCallsPath(mi) });
    for (let i = 0; i < m.tool_calls.length; i++) {
      const c: unknown = m.tool_calls[i];
      if (!isRecord(c))
        throw new TranslationError('invalid_input', 'tool call must be an object', {
          path: childPath(toolCallsPath(mi), i),
        });
      if (c.type === 'custom') {
        st.losses.add(childPath(toolCallsPath(mi), i), 'custom tool calls have no Anthropic equivalent');
        continue;
      }
      if (!isRecord(c.function))
        throw new TranslationError('invalid_input', 'tool call needs a function object', {
          path: childPath(childPath(toolCallsPath(mi), i), 'function'),
        });
      const input = parseToolArguments(c.function.arguments, 'messages', st.losses, [
        mi,
        'tool_calls',
        i,
        'function',
        'arguments',
      ]);
      blocks.push({
        type: 'tool_use',
        id: typeof c.id === 'string' ? c.id : requireString(c.id, childPath(toolCallsPath(mi), i), 'id'),
        name: st.names.toTarget(
          typeof c.function.name === 'string'
            ? c.function.name
            : requireString(c.function.name, childPath(childPath(toolCallsPath(mi), i), 'function'), 'name'),
        ),
        input,
      });
    }
  }

  const kept = withoutBlankAnthropicText(blocks, (i) =>
    st.losses.add(origin.get(blocks[i]!) ?? msgPath(mi), BLANK_TEXT_LOSS),
  );
  if (kept.length === 0) {
    if (blocks.length === 0) st.losses.add(msgPath(mi), 'an empty assistant message cannot be sent to Anthropic');
    return;
  }
  const onlyText =
    typeof m.content === 'string' && kept.length === 1 && m.content_blocks == null && kept[0] === blocks[0];
  pushTurn(turns, 'assistant', onlyText && kept[0]?.type === 'text' ? (m.content as string) : kept);
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
  if (!Array.isArray(messages))
    throw new TranslationError('invalid_input', 'messages must be an array', { path: 'messages' });
  const systems: (string | JsonObject[])[] = [];
  const turns: Turn[] = [];
  /** user turns that hold a whitespace-only message, by the path of the first one */
  const blankTurns = new Map<Turn, JsonPath>();
  /** a user message of blank text only: it keeps its place in the turns (other messages of its turn may fill it) */
  const blankUser = (all: Turn[], path: JsonPath): void => {
    pushTurn(all, 'user', []);
    const t = all[all.length - 1]!;
    if (!blankTurns.has(t)) blankTurns.set(t, path);
  };
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isRecord(m)) throw new TranslationError('invalid_input', 'message must be an object', { path: msgPath(i) });
    switch (m.role) {
      case 'system':
      case 'developer': {
        st.losses.unknownKeysAt(m, SYSTEM_KEYS, 'messages', i);
        nameLoss(m, i, st.losses);
        const cp = childPath(msgPath(i), 'content');
        const c = sendable(
          typeof m.content === 'string' ? m.content : textBlocks(m.content, cp, st.losses),
          cp,
          st.losses,
        );
        if (c === undefined) break;
        if (turns.length === 0) systems.push(c);
        else pushTurn(turns, 'system', c);
        break;
      }
      case 'user': {
        st.losses.unknownKeysAt(m, USER_KEYS, 'messages', i);
        nameLoss(m, i, st.losses);
        const cp = childPath(msgPath(i), 'content');
        if (typeof m.content === 'string') {
          const c = sendable(m.content, cp, st.losses);
          if (c !== undefined) pushTurn(turns, 'user', c);
          else blankUser(turns, msgPath(i));
          break;
        }
        if (!Array.isArray(m.content))
          throw new TranslationError('invalid_input', 'user content must be a string or an array', { path: cp });
        const blocks: JsonObject[] = [];
        const paths: JsonPath[] = [];
        for (let j = 0; j < m.content.length; j++) {
          const b = convertOpenAIUserPart(m.content[j], cp, j, st.losses);
          if (b) {
            blocks.push(b);
            paths.push(childPath(cp, j));
          }
        }
        const kept = withoutBlank(blocks, paths, st.losses);
        // a message whose parts were all blank text is not sent (each part was reported)
        if (kept.length > 0 || blocks.length === 0) pushTurn(turns, 'user', kept);
        else blankUser(turns, msgPath(i));
        break;
      }
      case 'tool':
        pushTurn(turns, 'user', [convertToolMessage(m, i, st.losses)]);
        break;
      case 'assistant':
        convertAssistant(m, i, st, turns);
        break;
      case 'function':
        st.losses.add(msgPath(i), 'deprecated function messages have no Anthropic equivalent');
        break;
      default:
        throw new TranslationError('invalid_input', 'unknown message role', { path: childPath(msgPath(i), 'role') });
    }
  }
  for (const t of turns) {
    const blank = blankTurns.get(t);
    if (blank !== undefined && Array.isArray(t.content) && t.content.length === 0)
      throw new TranslationError(
        'invalid_input',
        'this user message is whitespace only: Anthropic refuses blank text, and leaving the message out would change the conversation (it is the whole user turn)',
        { path: blank },
      );
  }
  const converted: JsonObject[] = [];
  for (const t of turns)
    converted.push({ role: t.role, content: t.role === 'user' ? resultsFirst(t.content) : t.content });
  const out: AnthropicConversation = { messages: converted };
  if (systems.length === 1) out.system = systems[0];
  else if (systems.length > 1) {
    out.system = systems.flatMap((s) => (typeof s === 'string' ? [{ type: 'text', text: s }] : s));
  }
  return out;
}
