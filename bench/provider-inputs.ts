import { encodeConverseEvent } from '../src/formats/bedrock-converse/codec.js';
import { translateRequest } from '../src/index.js';
import { encodeSSEData } from '../src/wire/sse/encode-sse.js';
import { anthropicRequest, type Size, words } from './inputs.js';

/**
 * Provider-format benchmark inputs (Gemini, Bedrock Converse). Requests are the Messages inputs translated
 * once at setup (outside every timed part); streams are built directly in each format, with the same
 * shape as the Messages stream (text deltas, then one tool call), so the event count is exact.
 */

/** The model a Gemini or Converse request names in its URL, passed as `options.model` on the way back. */
export const PROVIDER_MODEL = 'claude-sonnet-4-5';

/** The Messages request of `size` translated once to `format`, as JSON text. */
export function providerRequestText(format: 'gemini' | 'bedrock-converse', size: Size): string {
  return JSON.stringify(translateRequest('anthropic-messages', format, anthropicRequest(size)).body);
}

/** Gemini `streamGenerateContent?alt=sse` chunks: text deltas, then one chunk with the function call, finish and usage. */
export function geminiStreamChunks(total: number): Record<string, unknown>[] {
  const base = { modelVersion: 'gemini-2.5-flash', responseId: 'bench-stream' };
  const chunks: Record<string, unknown>[] = [];
  for (let i = 0; i < total - 1; i++) {
    chunks.push({
      candidates: [{ content: { role: 'model', parts: [{ text: `${words(i, 3)} ` }] }, index: 0 }],
      usageMetadata: { promptTokenCount: 1200, totalTokenCount: 1200 },
      ...base,
    });
  }
  chunks.push({
    candidates: [
      {
        content: {
          role: 'model',
          parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris', unit: 'c' } } }],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ],
    usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: total, totalTokenCount: 1200 + total },
    ...base,
  });
  return chunks;
}

export function geminiSSE(chunks: Record<string, unknown>[]): string {
  return chunks.map((c) => encodeSSEData(c)).join('');
}

/** ConverseStream events (`{ <eventType>: payload }`): messageStart, a text block, a tool block in fragments, messageStop, metadata. */
export function converseStreamEvents(total: number): Record<string, Record<string, unknown>>[] {
  const events: Record<string, Record<string, unknown>>[] = [];
  const toolDeltas = Math.max(2, Math.floor(total * 0.1));
  const textDeltas = Math.max(1, total - toolDeltas - 6);
  events.push({ messageStart: { role: 'assistant' } });
  for (let i = 0; i < textDeltas; i++)
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `${words(i, 3)} ` } } });
  events.push({ contentBlockStop: { contentBlockIndex: 0 } });
  events.push({
    contentBlockStart: {
      contentBlockIndex: 1,
      start: { toolUse: { toolUseId: 'tooluse_bench', name: 'get_weather' } },
    },
  });
  events.push({ contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":"' } } } });
  for (let i = 0; i < toolDeltas - 2; i++)
    events.push({ contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: 'Pa' } } } });
  events.push({ contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '"}' } } } });
  events.push({ contentBlockStop: { contentBlockIndex: 1 } });
  events.push({ messageStop: { stopReason: 'tool_use' } });
  events.push({
    metadata: {
      usage: { inputTokens: 1200, outputTokens: total, totalTokens: 1200 + total },
      metrics: { latencyMs: 900 },
    },
  });
  return events;
}

/** Event-stream wire bytes for Converse events, framed by the library's Converse codec. */
export function converseFrames(events: Record<string, Record<string, unknown>>[]): Uint8Array {
  const frames = events.map((e) => encodeConverseEvent(e));
  const out = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  let at = 0;
  for (const f of frames) {
    out.set(f, at);
    at += f.byteLength;
  }
  return out;
}

/** Split bytes into chunks of a fixed size (identical chunking for every contender; frames are cut anywhere). */
export function chunkBinary(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
