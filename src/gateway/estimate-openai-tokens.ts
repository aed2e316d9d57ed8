/** What the estimate uses of gpt-tokenizer (its default encoding, o200k_base). */
interface Tokenizer {
  encodeChat(chat: ChatMessage[], model: 'gpt-4o'): ArrayLike<number>;
}

/** `gpt-tokenizer` is an optional peer dependency: the estimate needs it, nothing else does. */
export const TOKENIZER_PACKAGE = 'gpt-tokenizer';

/** The OpenAI estimate was asked for and `gpt-tokenizer` is not installed. */
export class TokenizerUnavailableError extends Error {
  override readonly name = 'TokenizerUnavailableError';
}

let tokenizer: Promise<Tokenizer> | undefined;

/**
 * The tokenizer, loaded on first use (it weighs megabytes). The specifier is a variable so that bundlers leave the
 * import to run time instead of failing on (or bundling) a package most users of the gateway do not install.
 */
function loadTokenizer(): Promise<Tokenizer> {
  const name: string = TOKENIZER_PACKAGE;
  tokenizer ??= (import(name) as Promise<Tokenizer>).catch((e: unknown) => {
    tokenizer = undefined;
    throw new TokenizerUnavailableError(
      `estimating OpenAI prompt tokens needs the optional dependency ${TOKENIZER_PACKAGE} (npm install ${TOKENIZER_PACKAGE}): ${e instanceof Error ? e.message : String(e)}`,
    );
  });
  return tokenizer;
}

interface ChatMessage {
  role: string;
  content: string;
}

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (typeof part !== 'object' || part === null) return '';
  const p = part as Record<string, unknown>;
  if (typeof p.text === 'string') return p.text;
  if (typeof p.refusal === 'string') return p.refusal;
  return '';
}

function messageText(m: Record<string, unknown>): string {
  const c = m.content;
  let text = typeof c === 'string' ? c : Array.isArray(c) ? c.map(partText).join('') : '';
  if (Array.isArray(m.tool_calls)) text += JSON.stringify(m.tool_calls);
  return text;
}

/**
 * Estimate the prompt tokens of an OpenAI Chat Completions request with the o200k_base
 * tokenizer (gpt-4o and later): every message's text with the chat-template overhead, plus the
 * tool definitions as JSON. Images, audio and files are not counted. An estimate, not a bill. Rejects with
 * `TokenizerUnavailableError` when gpt-tokenizer is not installed.
 */
export async function estimateOpenAIPromptTokens(body: Record<string, unknown>): Promise<number> {
  const { encodeChat } = await loadTokenizer();
  const chat: ChatMessage[] = [];
  if (Array.isArray(body.tools) && body.tools.length > 0)
    chat.push({ role: 'system', content: JSON.stringify(body.tools) });
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (typeof m !== 'object' || m === null) continue;
      const r = m as Record<string, unknown>;
      chat.push({ role: typeof r.role === 'string' ? r.role : 'user', content: messageText(r) });
    }
  }
  return encodeChat(chat, 'gpt-4o').length;
}
