import { childPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import type { ConverseBlock } from './convert-content-to-converse.js';

/** One Anthropic message after its blocks were converted (`content` may be empty: every block was lost). */
export interface ConvertedMessage {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
  /** its index in the Anthropic `messages` */
  index: number;
  /** its Anthropic `content`, to name what was left out */
  source: unknown;
}

export interface ConverseMessage {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
}

interface Turn {
  role: 'user' | 'assistant';
  content: ConverseBlock[];
  messages: ConvertedMessage[];
}

const NOTE_PREFIX = '[omitted: ';

/**
 * The text sent in place of a user turn none of whose blocks Converse can carry, where Converse still needs a
 * user turn: `[omitted: image https://…, document]` (each block by its type, and its URL when it has one).
 */
export function omissionNote(messages: readonly ConvertedMessage[]): string {
  const parts: string[] = [];
  for (const m of messages) {
    if (typeof m.source === 'string') parts.push('text');
    if (!Array.isArray(m.source)) continue;
    for (const b of m.source) {
      if (!isRecord(b)) continue;
      const type = typeof b.type === 'string' ? b.type : 'block';
      const url =
        isRecord(b.source) && b.source.type === 'url' && typeof b.source.url === 'string' ? b.source.url : undefined;
      parts.push(url === undefined ? type : `${type} ${url}`);
    }
  }
  return `${NOTE_PREFIX}${parts.join(', ')}]`;
}

/** Is `text` a note `arrangeConverseTurns` put in place of a turn it could not send? */
export function isOmissionNote(text: string): boolean {
  return text.startsWith(NOTE_PREFIX) && text.endsWith(']');
}

const hasContent = (m: ConvertedMessage) => m.content.length > 0;

/** Messages none of which is empty -> Converse messages, consecutive turns of one role merged (the common case). */
function mergedMessages(messages: readonly ConvertedMessage[]): ConverseMessage[] {
  const out: ConverseMessage[] = [];
  let owned = false;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    const last = out[out.length - 1];
    if (last === undefined || last.role !== m.role) {
      out.push({ role: m.role, content: m.content });
      owned = false;
    } else {
      // the first merge copies, so no message's own list is changed
      if (!owned) last.content = last.content.slice();
      owned = true;
      for (let j = 0; j < m.content.length; j++) last.content.push(m.content[j]!);
    }
  }
  return out;
}

function merged(turns: readonly Turn[]): Turn[] {
  const out: Turn[] = [];
  for (const t of turns) {
    const last = out[out.length - 1];
    if (last && last.role === t.role)
      out[out.length - 1] = {
        role: t.role,
        content: [...last.content, ...t.content],
        messages: [...last.messages, ...t.messages],
      };
    else out.push(t);
  }
  return out;
}

/**
 * Converted Anthropic messages -> Converse messages: consecutive turns of one role merge (Converse requires
 * alternation), and a turn left with no blocks (each one was lost, e.g. only URL images), which Converse refuses
 * ("The content field in the Message object is empty."), is not sent: its neighbours merge, and each of its
 * messages is reported at `messages[i]`. Only where Converse still needs a user turn, because the conversation
 * began or ended with the emptied user turn and nothing else takes its place, is it sent as one text block, a note
 * naming what was left out (`omissionNote`), reported at `messages[i]` too; assistant turns never get one.
 */
export function arrangeConverseTurns(converted: readonly ConvertedMessage[], losses: LossCollector): ConverseMessage[] {
  if (converted.every(hasContent)) return mergedMessages(converted);
  const turns = merged(converted.map((m) => ({ role: m.role, content: m.content, messages: [m] })));
  let kept = merged(turns.filter((t) => t.content.length > 0));
  const first = turns[0];
  const last = turns[turns.length - 1];
  const noted = new Set<Turn>();
  const note = (t: Turn): Turn => {
    noted.add(t);
    return { ...t, content: [{ text: omissionNote(t.messages) }] };
  };
  if (first && first.role === 'user' && first.content.length === 0 && kept[0]?.role !== 'user')
    kept = [note(first), ...kept];
  if (
    last &&
    last !== first &&
    last.role === 'user' &&
    last.content.length === 0 &&
    kept[kept.length - 1]?.role !== 'user'
  )
    kept = [...kept, note(last)];
  for (const t of turns) {
    if (t.content.length > 0) continue;
    const reason = noted.has(t)
      ? 'nothing in this turn can be sent to Converse, which needs a user turn here: it is sent as a text note naming what is left out'
      : 'nothing in this turn can be sent to Converse, which refuses empty messages: the turn is left out (the turns around it merge)';
    for (const m of t.messages) losses.add(childPath('messages', m.index), reason);
  }
  return kept.map((t) => ({ role: t.role, content: t.content }));
}
