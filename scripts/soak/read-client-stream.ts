/**
 * What a client of the gateway saw: the streamed text, whether the stream ended with its terminal event,
 * and the error (HTTP error in the client's shape, or the stream's error event), for Anthropic and OpenAI clients.
 */
import { parseSSE } from '../../src/wire/sse/parse-sse.js';

export type SoakClient = 'anthropic-messages' | 'openai-chat';

export interface ClientOutcome {
  status: number;
  text: string;
  /** `message_stop` / `[DONE]` seen */
  terminal: boolean;
  /** the error the client saw, in its own shape (HTTP error body or stream error event) */
  error: { type: string; message: string } | undefined;
  /** the body did not parse as the client format at all, or the connection broke */
  broken: string | undefined;
  bytes: number;
}

function errorOf(format: SoakClient, value: unknown): { type: string; message: string } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as { type?: unknown; error?: { type?: unknown; message?: unknown } };
  if (format === 'anthropic-messages' && v.type !== 'error') return undefined;
  if (typeof v.error !== 'object' || v.error === null) return undefined;
  if (typeof v.error.type !== 'string' || typeof v.error.message !== 'string') return undefined;
  return { type: v.error.type, message: v.error.message };
}

/** Read a gateway response to the end and classify it. */
export async function readClientStream(format: SoakClient, res: Response): Promise<ClientOutcome> {
  const out: ClientOutcome = {
    status: res.status,
    text: '',
    terminal: false,
    error: undefined,
    broken: undefined,
    bytes: 0,
  };
  let body: string;
  try {
    const buf = new Uint8Array(await res.arrayBuffer());
    out.bytes = buf.byteLength;
    body = new TextDecoder().decode(buf);
  } catch (e) {
    out.broken = `body read failed: ${e instanceof Error ? e.message : String(e)}`;
    return out;
  }
  if (res.status !== 200) {
    try {
      out.error = errorOf(format, JSON.parse(body));
    } catch {
      // not JSON
    }
    if (!out.error) out.broken = `HTTP ${res.status} without an error body in the client shape`;
    return out;
  }
  const { messages } = parseSSE(body);
  for (const m of messages) {
    if (out.terminal || out.error) {
      out.broken = 'data after the end of the stream';
      break;
    }
    if (format === 'openai-chat' && m.data === '[DONE]') {
      out.terminal = true;
      continue;
    }
    let event: unknown;
    try {
      event = JSON.parse(m.data);
    } catch {
      out.broken = 'a stream message that is not JSON';
      break;
    }
    const err = errorOf(format, event);
    if (err) {
      out.error = err;
      continue;
    }
    if (format === 'anthropic-messages') {
      const e = event as { type?: string; delta?: { type?: string; text?: string } };
      if (e.type === 'message_stop') out.terminal = true;
      else if (e.type === 'content_block_delta' && e.delta?.type === 'text_delta') out.text += e.delta.text ?? '';
    } else {
      const c = event as { choices?: { delta?: { content?: string | null } }[] };
      out.text += c.choices?.[0]?.delta?.content ?? '';
    }
  }
  return out;
}
