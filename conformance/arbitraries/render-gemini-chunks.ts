import type { FinishReason, GenerateContentResponse, Part, UsageMetadata } from '../../generated/gemini/types.gen.js';
import { geminiStreamedCallParts } from '../scripted-model/gemini-streamed-call.js';
import type { StreamScript } from './stream-script.js';

/** A Gemini stream item: one whole `GenerateContentResponse` (docs/wire-formats.md#gemini-stream). */
export type GeminiChunk = GenerateContentResponse;

/**
 * The cross-walk of docs/wire-formats.md#cross-walk-stop-reasons: Anthropic stop_reason -> Gemini finishReason. Gemini has no tool-use reason
 * (a turn with calls ends with `STOP`) and cannot say that a stop sequence matched.
 */
export function scriptGeminiFinishReason(s: StreamScript): FinishReason {
  switch (s.stop) {
    case 'max_tokens':
      return 'MAX_TOKENS';
    case 'refusal':
      return s.geminiRefusal;
    default:
      return 'STOP';
  }
}

/**
 * Gemini `usageMetadata` for a script: `promptTokenCount` includes cached reads; Gemini has no cache-write count,
 * so cache writes are ordinary prompt tokens. When the turn thinks, half the output is counted as thoughts
 * (`thoughtsTokenCount`, apart from `candidatesTokenCount`). Zero counts are left out, as proto3 JSON does.
 */
export function scriptGeminiUsage(s: StreamScript): UsageMetadata {
  const prompt = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
  const thoughts = s.blocks.some((b) => b.kind === 'thinking') ? Math.floor(s.usage.output / 2) : 0;
  const u: UsageMetadata = {
    promptTokenCount: prompt,
    candidatesTokenCount: s.usage.output - thoughts,
    totalTokenCount: prompt + s.usage.output,
  };
  if (s.usage.cacheRead > 0) u.cachedContentTokenCount = s.usage.cacheRead;
  if (thoughts > 0) u.thoughtsTokenCount = thoughts;
  return u;
}

/** What the service reports before the turn ends: the prompt only. */
function partialUsage(s: StreamScript): UsageMetadata {
  const prompt = s.usage.input + s.usage.cacheRead + s.usage.cacheWrite;
  const u: UsageMetadata = { promptTokenCount: prompt, totalTokenCount: prompt };
  if (s.usage.cacheRead > 0) u.cachedContentTokenCount = s.usage.cacheRead;
  return u;
}

function scriptParts(s: StreamScript): Part[] {
  const parts: Part[] = [];
  for (const b of s.blocks) {
    if (b.kind === 'text') {
      for (const text of b.pieces) parts.push({ text });
    } else if (b.kind === 'thinking') {
      // thought summaries; the signature travels on the run's last thought part
      b.pieces.forEach((text, i) => {
        parts.push(
          i === b.pieces.length - 1 ? { text, thought: true, thoughtSignature: b.signature } : { text, thought: true },
        );
      });
    } else {
      const head = s.geminiCallIds ? { id: b.id, name: b.name } : { name: b.name };
      const streamed = s.geminiStreamedArgs ? geminiStreamedCallParts(b.input, head, halves) : undefined;
      if (streamed) {
        parts.push(...(streamed as Part[]));
        continue;
      }
      parts.push({
        functionCall: s.geminiCallIds ? { id: b.id, name: b.name, args: b.input } : { name: b.name, args: b.input },
      });
    }
  }
  return parts;
}

/** A string in two pieces (when it has two code points or more), as a model streams it. */
function halves(value: string): string[] {
  const points = [...value];
  const half = Math.floor(points.length / 2);
  return half === 0 ? [value] : [points.slice(0, half).join(''), points.slice(half).join('')];
}

/**
 * Render a script as the chunks of `streamGenerateContent?alt=sse`: one part per chunk (text and thought pieces as
 * they come, a `functionCall` whole in one part, with its `id` only when `geminiCallIds`, or in parts with
 * `partialArgs` when `geminiStreamedArgs`), `modelVersion` and
 * `responseId` repeated on every chunk, the prompt-only usage on every chunk but the last, and the last content
 * chunk carrying `finishReason` and the final `usageMetadata`.
 */
export function renderGeminiChunks(s: StreamScript): GeminiChunk[] {
  const parts = scriptParts(s);
  return parts.map((part, i) => {
    const last = i === parts.length - 1;
    const candidate: NonNullable<GeminiChunk['candidates']>[number] = {
      content: { role: 'model', parts: [part] },
      index: 0,
    };
    if (last) candidate.finishReason = scriptGeminiFinishReason(s);
    return {
      candidates: [candidate],
      usageMetadata: last ? scriptGeminiUsage(s) : partialUsage(s),
      modelVersion: s.model,
      responseId: s.id,
    };
  });
}
