/**
 * Test support (not part of the public API): feed wire bytes to the official SDKs through a custom
 * `fetch` (docs/wire-formats.md#sdk-feeding) and get what they accumulate; fold an OpenAI chunk stream, crosswire
 * extensions included, into the `chat.completion` it describes.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { isRecord } from '../../src/core/narrow.js';

function fakeFetch(body: Uint8Array | string): typeof fetch {
  return async () =>
    new Response(typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]), {
      status: 200,
      headers: { 'content-type': 'text/event-stream', 'request-id': 'req_test' },
    });
}

/** What `client.messages.stream(...).finalMessage()` makes of these bytes. */
export async function anthropicSDKFinalMessage(bytes: Uint8Array | string): Promise<Record<string, unknown>> {
  const client = new Anthropic({ apiKey: 'k', baseURL: 'http://fake.local', fetch: fakeFetch(bytes), maxRetries: 0 });
  const stream = client.messages.stream({ model: 'm', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
  const message = await stream.finalMessage();
  return JSON.parse(JSON.stringify(message)) as Record<string, unknown>;
}

/** What `client.chat.completions.stream(...).finalChatCompletion()` makes of these bytes. */
export async function openaiSDKFinalCompletion(bytes: Uint8Array | string): Promise<Record<string, unknown>> {
  const client = new OpenAI({ apiKey: 'k', baseURL: 'http://fake.local/v1', fetch: fakeFetch(bytes), maxRetries: 0 });
  const stream = client.chat.completions.stream({
    model: 'm',
    messages: [{ role: 'user', content: 'hi' }],
    stream_options: { include_usage: true },
  });
  const completion = await stream.finalChatCompletion();
  return JSON.parse(JSON.stringify(completion)) as Record<string, unknown>;
}

/**
 * Fold OpenAI chunks (choice 0) into a `chat.completion`, extensions included: `reasoning_content` /
 * `reasoning` concatenated (and typed `content` parts: text to content, thinking to reasoning), `content_blocks` increments merged per block index, `annotations`
 * appended, the choice's `stop_sequence`, usage from `usage` or Groq's `x_groq.usage`.
 */
export function foldOpenAIStream(events: readonly unknown[]): Record<string, unknown> {
  let head: Record<string, unknown> | undefined;
  let content: string | null = null;
  let refusal: string | null = null;
  let reasoning = '';
  let reasoningKey: 'reasoning_content' | 'reasoning' | undefined;
  const blocks = new Map<number, Record<string, unknown>>();
  const annotations: unknown[] = [];
  const calls: { id?: string; name: string; args: string }[] = [];
  let finish: unknown = null;
  let stopSequence: unknown;
  let usage: unknown;
  for (const e of events) {
    if (!isRecord(e)) continue;
    head ??= { id: e.id, created: e.created, model: e.model };
    const u = isRecord(e.usage) ? e.usage : isRecord(e.x_groq) && isRecord(e.x_groq.usage) ? e.x_groq.usage : undefined;
    if (u) usage = u;
    for (const c of Array.isArray(e.choices) ? e.choices : []) {
      if (!isRecord(c) || (c.index ?? 0) !== 0) continue;
      if (c.finish_reason !== null && c.finish_reason !== undefined) finish = c.finish_reason;
      if (c.stop_sequence !== undefined) stopSequence = c.stop_sequence;
      const d = isRecord(c.delta) ? c.delta : {};
      if (typeof d.content === 'string' && d.content !== '') content = (content ?? '') + d.content;
      // typed parts (Mistral reasoning models): text parts are content, thinking parts reasoning
      for (const p of Array.isArray(d.content) ? d.content : []) {
        if (isRecord(p) && p.type === 'text' && typeof p.text === 'string') content = (content ?? '') + p.text;
        if (isRecord(p) && p.type === 'thinking')
          for (const t of Array.isArray(p.thinking) ? p.thinking : [p.thinking]) {
            const text = isRecord(t) ? t.text : t;
            if (typeof text !== 'string') continue;
            reasoning += text;
            reasoningKey ??= 'reasoning_content';
          }
      }
      if (typeof d.refusal === 'string' && d.refusal !== '') refusal = (refusal ?? '') + d.refusal;
      if (Array.isArray(d.content_blocks)) {
        for (const cb of d.content_blocks) {
          if (!isRecord(cb) || typeof cb.index !== 'number' || !isRecord(cb.delta)) continue;
          const x = cb.delta;
          let b = blocks.get(cb.index);
          if (!b) {
            b =
              typeof x.data === 'string'
                ? { type: 'redacted_thinking', data: '' }
                : typeof x.text === 'string'
                  ? { type: 'text', text: '' }
                  : { type: 'thinking', thinking: '' };
            blocks.set(cb.index, b);
          }
          for (const k of ['thinking', 'text', 'data'] as const)
            if (typeof x[k] === 'string') b[k] = String(b[k] ?? '') + x[k];
          if (typeof x.signature === 'string') b.signature = x.signature;
        }
      } else {
        for (const k of ['reasoning_content', 'reasoning'] as const) {
          if (typeof d[k] === 'string') {
            reasoning += d[k];
            reasoningKey ??= k;
          }
        }
      }
      if (Array.isArray(d.annotations)) annotations.push(...d.annotations);
      for (const tc of Array.isArray(d.tool_calls) ? d.tool_calls : []) {
        if (!isRecord(tc)) continue;
        const f = isRecord(tc.function) ? tc.function : {};
        const id = typeof tc.id === 'string' && tc.id !== '' ? tc.id : undefined;
        // without `index` (Gemini, vLLM): the call with that id, else a new call when named or newly id'd, else the last one
        let index =
          typeof tc.index === 'number'
            ? tc.index
            : calls.findIndex((c) => c !== undefined && id !== undefined && c.id === id);
        if (index < 0)
          index =
            id !== undefined || (typeof f.name === 'string' && f.name !== '') || calls.length === 0
              ? calls.length
              : calls.length - 1;
        const call = calls[index] ?? { name: '', args: '' };
        calls[index] = call;
        if (id !== undefined && call.id === undefined) call.id = id;
        if (typeof f.name === 'string' && call.name === '') call.name = f.name;
        if (typeof f.arguments === 'string') call.args += f.arguments;
      }
    }
  }
  const message: Record<string, unknown> = { role: 'assistant', content, refusal };
  if (blocks.size > 0) {
    // text blocks are mirrored in content; keep them out so content stays the one text source
    message.content_blocks = [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([, b]) => b);
  } else if (reasoningKey) message[reasoningKey] = reasoning;
  if (annotations.length > 0) message.annotations = annotations;
  const toolCalls = calls
    .filter((c) => c !== undefined)
    .map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.args } }));
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const choice: Record<string, unknown> = { index: 0, message, logprobs: null, finish_reason: finish };
  if (stopSequence !== undefined) choice.stop_sequence = stopSequence;
  const out: Record<string, unknown> = { ...head, object: 'chat.completion', choices: [choice] };
  if (usage !== undefined) out.usage = usage;
  return out;
}
