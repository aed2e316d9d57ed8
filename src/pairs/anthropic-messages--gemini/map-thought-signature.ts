import { base64ToUtf8, utf8ToBase64 } from '../../wire/data-url.js';

/**
 * The `thoughtSignature` a Gemini client gets for an Anthropic thinking block, and the block it stands for when the
 * client replays it (docs/providers.md, "Thought signatures").
 *
 * Anthropic wants a replayed thinking block's text with its signature, byte for byte; Gemini clients (Gemini CLI,
 * `@google/genai`) replay only the `thoughtSignature` and may drop the thought parts. So the signature a Gemini client
 * gets carries the whole block: base64 of `anthropic-thinking\n<signature>\n<thinking text>` (Anthropic signatures
 * are base64, without a newline), or of `anthropic-redacted-thinking\n<data>` for a `redacted_thinking` block. A
 * signature that does not decode to one of these (a real Gemini signature) is taken as it is.
 */

const THINKING_MARK = 'anthropic-thinking\n';
const REDACTED_MARK = 'anthropic-redacted-thinking\n';

export type SignedThinking =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/**
 * The `thoughtSignature` for an Anthropic thinking block ('' when it has no signature: none is invented). A
 * signature with a newline (never Anthropic's) is handed over as it is.
 */
export function thoughtSignatureFor(block: SignedThinking): string {
  if (block.type === 'redacted_thinking') return utf8ToBase64(REDACTED_MARK + block.data);
  if (block.signature === '' || block.signature.includes('\n')) return block.signature;
  return utf8ToBase64(`${THINKING_MARK}${block.signature}\n${block.thinking}`);
}

/** The Anthropic block a `thoughtSignature` made by `thoughtSignatureFor` stands for; undefined for any other. */
export function thinkingForThoughtSignature(sig: string): SignedThinking | undefined {
  if (!sig.startsWith('YW50aHJvcGlj')) return undefined; // base64 of "anthropic": Gemini's own are not decoded
  const text = base64ToUtf8(sig);
  if (text === undefined) return undefined;
  if (text.startsWith(REDACTED_MARK)) return { type: 'redacted_thinking', data: text.slice(REDACTED_MARK.length) };
  if (!text.startsWith(THINKING_MARK)) return undefined;
  const rest = text.slice(THINKING_MARK.length);
  const at = rest.indexOf('\n');
  if (at <= 0) return undefined;
  return { type: 'thinking', thinking: rest.slice(at + 1), signature: rest.slice(0, at) };
}
