import { TranslationError } from '../../core/errors.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { anthropicErrorTypeForStatus } from '../../formats/anthropic-messages/errors.js';
import { anthropicStatusForGemini, readGeminiError } from '../../formats/gemini/anthropic-errors.js';
import { type AnthropicBlockStart, type BlockSink, GeminiPartsConverter } from './convert-gemini-parts-to-anthropic.js';
import { geminiFinishReasonToAnthropic } from './map-finish-reason.js';
import { clientToolName } from './map-tool-names.js';
import { geminiUsageToAnthropic } from './map-usage.js';
import { anthropicMessageId, anthropicModelName, readPromptFeedback } from './response-to-anthropic.js';

export type AnthropicStreamEvent = Record<string, unknown> & { type: string };

const CHUNK_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId', 'promptFeedback']);
const CANDIDATE_KEYS = new Set(['content', 'finishReason', 'index', 'finishMessage']);

/** Anthropic stream events for converted blocks; block indexes count from 0. */
class EventSink implements BlockSink {
  out: AnthropicStreamEvent[] = [];
  #index = -1;
  /** Gemini name -> client name for tool names the request translation rewrote */
  readonly #toolNames: Record<string, string> | undefined;

  constructor(toolNames: Record<string, string> | undefined) {
    this.#toolNames = toolNames;
  }

  open(block: AnthropicBlockStart): void {
    this.#index++;
    if (block.type === 'tool_use') {
      // a Gemini functionCall arrives whole: the block shell, then its arguments as one delta
      this.out.push({
        type: 'content_block_start',
        index: this.#index,
        content_block: { type: 'tool_use', id: block.id, name: clientToolName(block.name, this.#toolNames), input: {} },
      });
      this.out.push({
        type: 'content_block_delta',
        index: this.#index,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
      });
    } else {
      this.out.push({ type: 'content_block_start', index: this.#index, content_block: { ...block } });
    }
  }
  openTool(id: string, name: string): void {
    this.#index++;
    this.out.push({
      type: 'content_block_start',
      index: this.#index,
      content_block: { type: 'tool_use', id, name: clientToolName(name, this.#toolNames), input: {} },
    });
  }
  toolInput(json: string): void {
    this.out.push({
      type: 'content_block_delta',
      index: this.#index,
      delta: { type: 'input_json_delta', partial_json: json },
    });
  }
  text(delta: string): void {
    this.out.push({ type: 'content_block_delta', index: this.#index, delta: { type: 'text_delta', text: delta } });
  }
  thinking(delta: string): void {
    this.out.push({
      type: 'content_block_delta',
      index: this.#index,
      delta: { type: 'thinking_delta', thinking: delta },
    });
  }
  signature(signature: string): void {
    this.out.push({ type: 'content_block_delta', index: this.#index, delta: { type: 'signature_delta', signature } });
  }
  close(): void {
    this.out.push({ type: 'content_block_stop', index: this.#index });
  }
  take(): AnthropicStreamEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }
}

/**
 * `streamGenerateContent?alt=sse` chunks -> Anthropic stream events (docs/wire-formats.md#gemini-stream, docs/wire-formats.md#anthropic-stream-grammar).
 * `message_start` on the first chunk; parts become blocks as they come (a whole functionCall is a
 * block start plus one `input_json_delta`; a call with streamed arguments one `input_json_delta` per part, the
 * pieces concatenating to its arguments' JSON); the stop reason and usage (Gemini's last chunk wins)
 * are held until the upstream ends, then `message_delta` + `message_stop`. A `{"error":…}` chunk
 * becomes an Anthropic `error` event; a stream that ends without a `finishReason` was cut short
 * and ends with an `error` event too, never with a fake success.
 */
export function createGeminiToAnthropicStream(
  options: TranslateOptions = {},
): StreamTranslator<unknown, AnthropicStreamEvent> {
  const losses = new OnceLossCollector(options.strict);
  const sink = new EventSink(options.context?.toolNames);
  let parts: GeminiPartsConverter | undefined;
  let started = false;
  let done = false;
  let finishReason: unknown;
  let finishMessage: string | undefined;
  let blocked: { blocked: boolean; message: string | null } = { blocked: false, message: null };
  let usage: unknown;

  const fail = (status: number, message: string): AnthropicStreamEvent[] => {
    done = true;
    return [...sink.take(), { type: 'error', error: { type: anthropicErrorTypeForStatus(status), message } }];
  };

  const start = (chunk: JsonObject): void => {
    started = true;
    parts = new GeminiPartsConverter(sink, losses, typeof chunk.responseId === 'string' ? chunk.responseId : undefined);
    const u = geminiUsageToAnthropic(chunk.usageMetadata);
    sink.out.push({
      type: 'message_start',
      message: {
        id: anthropicMessageId(options, chunk.responseId),
        type: 'message',
        role: 'assistant',
        model: anthropicModelName(options, chunk.modelVersion),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: {
          input_tokens: u.input_tokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: u.cache_read_input_tokens,
          output_tokens: 0,
        },
      },
    });
  };

  const push = (chunk: unknown): AnthropicStreamEvent[] => {
    if (done) return [];
    if (!isRecord(chunk)) throw new TranslationError('upstream', 'a Gemini stream chunk must be a JSON object');
    if (chunk.error !== undefined) {
      const e = readGeminiError(chunk, 500);
      return fail(anthropicStatusForGemini(e.code, e.status, e.reason), e.message);
    }
    if (!started) start(chunk);
    losses.unknownKeys(chunk, CHUNK_KEYS, '');
    if (chunk.usageMetadata !== undefined) usage = chunk.usageMetadata;
    const fb = readPromptFeedback(chunk.promptFeedback, losses);
    if (fb.blocked) blocked = fb;
    const candidates = chunk.candidates;
    if (Array.isArray(candidates) && candidates.length > 0) {
      const c = candidates[0];
      if (!isRecord(c))
        throw new TranslationError('upstream', 'a candidate must be an object', { path: 'candidates[0]' });
      losses.unknownKeys(c, CANDIDATE_KEYS, 'candidates[0]');
      if (isRecord(c.content)) parts?.push(c.content.parts, 'candidates[0].content.parts');
      if (c.finishReason !== undefined) finishReason = c.finishReason;
      if (typeof c.finishMessage === 'string') finishMessage = c.finishMessage;
      for (let i = 1; i < candidates.length; i++) losses.add(`candidates[${i}]`, 'Anthropic streams one candidate');
    }
    return sink.take();
  };

  const end = (): AnthropicStreamEvent[] => {
    if (done) return [];
    if (!started) return fail(500, 'the upstream Gemini stream ended without any chunk');
    if (finishReason === undefined && !blocked.blocked)
      return fail(500, 'the upstream Gemini stream ended before its finishReason');
    done = true;
    parts?.finish();
    const mapped = geminiFinishReasonToAnthropic(finishReason, parts?.hasFunctionCalls ?? false);
    if (mapped.loss) losses.add('candidates[0].finishReason', mapped.loss);
    const stopReason = blocked.blocked ? 'refusal' : mapped.stopReason;
    const explanation = blocked.blocked ? blocked.message : (finishMessage ?? null);
    if (finishMessage !== undefined && stopReason !== 'refusal')
      losses.add('candidates[0].finishMessage', 'Anthropic carries an explanation only for refusals');
    const events = sink.take();
    events.push(
      {
        type: 'message_delta',
        delta: {
          stop_reason: stopReason,
          stop_sequence: null,
          stop_details: stopReason === 'refusal' ? { type: 'refusal', category: null, explanation } : null,
        },
        usage: geminiUsageToAnthropic(usage),
      },
      { type: 'message_stop' },
    );
    return events;
  };

  return {
    push,
    end,
    get losses() {
      return losses.list;
    },
  };
}
