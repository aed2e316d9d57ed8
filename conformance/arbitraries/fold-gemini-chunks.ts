import { isRecord } from '../../src/core/narrow.js';
import type { Folded } from './fold-anthropic-events.js';

type Json = Record<string, unknown>;

const TEXT_PART_KEYS = new Set(['text', 'thought', 'thoughtSignature']);

/** A part that is only text (a thought or not), with nothing else that would tie it to its place. */
function isTextPart(p: Json): boolean {
  return typeof p.text === 'string' && Object.keys(p).every((k) => TEXT_PART_KEYS.has(k));
}

/**
 * Append a streamed part to the parts so far, the way the non-stream response groups them: a text part
 * continues the previous text part of the same kind (thought or not); a thought run keeps the last signature
 * it saw; a signature on a non-thought text part anchors that part, so text after it starts a new part.
 */
function appendPart(parts: Json[], part: Json): void {
  const prev = parts.at(-1);
  if (prev && isTextPart(prev) && isTextPart(part) && (prev.thought === true) === (part.thought === true)) {
    const thought = part.thought === true;
    if (thought || prev.thoughtSignature === undefined) {
      prev.text = `${String(prev.text)}${String(part.text)}`;
      if (part.thoughtSignature !== undefined) prev.thoughtSignature = part.thoughtSignature;
      return;
    }
  }
  parts.push({ ...part });
}

/**
 * Fold `streamGenerateContent` chunks into the `GenerateContentResponse` they describe (candidate 0 only): parts
 * appended in order (text runs merged, see `appendPart`), the last `finishReason`/`finishMessage`, the last
 * `usageMetadata` (earlier ones are partial), the first `modelVersion`/`responseId`. Gemini has no terminal
 * event: the stream is complete once a `finishReason` (or a prompt `blockReason`) was seen. A `{"error":…}`
 * chunk is the stream's error.
 */
export function foldGeminiChunks(chunks: readonly unknown[]): Folded<Json> {
  const parts: Json[] = [];
  let modelVersion: unknown;
  let responseId: unknown;
  let usage: unknown;
  let finishReason: unknown;
  let finishMessage: unknown;
  let promptFeedback: unknown;
  let error: unknown;
  let complete = false;
  let sawCandidate = false;
  for (const c of chunks) {
    if (!isRecord(c)) continue;
    if (c.error !== undefined) {
      error = c.error;
      continue;
    }
    if (modelVersion === undefined) modelVersion = c.modelVersion;
    if (responseId === undefined) responseId = c.responseId;
    if (c.usageMetadata !== undefined) usage = c.usageMetadata;
    if (isRecord(c.promptFeedback)) {
      promptFeedback = c.promptFeedback;
      if (typeof c.promptFeedback.blockReason === 'string') complete = true;
    }
    const candidate = Array.isArray(c.candidates)
      ? c.candidates.find((x) => isRecord(x) && (x.index ?? 0) === 0)
      : undefined;
    if (!isRecord(candidate)) continue;
    sawCandidate = true;
    const content = isRecord(candidate.content) ? candidate.content : {};
    for (const p of Array.isArray(content.parts) ? content.parts : []) if (isRecord(p)) appendPart(parts, p);
    if (candidate.finishReason !== undefined) {
      finishReason = candidate.finishReason;
      complete = true;
    }
    if (candidate.finishMessage !== undefined) finishMessage = candidate.finishMessage;
  }
  const candidate: Json = { content: { role: 'model', parts }, index: 0 };
  if (finishReason !== undefined) candidate.finishReason = finishReason;
  if (finishMessage !== undefined) candidate.finishMessage = finishMessage;
  // a blocked prompt gets no candidate at all
  const response: Json = sawCandidate || promptFeedback === undefined ? { candidates: [candidate] } : {};
  if (promptFeedback !== undefined) response.promptFeedback = promptFeedback;
  if (usage !== undefined) response.usageMetadata = usage;
  if (modelVersion !== undefined) response.modelVersion = modelVersion;
  if (responseId !== undefined) response.responseId = responseId;
  return { message: response, error, complete };
}
