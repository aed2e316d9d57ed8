import { isRecord } from '../../src/core/narrow.js';
import { parseArgPath } from '../../src/formats/gemini/partial-args.js';
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

/** A function call whose arguments are streaming in (docs/wire-formats.md#gemini-stream). */
interface StreamingCall {
  part: Json;
  args: Json;
  /** the path of a string whose next piece is expected */
  more: string | undefined;
}

/** Put a partial argument's value into the arguments: containers are made as the path needs them. */
function applyPartialArg(call: StreamingCall, arg: unknown): void {
  if (!isRecord(arg) || typeof arg.jsonPath !== 'string') return;
  const path = parseArgPath(arg.jsonPath);
  let node: Json | unknown[] = call.args;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k]!;
    const holder = node as Record<string | number, unknown>;
    if (typeof holder[key] !== 'object' || holder[key] === null)
      holder[key] = typeof path[k + 1] === 'number' ? [] : {};
    node = holder[key] as Json | unknown[];
  }
  const leaf = path.at(-1)!;
  const holder = node as Record<string | number, unknown>;
  let value: unknown = null;
  if (typeof arg.stringValue === 'string')
    value = call.more === arg.jsonPath ? `${String(holder[leaf])}${arg.stringValue}` : arg.stringValue;
  else if (arg.numberValue !== undefined) value = arg.numberValue;
  else if (arg.boolValue !== undefined) value = arg.boolValue;
  holder[leaf] = value;
  call.more = arg.willContinue === true ? arg.jsonPath : undefined;
}

/**
 * Fold `streamGenerateContent` chunks into the `GenerateContentResponse` they describe (candidate 0 only): parts
 * appended in order (text runs merged, see `appendPart`; a call with streamed arguments becomes one whole
 * `functionCall {name, args}` part, signed with the signature any of its parts had), the last `finishReason`/`finishMessage`, the last
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
  let streaming: StreamingCall | undefined;
  const endCall = (call: StreamingCall): undefined => {
    parts.push(call.part);
    return undefined;
  };
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
    for (const p of Array.isArray(content.parts) ? content.parts : []) {
      if (!isRecord(p)) continue;
      const fc = isRecord(p.functionCall) ? p.functionCall : undefined;
      if (streaming && fc && fc.name === undefined) {
        if (typeof p.thoughtSignature === 'string') streaming.part.thoughtSignature = p.thoughtSignature;
        for (const arg of Array.isArray(fc.partialArgs) ? fc.partialArgs : []) applyPartialArg(streaming, arg);
        if (fc.willContinue !== true) streaming = endCall(streaming);
        continue;
      }
      if (streaming) streaming = endCall(streaming);
      if (fc && (fc.willContinue === true || fc.partialArgs !== undefined)) {
        const call: Json = { name: fc.name, args: {} };
        if (fc.id !== undefined) call.id = fc.id;
        const part: Json = { functionCall: call };
        if (typeof p.thoughtSignature === 'string') part.thoughtSignature = p.thoughtSignature;
        streaming = { part, args: call.args as Json, more: undefined };
        for (const arg of Array.isArray(fc.partialArgs) ? fc.partialArgs : []) applyPartialArg(streaming, arg);
        if (fc.willContinue !== true) streaming = endCall(streaming);
        continue;
      }
      appendPart(parts, p);
    }
    if (candidate.finishReason !== undefined) {
      finishReason = candidate.finishReason;
      complete = true;
    }
    if (candidate.finishMessage !== undefined) finishMessage = candidate.finishMessage;
  }
  if (streaming) endCall(streaming);
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
