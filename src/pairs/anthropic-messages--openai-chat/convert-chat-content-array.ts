import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';

/**
 * A response `message.content` given as an array, as Mistral's reasoning models send it:
 * `[{type:'thinking', thinking:[{type:'text', text}]}, {type:'text', text}]`. Returns the joined
 * thinking and text; other part types, and thinking items that are not text, are losses.
 */
export function readChatContentArray(
  parts: readonly unknown[],
  path: JsonPath,
  losses: LossCollector,
): { thinking: string; text: string } {
  let thinking = '';
  let text = '';
  const report = (at: string, reason: string): void => losses.add(at, reason);
  parts.forEach((p, i) => {
    const pp = childPath(path, i);
    if (!isRecord(p)) throw new TranslationError('invalid_input', 'content part must be an object', { path: pp });
    if (p.type === 'text' && typeof p.text === 'string') text += p.text;
    else if (p.type === 'thinking') thinking += readThinkingPart(p.thinking, childPath(pp, 'thinking'), report);
    else losses.add(pp, `content part type ${JSON.stringify(p.type)} is not carried`);
  });
  return { thinking, text };
}

/**
 * The text of a `thinking` content part: a string, or a list of `{type: "text", text}` items (Mistral); any
 * other item, or another value, is reported through `report` and left out.
 */
export function readThinkingPart(
  value: unknown,
  path: JsonPath,
  report: (path: string, reason: string) => void,
): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) {
    report(path, 'a thinking part without text is not carried');
    return '';
  }
  let out = '';
  value.forEach((item, j) => {
    if (isRecord(item) && item.type === 'text' && typeof item.text === 'string') out += item.text;
    else report(childPath(path, j), 'a thinking item that is not text is not carried');
  });
  return out;
}
