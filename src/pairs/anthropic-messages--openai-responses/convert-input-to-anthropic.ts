import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { invalid, requireString } from '../../core/require.js';
import type { StableToolNamer } from '../../core/stable-tool-name.js';
import { BLANK_TEXT_LOSS, isBlank, withoutBlankAnthropicText } from '../../formats/anthropic-messages/blank-text.js';
import { parseToolArguments } from '../../formats/openai-chat/tool-arguments.js';
import { convertInputPart, convertInputText, type PartState } from './convert-parts-to-anthropic.js';
import { CUSTOM_INPUT_KEY, TOOL_ERROR_PREFIX } from './extensions.js';
import { blockForReplayedReasoning } from './map-reasoning.js';
import { qualifiedName } from './map-tool-names.js';

/**
 * Responses `instructions` + `input` -> Anthropic `system` + `messages` (docs/mappings-anthropic-responses.md).
 *
 * - `instructions`, then the `system` / `developer` messages before any other item -> `system`; later ones ->
 *   `role: "system"` messages in place.
 * - user messages -> user turns; `function_call_output` / `custom_tool_call_output` -> `tool_result` blocks
 *   (first in their user turn; a `[tool_error] ` prefix -> `is_error`).
 * - assistant messages (`output_text` -> text; `refusal` -> text, a loss), `reasoning` (-> thinking or
 *   redacted_thinking, map-reasoning.ts), `function_call` and `custom_tool_call` (-> tool_use; a custom call's
 *   input string -> `{input}`) -> assistant turns. Consecutive items of one role make one turn.
 * - `additional_tools` items -> their tools are returned for the request's `tools`.
 * - `item_reference` needs the server's stored items: refused.
 * - item `id` and `status` name the client's copies of output items; with no server state they mean nothing and
 *   are not carried (not a loss).
 * - Blank text (empty or whitespace only), which Anthropic refuses, is never sent: a blank part joins the text next
 *   to it; one with nothing to join is left out and reported; a user message of blank text alone that is a whole user
 *   turn is refused (leaving it out would change the conversation: docs/wire-formats.md#gotchas).
 */

export interface InputState extends PartState {
  losses: LossCollector;
  names: StableToolNamer;
}

interface Turn {
  role: 'user' | 'assistant' | 'system';
  blocks: JsonObject[];
  /** the turn is one message whose content was a string (sent back as a string) */
  text: string | undefined;
  /** the path of a message of blank text only that went into this turn (nothing of it is sent) */
  blank?: JsonPath;
}

export interface AnthropicConversation {
  system?: string | JsonObject[];
  messages: JsonObject[];
  /** tools declared by `additional_tools` items, with the path of each */
  additionalTools: Array<{ tool: unknown; path: JsonPath }>;
}

const MESSAGE_KEYS = new Set(['type', 'role', 'content', 'id', 'status', 'phase']);
const CALL_KEYS = new Set(['type', 'id', 'call_id', 'name', 'namespace', 'arguments', 'status', 'caller']);
const CUSTOM_CALL_KEYS = new Set(['type', 'id', 'call_id', 'name', 'namespace', 'input', 'status', 'caller']);
const OUTPUT_KEYS = new Set(['type', 'id', 'call_id', 'output', 'name', 'namespace', 'status', 'caller']);
const REASONING_KEYS = new Set(['type', 'id', 'summary', 'content', 'encrypted_content', 'status']);
const OUTPUT_TEXT_KEYS = new Set(['type', 'text', 'annotations', 'logprobs']);
const ADDITIONAL_TOOLS_KEYS = new Set(['type', 'id', 'role', 'tools']);

function itemPath(i: number): JsonPath {
  return childPath('input', i);
}

function pushBlocks(turns: Turn[], role: Turn['role'], blocks: JsonObject[], text?: string, blank?: JsonPath): void {
  const last = turns[turns.length - 1];
  if (last && last.role === role && role !== 'system') {
    last.blocks.push(...blocks);
    last.text = undefined;
    if (blank !== undefined) last.blank ??= blank;
    return;
  }
  turns.push(blank === undefined ? { role, blocks, text } : { role, blocks, text, blank });
}

/**
 * A message's blocks without blank text (`withoutBlankAnthropicText`), each left-out part reported at its path
 * (`content` itself when the content was a string, or when parts were skipped and indexes no longer line up).
 */
function sendableBlocks(blocks: JsonObject[], content: unknown, path: JsonPath, st: InputState): JsonObject[] {
  const aligned = Array.isArray(content) && content.length === blocks.length;
  return withoutBlankAnthropicText(blocks, (i) => st.losses.add(aligned ? childPath(path, i) : path, BLANK_TEXT_LOSS));
}

/** Pushes one message's blocks, blank text left out; `blank` marks a message that had only blank text. */
function pushMessage(
  turns: Turn[],
  role: Turn['role'],
  blocks: JsonObject[],
  text: string | undefined,
  item: JsonObject,
  path: JsonPath,
  st: InputState,
): void {
  const cp = childPath(path, 'content');
  const kept = sendableBlocks(blocks, item.content, cp, st);
  const blankOnly = blocks.length > 0 && kept.length === 0;
  // an assistant or system message with nothing left is no turn at all: the messages around it stay one turn
  if (blankOnly && role !== 'user') return;
  const sameText = kept.length === 1 && kept[0] === blocks[0] && blocks.length === 1;
  pushBlocks(turns, role, kept, sameText ? text : undefined, blankOnly ? path : undefined);
}

function callerLoss(item: JsonObject, path: JsonPath, st: InputState): void {
  const c = item.caller;
  if (c !== undefined && c !== null && !(isRecord(c) && c.type === 'direct'))
    st.losses.add(childPath(path, 'caller'), 'tool call callers have no Anthropic equivalent');
}

/** A user / system / developer message's content -> blocks (system: text only). */
function userBlocks(content: unknown, path: JsonPath, st: InputState, textOnly: boolean): JsonObject[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid('content must be a string or an array of parts', path);
  const out: JsonObject[] = [];
  for (let i = 0; i < content.length; i++) {
    const part: unknown = content[i];
    if (textOnly && !(isRecord(part) && part.type === 'input_text')) {
      st.losses.add(childPath(path, i), 'Anthropic system prompts are text only');
      continue;
    }
    const b = convertInputPart(part, path, i, st);
    if (b) out.push(b);
  }
  return out;
}

function assistantBlocks(content: unknown, path: JsonPath, st: InputState): JsonObject[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalid('content must be a string or an array of parts', path);
  const out: JsonObject[] = [];
  for (let i = 0; i < content.length; i++) {
    const part: unknown = content[i];
    const pp = childPath(path, i);
    if (!isRecord(part)) throw invalid('content part must be an object', pp);
    if (part.type === 'output_text') {
      st.losses.unknownKeys(part, OUTPUT_TEXT_KEYS, pp);
      if (Array.isArray(part.annotations) && part.annotations.length > 0)
        st.losses.add(childPath(pp, 'annotations'), 'annotations in the history have no Anthropic request equivalent');
      const text = requireString(part.text, pp, 'text');
      if (text !== '') out.push({ type: 'text', text });
    } else if (part.type === 'refusal') {
      out.push({ type: 'text', text: requireString(part.refusal, pp, 'refusal') });
      st.losses.add(pp, 'refusal parts are carried as plain text');
    } else if (part.type === 'input_text') {
      // not valid Responses (the API refuses it), but clients send it: carried as the text it is
      const b = convertInputText(part, path, i, st);
      if (b.text !== '') out.push(b);
    } else {
      throw invalid('assistant content parts must be output_text or refusal', childPath(pp, 'type'));
    }
  }
  return out;
}

/** A tool output (string or parts) -> a `tool_result` block. */
function toolResult(item: JsonObject, path: JsonPath, st: InputState): JsonObject {
  const id = requireString(item.call_id, path, 'call_id');
  const out = item.output;
  let isError = false;
  let content: string | JsonObject[];
  if (typeof out === 'string') {
    content = out;
    if (content.startsWith(TOOL_ERROR_PREFIX)) {
      isError = true;
      content = content.slice(TOOL_ERROR_PREFIX.length);
    }
  } else if (Array.isArray(out)) {
    const op = childPath(path, 'output');
    const blocks: JsonObject[] = [];
    for (let i = 0; i < out.length; i++) {
      const b = convertInputPart(out[i], op, i, st);
      if (b) blocks.push(b);
    }
    const first = blocks[0];
    if (first?.type === 'text' && typeof first.text === 'string' && first.text.startsWith(TOOL_ERROR_PREFIX)) {
      isError = true;
      const rest = first.text.slice(TOOL_ERROR_PREFIX.length);
      if (rest === '') blocks.shift();
      else blocks[0] = { ...first, text: rest };
    } else if (first?.type === 'text' && first.text === TOOL_ERROR_PREFIX.trimEnd()) {
      isError = true;
      blocks.shift();
    }
    content = blocks;
  } else {
    throw invalid('output must be a string or an array of parts', childPath(path, 'output'));
  }
  const block: JsonObject = { type: 'tool_result', tool_use_id: id, content };
  if (isError) block.is_error = true;
  return block;
}

function functionCall(item: JsonObject, i: number, st: InputState): JsonObject {
  const p = itemPath(i);
  st.losses.unknownKeys(item, CALL_KEYS, p);
  callerLoss(item, p, st);
  const namespace = typeof item.namespace === 'string' ? item.namespace : undefined;
  const name = st.names.toTarget(qualifiedName(requireString(item.name, p, 'name'), namespace));
  const input = parseToolArguments(item.arguments, childPath(p, 'arguments'), st.losses);
  return { type: 'tool_use', id: requireString(item.call_id, p, 'call_id'), name, input };
}

function customToolCall(item: JsonObject, i: number, st: InputState): JsonObject {
  const p = itemPath(i);
  st.losses.unknownKeys(item, CUSTOM_CALL_KEYS, p);
  callerLoss(item, p, st);
  const namespace = typeof item.namespace === 'string' ? item.namespace : undefined;
  const name = st.names.toTarget(qualifiedName(requireString(item.name, p, 'name'), namespace));
  const input = requireString(item.input, p, 'input');
  return {
    type: 'tool_use',
    id: requireString(item.call_id, p, 'call_id'),
    name,
    input: { [CUSTOM_INPUT_KEY]: input },
  };
}

function reasoning(item: JsonObject, i: number, st: InputState): JsonObject | undefined {
  const p = itemPath(i);
  st.losses.unknownKeys(item, REASONING_KEYS, p);
  const block = blockForReplayedReasoning(item);
  if (!block) st.losses.add(p, 'a reasoning item without encrypted_content cannot be replayed to Anthropic');
  return block;
}

/** Anthropic wants a user turn's tool_result blocks before any other block: stable partition when needed. */
function resultsFirst(blocks: JsonObject[]): JsonObject[] {
  let seenOther = false;
  for (const b of blocks) {
    if (b.type !== 'tool_result') seenOther = true;
    else if (seenOther)
      return blocks.filter((x) => x.type === 'tool_result').concat(blocks.filter((x) => x.type !== 'tool_result'));
  }
  return blocks;
}

function systemOf(parts: Array<{ text: string | undefined; blocks: JsonObject[] }>): string | JsonObject[] | undefined {
  if (parts.length === 0) return undefined;
  const only = parts[0]!;
  if (parts.length === 1 && only.text !== undefined) return only.text;
  return parts.flatMap((p) => p.blocks);
}

export function convertInputToAnthropic(instructions: unknown, input: unknown, st: InputState): AnthropicConversation {
  const system: Array<{ text: string | undefined; blocks: JsonObject[] }> = [];
  if (instructions !== undefined && instructions !== null) {
    if (typeof instructions !== 'string') throw invalid('instructions must be a string', 'instructions');
    if (isBlank(instructions)) {
      if (instructions !== '') st.losses.add('instructions', BLANK_TEXT_LOSS);
    } else system.push({ text: instructions, blocks: [{ type: 'text', text: instructions }] });
  }
  const turns: Turn[] = [];
  const additionalTools: AnthropicConversation['additionalTools'] = [];
  if (typeof input === 'string') {
    if (isBlank(input)) throw invalid('input is whitespace only: Anthropic refuses blank text', 'input');
    turns.push({ role: 'user', blocks: [{ type: 'text', text: input }], text: input });
  } else if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) convertItem(input[i], i, st, system, turns, additionalTools);
  } else if (input !== undefined && input !== null) {
    throw invalid('input must be a string or an array of items', 'input');
  }
  const messages: JsonObject[] = [];
  for (const t of turns) {
    if (t.blocks.length === 0 && t.role === 'user' && t.blank !== undefined)
      throw new TranslationError(
        'invalid_input',
        'this user message is whitespace only: Anthropic refuses blank text, and leaving the message out would change the conversation (it is the whole user turn)',
        { path: t.blank },
      );
    if (t.blocks.length === 0) continue;
    const content =
      t.text !== undefined && t.blocks.length === 1 ? t.text : t.role === 'user' ? resultsFirst(t.blocks) : t.blocks;
    messages.push({ role: t.role, content });
  }
  const out: AnthropicConversation = { messages, additionalTools };
  const s = systemOf(system);
  if (s !== undefined) out.system = s;
  return out;
}

function convertItem(
  raw: unknown,
  i: number,
  st: InputState,
  system: Array<{ text: string | undefined; blocks: JsonObject[] }>,
  turns: Turn[],
  additionalTools: AnthropicConversation['additionalTools'],
): void {
  const p = itemPath(i);
  if (!isRecord(raw)) throw invalid('input item must be an object', p);
  const item = raw;
  const type = item.type;
  if ((type === undefined || type === null) && item.role === undefined && item.id !== undefined) {
    throw new TranslationError(
      'unsupported',
      'item_reference names an item stored by the server; a stateless translation cannot resolve it: send the item itself',
      { path: p },
    );
  }
  if (type === undefined || type === 'message') {
    st.losses.unknownKeys(item, MESSAGE_KEYS, p);
    if (item.phase !== undefined && item.phase !== null)
      st.losses.add(childPath(p, 'phase'), 'message phase has no Anthropic equivalent');
    const cp = childPath(p, 'content');
    const text = typeof item.content === 'string' ? item.content : undefined;
    switch (item.role) {
      case 'user':
        pushMessage(turns, 'user', userBlocks(item.content, cp, st, false), text, item, p, st);
        return;
      case 'system':
      case 'developer': {
        const blocks = userBlocks(item.content, cp, st, true);
        if (turns.length === 0) {
          const kept = sendableBlocks(blocks, item.content, cp, st);
          if (kept.length > 0)
            system.push({ text: kept.length === 1 && kept[0] === blocks[0] ? text : undefined, blocks: kept });
        } else pushMessage(turns, 'system', blocks, text, item, p, st);
        return;
      }
      case 'assistant':
        pushMessage(
          turns,
          'assistant',
          assistantBlocks(item.content, cp, st),
          text === '' ? undefined : text,
          item,
          p,
          st,
        );
        return;
      default:
        throw invalid('role must be user, assistant, system or developer', childPath(p, 'role'));
    }
  }
  switch (type) {
    case 'function_call':
      pushBlocks(turns, 'assistant', [functionCall(item, i, st)]);
      return;
    case 'custom_tool_call':
      pushBlocks(turns, 'assistant', [customToolCall(item, i, st)]);
      return;
    case 'function_call_output':
    case 'custom_tool_call_output':
      st.losses.unknownKeys(item, OUTPUT_KEYS, p);
      callerLoss(item, p, st);
      pushBlocks(turns, 'user', [toolResult(item, p, st)]);
      return;
    case 'reasoning': {
      const b = reasoning(item, i, st);
      if (b) pushBlocks(turns, 'assistant', [b]);
      return;
    }
    case 'additional_tools': {
      st.losses.unknownKeys(item, ADDITIONAL_TOOLS_KEYS, p);
      if (!Array.isArray(item.tools)) throw invalid('additional_tools needs a tools array', childPath(p, 'tools'));
      const tp = childPath(p, 'tools');
      item.tools.forEach((tool, j) => {
        additionalTools.push({ tool, path: childPath(tp, j) });
      });
      return;
    }
    case 'item_reference':
      throw new TranslationError(
        'unsupported',
        'item_reference names an item stored by the server; a stateless translation cannot resolve it: send the item itself',
        { path: p },
      );
    default:
      if (typeof type !== 'string') throw invalid('input item needs a string type', childPath(p, 'type'));
      st.losses.add(p, `input item type ${JSON.stringify(type)} has no Anthropic equivalent`);
  }
}
