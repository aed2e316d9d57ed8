import { isBlank } from '../../../src/core/blank-text.js';
import { isRecord } from '../../../src/core/narrow.js';
import type { RequestValidator, RuleViolation } from '../mock-types.js';
import { checkConverseMedia } from './check-converse-media.js';

/** Bedrock's words for blank text (docs/wire-formats.md#bedrock-converse-request). */
const blank = (object: string, at: string) =>
  `The text field in the ${object} object at ${at} is blank. Add text to the text field, and try again.`;

/**
 * Converse's own rules: roles alternate starting with user; content is not empty; no text block (in messages or
 * `system`) is blank; tool blocks in the history need a toolConfig.
 */
export function checkConverseRules(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (messages.length === 0) out.push({ path: 'messages', message: 'A conversation must start with a user message.' });
  let prev: unknown;
  let hasToolBlocks = false;
  messages.forEach((m, i) => {
    if (!isRecord(m)) return;
    if (i === 0 && m.role !== 'user')
      out.push({ path: 'messages[0].role', message: 'A conversation must start with a user message.' });
    if (m.role === prev)
      out.push({
        path: `messages[${i}].role`,
        message: 'A conversation must alternate between user and assistant roles.',
      });
    prev = m.role;
    if (!Array.isArray(m.content) || m.content.length === 0)
      out.push({ path: `messages[${i}].content`, message: 'The content field in the Message object is empty.' });
    else {
      if (m.content.some((b) => isRecord(b) && (b.toolUse !== undefined || b.toolResult !== undefined)))
        hasToolBlocks = true;
      m.content.forEach((b, j) => {
        if (isRecord(b) && typeof b.text === 'string' && isBlank(b.text))
          out.push({
            path: `messages[${i}].content[${j}].text`,
            message: blank('ContentBlock', `messages.${i}.content.${j}`),
          });
      });
    }
  });
  if (Array.isArray(body.system))
    body.system.forEach((b, k) => {
      if (isRecord(b) && typeof b.text === 'string' && isBlank(b.text))
        out.push({ path: `system[${k}].text`, message: blank('SystemContentBlock', `system.${k}`) });
    });
  if (hasToolBlocks && !isRecord(body.toolConfig))
    out.push({
      path: 'toolConfig',
      message: 'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    });
  out.push(...checkConverseMedia(body));
  return out;
}

/**
 * A Converse request as the strict mock checks it: the spec (`validate('bedrock-converse', …)`), then Converse's
 * rules. `at` prefixes the paths (a request nested in a CountTokens request).
 */
export function checkConverseRequest(
  body: Record<string, unknown>,
  validate: RequestValidator,
  at = '',
): RuleViolation[] {
  const path = (p: string) => (at === '' ? p : p === '' ? at : `${at}.${p}`);
  const spec = validate('bedrock-converse', body);
  const specViolations = spec.ok
    ? []
    : spec.errors.map((e) => ({ path: path(e.path), message: `${path(e.path)}: ${e.message}` }));
  return [...specViolations, ...checkConverseRules(body).map((v) => ({ ...v, path: path(v.path) }))];
}
