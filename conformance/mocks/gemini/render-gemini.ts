import { isRecord } from '../../../src/core/narrow.js';
import { chunkText } from '../../scripted-model/chunk-text.js';
import { geminiStreamedCallParts } from '../../scripted-model/gemini-streamed-call.js';
import type { Script } from '../../scripted-model/script.js';

type Json = Record<string, unknown>;

/** Script stop -> Gemini finishReason (a function call ends with STOP; a stop sequence too). */
function finishReason(script: Script): string {
  return script.stop === 'max_tokens' ? 'MAX_TOKENS' : 'STOP';
}

function usage(script: Script): Json {
  const candidates = script.usage.outputTokens - script.usage.thinkingTokens;
  const u: Json = {
    promptTokenCount: script.usage.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: script.usage.inputTokens + script.usage.outputTokens,
  };
  if (script.usage.thinkingTokens > 0) u.thoughtsTokenCount = script.usage.thinkingTokens;
  return u;
}

/**
 * The answer's parts: the thought summary (only with `includeThoughts`), the text, the function calls.
 * With thinking, the signature rides on the first function call, else on the last text part.
 */
function parts(script: Script, includeThoughts: boolean): Json[] {
  const out: Json[] = [];
  if (script.thinking && includeThoughts && script.thinking.text !== '')
    out.push({ text: script.thinking.text, thought: true });
  if (script.text !== '') out.push({ text: script.text });
  script.toolCalls.forEach((c) => {
    out.push({ functionCall: { name: c.name, args: c.input } });
  });
  const sig = script.thinking?.signature;
  if (sig) {
    const target = out.find((p) => p.functionCall !== undefined) ?? [...out].reverse().find((p) => p.thought !== true);
    if (target) target.thoughtSignature = sig;
    else out.push({ text: '', thoughtSignature: sig });
  }
  return out;
}

/** A script as one `GenerateContentResponse`. */
export function renderGeminiResponse(script: Script, model: string, includeThoughts: boolean): Json {
  return {
    candidates: [
      {
        content: { role: 'model', parts: parts(script, includeThoughts) },
        finishReason: finishReason(script),
        index: 0,
      },
    ],
    usageMetadata: usage(script),
    modelVersion: model,
    responseId: script.id,
  };
}

/**
 * A script as `streamGenerateContent?alt=sse` chunks: one part per chunk (text in pieces of `chunkSize`
 * code points, each function call whole, or, when the request asked for streamed arguments, in parts: the named
 * part (signed), one `partialArgs` part per value with strings in pieces of `chunkSize`, the empty end part); the
 * first chunk carries the prompt's token count, the last one `finishReason` and the full `usageMetadata`.
 */
export function renderGeminiChunks(
  script: Script,
  model: string,
  includeThoughts: boolean,
  chunkSize: number,
  streamArguments = false,
): Json[] {
  const pieces: Json[] = [];
  for (const p of parts(script, includeThoughts)) {
    const call = isRecord(p.functionCall) ? p.functionCall : undefined;
    const streamed =
      call && streamArguments
        ? geminiStreamedCallParts(isRecord(call.args) ? call.args : {}, { name: String(call.name) }, (s) =>
            chunkText(s, chunkSize),
          )
        : undefined;
    if (streamed) {
      if (p.thoughtSignature !== undefined) streamed[0]!.thoughtSignature = p.thoughtSignature;
      pieces.push(...streamed);
    } else if (typeof p.text === 'string' && p.text !== '') {
      const texts = chunkText(p.text, chunkSize);
      texts.forEach((t, i) => {
        const piece: Json = { ...p, text: t };
        if (i < texts.length - 1) delete piece.thoughtSignature;
        pieces.push(piece);
      });
    } else pieces.push(p);
  }
  if (pieces.length === 0) pieces.push({ text: '' });
  const base = { modelVersion: model, responseId: script.id };
  return pieces.map((part, i) => {
    const last = i === pieces.length - 1;
    const candidate: Json = { content: { role: 'model', parts: [part] }, index: 0 };
    if (last) candidate.finishReason = finishReason(script);
    const u = last
      ? usage(script)
      : i === 0
        ? { promptTokenCount: script.usage.inputTokens, totalTokenCount: script.usage.inputTokens }
        : undefined;
    return u ? { candidates: [candidate], usageMetadata: u, ...base } : { candidates: [candidate], ...base };
  });
}
