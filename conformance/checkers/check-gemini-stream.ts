import { isRecord, type Violation } from './violation.js';

/**
 * Checks a parsed Gemini `streamGenerateContent?alt=sse` stream (docs/wire-formats.md#gemini-response, docs/wire-formats.md#gemini-stream, docs/wire-formats.md#sdk-google-genai) — the chunk
 * objects, one per SSE message — more strictly than `@google/genai`. Returns every violation found.
 *
 * stream := content-chunk* finish-chunk usage-only-chunk*      or   chunk* {error}
 *
 * Every chunk is a whole `GenerateContentResponse` carrying only the new parts: candidates whose content has
 * `role: "model"` and parts with one data field each; a `functionCall` arrives whole (args an object) in one
 * part (or, when the request asked for streamed arguments, in parts: `GeminiStreamCheckOptions`); thought parts
 * are text parts flagged `thought: true`; a `thoughtSignature` sits on a text, functionCall
 * or inlineData part (Gemini signs only the first of parallel calls). Each candidate gets one `finishReason`,
 * in its last chunk: after it only chunks without candidate content may follow (usage). A blocked prompt
 * (`promptFeedback.blockReason`) has no candidates and also ends the answer. `usageMetadata` counts are
 * non-negative integers that never fall, with `totalTokenCount` = prompt + candidates + thoughts + tool-use
 * prompt and the cached count inside the prompt count; the final usage comes with or after the finish. An
 * `{"error": {code, message, status}}` chunk (code 400–599, which the SDK throws on) can only be last.
 */
export interface GeminiStreamCheckOptions {
  /**
   * The request asked for streamed function-call arguments (`toolConfig.functionCallingConfig.
   * streamFunctionCallArguments`, docs/wire-formats.md#gemini-stream): a call may then come whole or in parts — a
   * part with `name` and `willContinue: true`, parts with `partialArgs` and no `name`, a last part without
   * `willContinue`. Each partial argument has a `$` JSON path and exactly one value; a string piece with
   * `willContinue` is followed by the next piece of the same path; nothing else comes between the parts of a call,
   * and no call is left open at the finish. Without it, every call is whole.
   */
  streamedArguments?: boolean;
}

export function checkGeminiStream(events: readonly unknown[], options: GeminiStreamCheckOptions = {}): Violation[] {
  const state = new GeminiStreamState(options.streamedArguments === true);
  for (let i = 0; i < events.length; i++) state.push(events[i], i);
  state.end(events.length);
  return state.violations;
}

/** A part's data fields (exactly one per part, docs/wire-formats.md#gemini-request). */
const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
] as const;

/** Parts that may carry a `thoughtSignature`: text (thought or answer), function calls, generated images. */
const SIGNED_FIELDS = new Set(['text', 'functionCall', 'inlineData']);

const KNOWN_FINISH_REASONS = new Set([
  'STOP',
  'MAX_TOKENS',
  'SAFETY',
  'RECITATION',
  'LANGUAGE',
  'OTHER',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'MALFORMED_FUNCTION_CALL',
  'IMAGE_SAFETY',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'IMAGE_PROHIBITED_CONTENT',
  'NO_IMAGE',
  'IMAGE_RECITATION',
  'IMAGE_OTHER',
  'CONTINUATION',
]);

const USAGE_COUNTS = [
  'promptTokenCount',
  'candidatesTokenCount',
  'totalTokenCount',
  'cachedContentTokenCount',
  'thoughtsTokenCount',
  'toolUsePromptTokenCount',
] as const;

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

interface CandidateState {
  finishedAt: number;
  /** the previous part of this candidate was a functionCall (parallel calls follow each other) */
  afterCall: boolean;
  /** a call with streamed arguments is open; `stringPath`: its string value whose next piece must come */
  streamedCall: { stringPath: string | undefined } | undefined;
}

const PARTIAL_VALUES = ['stringValue', 'numberValue', 'boolValue', 'nullValue'] as const;

class GeminiStreamState {
  readonly violations: Violation[] = [];
  private errorAt = -1;
  private trailingReported = false;
  private blockedAt = -1;
  private lastUsageAt = -1;
  private readonly usage = new Map<string, number>();
  private responseId: string | undefined;
  private modelVersion: string | undefined;
  private readonly candidates = new Map<number, CandidateState>();

  constructor(private readonly streamedArguments: boolean) {}

  private add(rule: string, index: number, message: string): void {
    this.violations.push({ rule, index, message });
  }

  push(chunk: unknown, i: number): void {
    if (this.errorAt >= 0) {
      // reported once, at the first chunk after the error
      if (!this.trailingReported) this.add('after-error', i, 'a chunk after the `{error}` chunk');
      this.trailingReported = true;
      return;
    }
    if (!isRecord(chunk)) {
      this.add('chunk-shape', i, 'chunk is not a JSON object');
      return;
    }
    if (chunk.error !== undefined) {
      this.onError(chunk.error, i);
      return;
    }
    this.checkIdentity(chunk, i);
    if (chunk.usageMetadata !== undefined) this.checkUsage(chunk.usageMetadata, i);
    const feedback = chunk.promptFeedback;
    const blockReason = isRecord(feedback) ? feedback.blockReason : undefined;
    if (chunk.candidates === undefined) {
      if (blockReason !== undefined) this.onBlocked(blockReason, i);
      return;
    }
    if (!Array.isArray(chunk.candidates)) {
      this.add('chunk-shape', i, '`candidates` is not an array');
      return;
    }
    chunk.candidates.forEach((c, k) => {
      this.checkCandidate(c, k, i);
    });
    if (blockReason !== undefined) {
      if (chunk.candidates.length > 0)
        this.add('block-reason', i, 'a chunk with `promptFeedback.blockReason` must have no candidates');
      this.onBlocked(blockReason, i);
    }
  }

  end(length: number): void {
    if (this.errorAt >= 0) return;
    if (this.blockedAt >= 0) return;
    if (this.candidates.size === 0) {
      this.add(
        'finish-reason-missing',
        length,
        'stream ended without a candidate with a `finishReason` (and no blocked prompt)',
      );
      return;
    }
    let lastFinish = -1;
    for (const [index, c] of this.candidates) {
      if (c.finishedAt < 0) this.add('finish-reason-missing', length, `candidate ${index} has no \`finishReason\``);
      lastFinish = Math.max(lastFinish, c.finishedAt);
    }
    if (lastFinish >= 0 && this.lastUsageAt < lastFinish) {
      this.add('usage-missing', length, 'no `usageMetadata` in the finish chunk or after it');
    }
  }

  private onError(error: unknown, i: number): void {
    this.errorAt = i;
    const ok =
      isRecord(error) &&
      typeof error.code === 'number' &&
      Number.isInteger(error.code) &&
      error.code >= 400 &&
      error.code <= 599 &&
      typeof error.message === 'string' &&
      typeof error.status === 'string' &&
      error.status !== '';
    // the SDK throws only on codes 400-599: any other error chunk reads as an (empty) response
    if (!ok)
      this.add('error-shape', i, '`error` needs an integer `code` 400-599, a string `message` and a `status` name');
  }

  private onBlocked(reason: unknown, i: number): void {
    if (typeof reason !== 'string' || reason === '' || reason === 'BLOCKED_REASON_UNSPECIFIED') {
      this.add('block-reason', i, `\`promptFeedback.blockReason\` ${JSON.stringify(reason)} is not a block reason`);
    }
    if (this.blockedAt < 0) this.blockedAt = i;
  }

  private checkIdentity(chunk: Record<string, unknown>, i: number): void {
    if (typeof chunk.responseId === 'string') {
      if (this.responseId === undefined) this.responseId = chunk.responseId;
      else if (chunk.responseId !== this.responseId)
        this.add('response-id', i, `responseId ${chunk.responseId} differs from the stream's ${this.responseId}`);
    }
    if (typeof chunk.modelVersion === 'string') {
      if (this.modelVersion === undefined) this.modelVersion = chunk.modelVersion;
      else if (chunk.modelVersion !== this.modelVersion)
        this.add(
          'model-version',
          i,
          `modelVersion ${chunk.modelVersion} differs from the stream's ${this.modelVersion}`,
        );
    }
  }

  private checkUsage(usage: unknown, i: number): void {
    if (!isRecord(usage)) {
      this.add('usage-shape', i, '`usageMetadata` is not an object');
      return;
    }
    this.lastUsageAt = i;
    const counts: Partial<Record<(typeof USAGE_COUNTS)[number], number>> = {};
    for (const key of USAGE_COUNTS) {
      const v = usage[key];
      if (v === undefined) continue;
      if (!isCount(v)) {
        this.add('usage-shape', i, `\`usageMetadata.${key}\` is not a non-negative integer`);
        return;
      }
      counts[key] = v;
    }
    for (const [key, v] of Object.entries(counts)) {
      const before = this.usage.get(key);
      if (before !== undefined && v < before) this.add('usage-cumulative', i, `${key} fell from ${before} to ${v}`);
      this.usage.set(key, v);
    }
    const prompt = counts.promptTokenCount ?? 0;
    if (counts.totalTokenCount !== undefined) {
      const sum =
        prompt +
        (counts.candidatesTokenCount ?? 0) +
        (counts.thoughtsTokenCount ?? 0) +
        (counts.toolUsePromptTokenCount ?? 0);
      if (counts.totalTokenCount !== sum) {
        this.add(
          'usage-total',
          i,
          `totalTokenCount ${counts.totalTokenCount} is not prompt + candidates + thoughts + tool-use prompt (${sum})`,
        );
      }
    }
    if (counts.cachedContentTokenCount !== undefined && counts.cachedContentTokenCount > prompt) {
      this.add(
        'usage-cached',
        i,
        `cachedContentTokenCount ${counts.cachedContentTokenCount} exceeds promptTokenCount ${prompt} (which includes it)`,
      );
    }
  }

  private checkCandidate(candidate: unknown, position: number, i: number): void {
    if (!isRecord(candidate)) {
      this.add('chunk-shape', i, `candidate ${position} is not an object`);
      return;
    }
    const index = candidate.index ?? 0;
    if (!isCount(index)) {
      this.add(
        'candidate-shape',
        i,
        `candidate index ${JSON.stringify(candidate.index)} is not a non-negative integer`,
      );
      return;
    }
    if (candidate.content === undefined && candidate.finishReason === undefined) {
      this.add('candidate-shape', i, `candidate ${index} has neither content nor a finishReason`);
    }
    if (candidate.thoughtSignature !== undefined)
      this.add('thought-signature-placement', i, 'a `thoughtSignature` belongs on a part, not on the candidate');
    let state = this.candidates.get(index);
    if (!state) {
      state = { finishedAt: -1, afterCall: false, streamedCall: undefined };
      this.candidates.set(index, state);
    }
    const parts =
      candidate.content === undefined
        ? []
        : this.contentParts(candidate.content, index, candidate.finishReason !== undefined, i);
    if ((state.finishedAt >= 0 || this.blockedAt >= 0) && parts.length > 0) {
      this.add('after-finish', i, `candidate ${index} has content after its finishReason`);
    }
    for (const part of parts) this.checkPart(part, state, i);
    if (candidate.finishReason !== undefined) {
      if (state.streamedCall)
        this.add('streamed-call-open', i, `candidate ${index} finishes while a streamed function call is still open`);
      state.streamedCall = undefined;
      this.onFinish(candidate.finishReason, state, index, i);
    }
  }

  private contentParts(content: unknown, index: number, finishing: boolean, i: number): unknown[] {
    if (!isRecord(content)) {
      this.add('chunk-shape', i, `candidate ${index}: \`content\` is not an object`);
      return [];
    }
    if (content.role !== 'model')
      this.add('role', i, `candidate ${index}: content role is ${JSON.stringify(content.role)}, not "model"`);
    if (content.thoughtSignature !== undefined)
      this.add('thought-signature-placement', i, 'a `thoughtSignature` belongs on a part, not on the content');
    if (content.parts === undefined && finishing) return [];
    if (!Array.isArray(content.parts)) {
      this.add('chunk-shape', i, `candidate ${index}: \`content.parts\` is not an array`);
      return [];
    }
    return content.parts;
  }

  private checkPart(part: unknown, state: CandidateState, i: number): void {
    if (!isRecord(part)) {
      this.add('part-data', i, 'a part is not an object');
      return;
    }
    const fields = DATA_FIELDS.filter((f) => part[f] !== undefined);
    const field = fields[0];
    if (fields.length !== 1 || field === undefined) {
      this.add(
        'part-data',
        i,
        `a part needs exactly one data field, found ${fields.length === 0 ? 'none' : fields.join(', ')}`,
      );
      return;
    }
    if (field === 'functionResponse') {
      this.add('part-kind', i, 'a model response cannot hold a `functionResponse` part');
      return;
    }
    if (field !== 'functionCall' && state.streamedCall) {
      this.add('streamed-call-open', i, `a \`${field}\` part between the parts of a streamed function call`);
      state.streamedCall = undefined;
    }
    if (field === 'functionCall' && this.streamedArguments && isRecord(part.functionCall))
      this.checkStreamedCall(part.functionCall, state, i);
    else this.checkPartData(part, field, i);
    this.checkThought(part, field, i);
    const signature = part.thoughtSignature;
    if (signature !== undefined) {
      if (typeof signature !== 'string' || !BASE64.test(signature))
        this.add('thought-signature', i, '`thoughtSignature` is not a non-empty base64 string');
      if (!SIGNED_FIELDS.has(field))
        this.add('thought-signature-placement', i, `a \`thoughtSignature\` on a \`${field}\` part`);
      else if (field === 'functionCall' && state.afterCall) {
        this.add(
          'warn:thought-signature-parallel',
          i,
          'a signature on a parallel function call after the first (Gemini signs only the first)',
        );
      }
    }
    state.afterCall = field === 'functionCall';
  }

  private checkPartData(part: Record<string, unknown>, field: string, i: number): void {
    if (field === 'text' && typeof part.text !== 'string') this.add('part-shape', i, '`text` is not a string');
    if (field === 'inlineData') {
      const d = part.inlineData;
      if (!isRecord(d) || typeof d.mimeType !== 'string' || typeof d.data !== 'string')
        this.add('part-shape', i, '`inlineData` needs string `mimeType` and `data`');
    }
    if (field === 'fileData') {
      const d = part.fileData;
      if (!isRecord(d) || typeof d.fileUri !== 'string')
        this.add('part-shape', i, '`fileData` needs a string `fileUri`');
    }
    if (field === 'functionCall') this.checkFunctionCall(part.functionCall, i);
  }

  private checkFunctionCall(call: unknown, i: number): void {
    if (!isRecord(call)) {
      this.add('function-call', i, '`functionCall` is not an object');
      return;
    }
    if (typeof call.name !== 'string' || call.name === '')
      this.add('function-call', i, '`functionCall.name` is not a non-empty string');
    if (call.args !== undefined && !isRecord(call.args))
      this.add('function-call', i, '`functionCall.args` is not an object');
    if (call.id !== undefined && typeof call.id !== 'string')
      this.add('function-call', i, '`functionCall.id` is not a string');
    if (call.partialArgs !== undefined || call.willContinue === true) {
      this.add(
        'function-call-whole',
        i,
        'a function call arrives whole in one part (no `partialArgs` / `willContinue`): the request did not ask for streamed arguments',
      );
    }
  }

  /** A function call that may come in parts (the request asked for streamed arguments). */
  private checkStreamedCall(call: Record<string, unknown>, state: CandidateState, i: number): void {
    const named = call.name !== undefined;
    const pieced = call.willContinue !== undefined || call.partialArgs !== undefined;
    if (!named && !state.streamedCall) {
      this.add('function-call', i, 'a `functionCall` part without a name, and no streamed call is open');
      return;
    }
    if (named) {
      if (state.streamedCall)
        this.add('streamed-call-open', i, 'a new function call before the last part of the previous one');
      state.streamedCall = undefined;
      if (!pieced) {
        this.checkFunctionCall(call, i);
        return;
      }
      if (typeof call.name !== 'string' || call.name === '')
        this.add('function-call', i, '`functionCall.name` is not a non-empty string');
      if (call.args !== undefined) this.add('function-call', i, 'a streamed call carries `partialArgs`, not `args`');
      state.streamedCall = { stringPath: undefined };
    } else if (call.args !== undefined || call.id !== undefined) {
      this.add('function-call', i, 'a later part of a streamed call carries only `partialArgs` and `willContinue`');
    }
    const open = state.streamedCall!;
    if (call.partialArgs !== undefined && !Array.isArray(call.partialArgs))
      this.add('partial-args', i, '`partialArgs` is not an array');
    for (const arg of Array.isArray(call.partialArgs) ? call.partialArgs : []) this.checkPartialArg(arg, open, i);
    if (call.willContinue !== undefined && call.willContinue !== true && call.willContinue !== false)
      this.add('function-call', i, '`willContinue` is not a boolean');
    if (call.willContinue !== true) {
      if (open.stringPath !== undefined)
        this.add('partial-args', i, `the call ends while the string at ${open.stringPath} said more would follow`);
      state.streamedCall = undefined;
    }
  }

  private checkPartialArg(arg: unknown, open: { stringPath: string | undefined }, i: number): void {
    if (!isRecord(arg) || typeof arg.jsonPath !== 'string' || !arg.jsonPath.startsWith('$')) {
      this.add('partial-args', i, 'a partial argument needs a `jsonPath` starting at `$`');
      return;
    }
    const values = PARTIAL_VALUES.filter((k) => arg[k] !== undefined);
    if (values.length !== 1)
      this.add('partial-args', i, `${arg.jsonPath}: a partial argument has exactly one value, found ${values.length}`);
    if (arg.numberValue !== undefined && (typeof arg.numberValue !== 'number' || !Number.isFinite(arg.numberValue)))
      this.add('partial-args', i, `${arg.jsonPath}: \`numberValue\` is not a finite number`);
    if (arg.stringValue !== undefined && typeof arg.stringValue !== 'string')
      this.add('partial-args', i, `${arg.jsonPath}: \`stringValue\` is not a string`);
    if (arg.boolValue !== undefined && typeof arg.boolValue !== 'boolean')
      this.add('partial-args', i, `${arg.jsonPath}: \`boolValue\` is not a boolean`);
    if (arg.nullValue !== undefined && arg.nullValue !== 'NULL_VALUE' && arg.nullValue !== null)
      this.add('partial-args', i, `${arg.jsonPath}: \`nullValue\` is not NULL_VALUE`);
    if (open.stringPath !== undefined && open.stringPath !== arg.jsonPath)
      this.add('partial-args', i, `${arg.jsonPath} comes before the rest of the string at ${open.stringPath}`);
    if (arg.willContinue === true && arg.stringValue === undefined)
      this.add('partial-args', i, `${arg.jsonPath}: only a string value continues in a later piece`);
    open.stringPath = arg.willContinue === true ? arg.jsonPath : undefined;
  }

  private checkThought(part: Record<string, unknown>, field: string, i: number): void {
    if (part.thought === undefined) return;
    if (typeof part.thought !== 'boolean') this.add('thought-flag', i, '`thought` is not a boolean');
    else if (part.thought && field !== 'text')
      this.add('thought-flag', i, `\`thought: true\` on a \`${field}\` part (thoughts are text)`);
  }

  private onFinish(reason: unknown, state: CandidateState, index: number, i: number): void {
    if (state.finishedAt >= 0) this.add('finish-reason-once', i, `candidate ${index} has a second finishReason`);
    else state.finishedAt = i;
    if (typeof reason !== 'string' || reason === 'FINISH_REASON_UNSPECIFIED') {
      this.add('finish-reason', i, `finishReason ${JSON.stringify(reason)} is not a finish reason`);
    } else if (!KNOWN_FINISH_REASONS.has(reason)) {
      this.add('warn:unknown-finish-reason', i, `unknown finishReason ${reason}`);
    }
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
