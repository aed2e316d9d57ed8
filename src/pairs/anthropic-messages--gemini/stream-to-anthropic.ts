import { TranslationError } from '../../core/errors.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { anthropicErrorTypeForStatus } from '../../formats/anthropic-messages/errors.js';
import { messageStartEvent } from '../../formats/anthropic-messages/message-events.js';
import { anthropicStatusForGemini, readGeminiError } from '../../formats/gemini/anthropic-errors.js';
import {
  type AnthropicBlockStart,
  type BlockSink,
  GeminiPartsConverter,
  MessageContentSink,
} from './convert-gemini-parts-to-anthropic.js';
import { geminiFinishReasonToAnthropic } from './map-finish-reason.js';
import {
  type Grounding,
  groundContent,
  mergeGroundingMetadata,
  readGrounding,
  webSearchBlocks,
} from './map-grounding-to-anthropic.js';
import { clientToolName } from './map-tool-names.js';
import { geminiUsageToAnthropic } from './map-usage.js';
import {
  anthropicMessageId,
  anthropicModelName,
  CANDIDATE_KEYS,
  groundedUsage,
  readPromptFeedback,
  URL_CONTEXT_LOSS,
} from './response-to-anthropic.js';

export type AnthropicStreamEvent = Record<string, unknown> & { type: string };

const CHUNK_KEYS = new Set(['candidates', 'usageMetadata', 'modelVersion', 'responseId', 'promptFeedback']);

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
  citation(citation: unknown): void {
    this.out.push({ type: 'content_block_delta', index: this.#index, delta: { type: 'citations_delta', citation } });
  }
  /** a block that arrives whole in its start (a server tool result) */
  whole(block: Record<string, unknown>): void {
    this.#index++;
    this.out.push({ type: 'content_block_start', index: this.#index, content_block: block });
    this.out.push({ type: 'content_block_stop', index: this.#index });
  }
  /** a block of a finished message, as Anthropic streams it */
  replay(block: Record<string, unknown>): void {
    switch (block.type) {
      case 'text':
        this.open({ type: 'text', text: '' });
        if (Array.isArray(block.citations)) for (const c of block.citations) this.citation(c);
        this.text(String(block.text));
        break;
      case 'thinking':
        this.open({ type: 'thinking', thinking: '', signature: '' });
        if (block.thinking !== '') this.thinking(String(block.thinking));
        if (block.signature !== '') this.signature(String(block.signature));
        break;
      case 'tool_use':
        this.open(block as AnthropicBlockStart);
        break;
      case 'server_tool_use':
        this.#index++;
        this.out.push({ type: 'content_block_start', index: this.#index, content_block: { ...block, input: {} } });
        this.toolInput(JSON.stringify(block.input));
        break;
      default:
        this.whole(block);
        return;
    }
    this.close();
  }
  take(): AnthropicStreamEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }
}

/**
 * A grounded answer's blocks are held from its first text block on (the grounding that places the search blocks
 * and splits the text comes with the last chunks); the blocks before stream as they come.
 */
class HoldingSink implements BlockSink {
  readonly #live: EventSink;
  #held: MessageContentSink | undefined;

  constructor(live: EventSink) {
    this.#live = live;
  }

  get holding(): boolean {
    return this.#held !== undefined;
  }
  get #to(): BlockSink {
    return this.#held ?? this.#live;
  }
  open(block: AnthropicBlockStart): void {
    if (block.type === 'text') this.#held ??= new MessageContentSink();
    this.#to.open(block);
  }
  openTool(id: string, name: string): void {
    this.#to.openTool(id, name);
  }
  toolInput(json: string): void {
    this.#to.toolInput(json);
  }
  text(delta: string): void {
    this.#to.text(delta);
  }
  thinking(delta: string): void {
    this.#to.thinking(delta);
  }
  signature(signature: string): void {
    this.#to.signature(signature);
  }
  close(): void {
    this.#to.close();
  }
  /** the held blocks (grounded when there is a grounding), as events on the live sink */
  release(grounding: Grounding | undefined, scope: string | undefined): void {
    const held = this.#held?.content ?? [];
    this.#held = undefined;
    const blocks = grounding ? groundContent(held, grounding, scope) : held;
    for (const b of blocks) this.#live.replay(b);
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
 *
 * Grounding (`groundingMetadata`, merged over the chunks): when the request asked for grounding
 * (`context.geminiGrounding`), the answer from its first text block on is held and sent at the end as the whole
 * answer has it (`groundContent`: the search blocks, then the text split at cited spans, each citation one
 * `citations_delta`), so the folded stream equals the translated whole response. Without that flag the text has
 * already streamed when a grounding arrives: the search blocks come after it and the citations are a loss.
 */
export function createGeminiToAnthropicStream(
  options: TranslateOptions = {},
): StreamTranslator<unknown, AnthropicStreamEvent> {
  const losses = new OnceLossCollector(options.strict);
  const sink = new EventSink(options.context?.toolNames);
  const hold = options.context?.geminiGrounding === true;
  const holding = new HoldingSink(sink);
  let scope: string | undefined;
  let groundingMeta: JsonObject | undefined;
  let parts: GeminiPartsConverter | undefined;
  let started = false;
  let done = false;
  let finishReason: unknown;
  let finishMessage: string | undefined;
  let blocked: { blocked: boolean; message: string | null } = { blocked: false, message: null };
  let usage: unknown;

  const fail = (status: number, message: string): AnthropicStreamEvent[] => {
    done = true;
    // what was held is sent as it is: the answer ends here, its grounding never came
    if (holding.holding) {
      parts?.finish();
      holding.release(undefined, scope);
    }
    return [...sink.take(), { type: 'error', error: { type: anthropicErrorTypeForStatus(status), message } }];
  };

  const start = (chunk: JsonObject): void => {
    started = true;
    scope = typeof chunk.responseId === 'string' ? chunk.responseId : undefined;
    // without grounding to wait for, blocks go straight to the events (no holding layer on the hot path)
    parts = new GeminiPartsConverter(hold ? holding : sink, losses, scope);
    const u = geminiUsageToAnthropic(chunk.usageMetadata);
    sink.out.push(
      messageStartEvent(
        anthropicMessageId(options, chunk.responseId),
        anthropicModelName(options, chunk.modelVersion),
        {
          input_tokens: u.input_tokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: u.cache_read_input_tokens,
          output_tokens: 0,
        },
        { stop_details: null },
      ),
    );
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
      if (c.groundingMetadata !== undefined) groundingMeta = mergeGroundingMetadata(groundingMeta, c.groundingMetadata);
      if (c.urlContextMetadata !== undefined) losses.add('candidates[0].urlContextMetadata', URL_CONTEXT_LOSS);
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
    const grounding = groundingMeta
      ? readGrounding(groundingMeta, 'candidates[0].groundingMetadata', losses)
      : undefined;
    if (hold) holding.release(grounding, scope);
    else if (grounding) {
      for (const b of webSearchBlocks(grounding, scope)) sink.replay(b);
      if (grounding.supports.length > 0)
        losses.add(
          'candidates[0].groundingMetadata.groundingSupports',
          'the cited text had already streamed when the grounding came (the request did not ask for grounding)',
        );
    }
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
        usage: groundedUsage(geminiUsageToAnthropic(usage), grounding),
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
