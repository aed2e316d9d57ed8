import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';

/**
 * A response `message.content` given as an array, as Mistral's reasoning models send it:
 * `[{type:'thinking', thinking:[{type:'text', text}]}, {type:'text', text}]`. Returns the joined
 * thinking and text; other part types are losses.
 */
export function readChatContentArray(
  parts: readonly unknown[],
  path: JsonPath,
  losses: LossCollector,
): { thinking: string; text: string } {
  let thinking = '';
  let text = '';
  parts.forEach((p, i) => {
    const pp = childPath(path, i);
    if (!isRecord(p)) throw new TranslationError('invalid_input', 'content part must be an object', { path: pp });
    if (p.type === 'text' && typeof p.text === 'string') text += p.text;
    else if (p.type === 'thinking' && typeof p.thinking === 'string') thinking += p.thinking;
    else if (p.type === 'thinking' && Array.isArray(p.thinking)) {
      for (const t of p.thinking) if (isRecord(t) && typeof t.text === 'string') thinking += t.text;
    } else losses.add(pp, `content part type ${JSON.stringify(p.type)} is not carried`);
  });
  return { thinking, text };
}
