import { encodeChat } from 'gpt-tokenizer';

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
 * tool definitions as JSON. Images, audio and files are not counted. An estimate, not a bill.
 */
export function estimateOpenAIPromptTokens(body: Record<string, unknown>): number {
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
