import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { statusForAnthropicErrorType } from '../../formats/anthropic-messages/errors.js';
import { isServerToolBlockType } from '../../formats/anthropic-messages/server-tools.js';
import {
  badAnthropicStream as bad,
  createAnthropicStreamDriver,
} from '../../formats/anthropic-messages/stream-driver.js';
import { OPENAI_DONE, type OpenAIStreamEvent } from '../../formats/openai-chat/codec.js';
import { openaiErrorBody } from '../../formats/openai-chat/errors.js';
import { SERVER_BLOCK_LEFT_OUT, STOP_SEQUENCE_LEFT_OUT, THINKING_LEFT_OUT } from './extensions.js';
import { citationsToAnnotations } from './map-citations.js';
import { anthropicErrorTypeToOpenAI } from './map-errors.js';
import { anthropicStopReasonLoss, anthropicStopReasonToOpenAI, type OpenAIFinishReason } from './map-stop-reason.js';
import { restoreToolName } from './map-tool-names.js';
import { anthropicUsageToOpenAI } from './map-usage.js';
import { reportAnthropicUsageLosses } from './report-usage-losses.js';

/**
 * Anthropic stream events -> OpenAI chat completion chunks (docs/streaming.md).
 *
 * - `message_start` -> first chunk `delta: {role: 'assistant', content: ''}`.
 * - text deltas -> `delta.content`; `tool_use` blocks -> `delta.tool_calls` with dense indexes from 0
 *   (first fragment carries `id`, `type`, `function.name`, `arguments: ''`), `input_json_delta` -> argument fragments.
 * - thinking -> `delta.reasoning_content` plus the crosswire extension `delta.content_blocks`
 *   (`[{index, delta: {thinking}}]`, `[{index, delta: {signature}}]`, redacted: `[{index, delta: {data}}]`;
 *   `index` is the Anthropic block index), so signatures survive a round trip.
 * - server tool blocks -> `content_blocks`: `[{index, content_block}]` with the block as it started (a
 *   `server_tool_use` shell, or a whole result block), its input as `[{index, delta: {partial_json}}]`; a text
 *   block's citations -> `[{index, delta: {citation}}]` (and `url_citation` annotations).
 * - Once a thinking, server tool or cited block was seen, text also goes into `content_blocks` (`{index, delta:
 *   {text}}`; text blocks seen before then are sent once whole, `{index, content_block: {type: "text", text}}`),
 *   so folding the stream's `content_blocks` by index gives the non-stream `message.content_blocks`.
 * - `strictOpenAI`: none of the extensions (`content_blocks`, `reasoning_content`, a choice's `stop_sequence`,
 *   `usage.server_tool_use`) is sent; what only they carry is reported lost.
 * - `message_delta` is held; at `message_stop`: the `finish_reason` chunk (with the `stop_sequence`
 *   extension when a stop sequence matched), then, when the client asked (`context.includeUsage`), the
 *   usage chunk (`choices: []`, same id), then `[DONE]`.
 * - `error` -> an OpenAI error chunk and nothing after it (no `[DONE]`: the OpenAI SDK throws on it).
 * - The upstream ending before `message_stop` -> an error chunk, never a clean `[DONE]`.
 *
 * Losses are reported at paths of the message the stream folds into (`content[2].citations`,
 * `stop_sequence`, `usage.server_tool_use`, ...), so a stream and its non-stream twin report the same paths.
 * Unknown fields of the events themselves (Bedrock's `amazon-bedrock-invocationMetrics` on `message_stop`)
 * are reported under their own key; unknown event and delta types are skipped with a loss.
 */

type Chunk = JsonObject;

interface Block {
  kind: 'text' | 'tool' | 'thinking' | 'redacted' | 'server' | 'other';
  /** OpenAI tool call index (tool blocks) */
  toolIndex: number;
  /** tool blocks: whether any argument text went out (a call without input still owes `"{}"`) */
  argsSent: boolean;
  open: boolean;
  /** text blocks: offset of the block in the joined `content`, and its citations so far */
  textStart: number;
  citations: unknown[];
  /** text blocks, before `content_blocks` mirrors text: the text so far (sent whole when the mirroring starts) */
  text: string;
  /** text blocks: text went out that `content_blocks` can no longer repeat (past {@link MIRROR_TEXT_LIMIT}) */
  unmirrored: boolean;
}

/**
 * How much text (UTF-16 units, all blocks) is kept for `content_blocks` before it mirrors text. Past it the kept
 * text is let go, so a long text-only stream holds no more than this; if the mirroring starts later, those blocks
 * are missing from `content_blocks` (in `content` only) and each is a reported loss.
 */
export const MIRROR_TEXT_LIMIT = 1 << 20;

export function createAnthropicToOpenAIStream(
  options: TranslateOptions = {},
): StreamTranslator<unknown, OpenAIStreamEvent> {
  const losses = new OnceLossCollector(options.strict ?? false);
  /** strict OpenAI compliance: no extension is sent */
  const compliant = options.strictOpenAI === true;
  const toolNames = options.context?.toolNames;
  const includeUsage = options.context?.includeUsage === true;
  const created = options.created ?? 0;
  let id = options.id ?? '';
  let model = options.model ?? '';

  const blocks = new Map<number, Block>();
  let toolCount = 0;
  /** once a thinking, server tool or cited block was seen, text also goes into `content_blocks`, as in the non-stream translation */
  let mirrorText = false;
  /** text kept for a later mirroring, in UTF-16 units; -1 once it passed the limit and was let go */
  let keptText = 0;
  /** length of the joined `content` sent so far (annotation offsets count in it) */
  let textLength = 0;
  /** url_citation annotations, sent in one chunk before the finish chunk */
  const annotations: JsonObject[] = [];

  const lossOnce = (path: string, reason: string): void => losses.add(path, reason);

  /** usage from message_start / message_delta: cumulative, overwritten; what cannot be carried is a loss */
  const takeUsage = (u: JsonObject): void => {
    reportAnthropicUsageLosses(u, 'usage', lossOnce, !compliant);
    if (typeof u.service_tier === 'string' && u.service_tier !== 'standard')
      lossOnce('usage.service_tier', `service tier ${JSON.stringify(u.service_tier)} has no OpenAI stream equivalent`);
  };

  const chunk = (delta: JsonObject, finishReason: OpenAIFinishReason | null = null): Chunk => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });

  const errorChunk = (error: unknown): OpenAIStreamEvent => {
    const e = isRecord(error) ? error : {};
    const type = typeof e.type === 'string' ? e.type : 'api_error';
    const message = typeof e.message === 'string' ? e.message : 'upstream error';
    const status = statusForAnthropicErrorType(type);
    const mapped = anthropicErrorTypeToOpenAI(type, status);
    const details = isRecord(e.details) ? e.details : undefined;
    const code = typeof details?.error_code === 'string' ? details.error_code : mapped.code;
    return openaiErrorBody(status, message, { type: mapped.type, code });
  };

  function messageStart(message: JsonObject): Chunk[] {
    // the same defaults as the non-stream translation (response-to-openai.ts)
    if (options.id === undefined) id = typeof message.id === 'string' ? `chatcmpl-${message.id}` : 'chatcmpl-0';
    if (options.model === undefined)
      model = typeof message.model === 'string' ? message.model : (options.context?.clientModel ?? '');
    return [chunk({ role: 'assistant', content: '' })];
  }

  function blockStart(index: number, cb: JsonObject): Chunk[] {
    const path = `content[${index}]`;
    switch (cb.type) {
      case 'text': {
        const block = newBlock('text');
        block.textStart = textLength;
        blocks.set(index, block);
        const out = typeof cb.text === 'string' ? textChunk(index, cb.text, block) : [];
        if (Array.isArray(cb.citations)) for (const c of cb.citations) out.push(...citationChunk(index, c));
        return out;
      }
      case 'tool_use': {
        const toolIndex = toolCount++;
        const name =
          typeof cb.name === 'string' ? restoreToolName(cb.name, toolNames) : bad('tool_use block without a name');
        const input = cb.input;
        const args = isRecord(input) && Object.keys(input).length > 0 ? JSON.stringify(input) : '';
        blocks.set(index, { ...newBlock('tool'), toolIndex, argsSent: args !== '' });
        return [
          chunk({
            tool_calls: [{ index: toolIndex, id: cb.id, type: 'function', function: { name, arguments: args } }],
          }),
        ];
      }
      case 'thinking': {
        blocks.set(index, newBlock('thinking'));
        if (compliant) {
          lossOnce(path, THINKING_LEFT_OUT);
          return [];
        }
        const out: Chunk[] = mirrorFromNow();
        if (typeof cb.thinking === 'string' && cb.thinking !== '') out.push(thinkingChunk(index, cb.thinking));
        if (typeof cb.signature === 'string' && cb.signature !== '')
          out.push(chunk({ content_blocks: [{ index, delta: { signature: cb.signature } }] }));
        return out;
      }
      case 'redacted_thinking': {
        blocks.set(index, newBlock('redacted'));
        if (compliant) {
          lossOnce(path, THINKING_LEFT_OUT);
          return [];
        }
        const out = mirrorFromNow();
        out.push(chunk({ content_blocks: [{ index, delta: { data: typeof cb.data === 'string' ? cb.data : '' } }] }));
        return out;
      }
      default: {
        if (isServerToolBlockType(cb.type)) {
          blocks.set(index, newBlock('server'));
          if (compliant) {
            lossOnce(path, SERVER_BLOCK_LEFT_OUT);
            return [];
          }
          const out = mirrorFromNow();
          out.push(chunk({ content_blocks: [{ index, content_block: { ...cb } }] }));
          return out;
        }
        blocks.set(index, newBlock('other'));
        lossOnce(path, `content block type ${JSON.stringify(cb.type)} has no OpenAI chat equivalent`);
        return [];
      }
    }
  }

  function newBlock(kind: Block['kind']): Block {
    return {
      kind,
      toolIndex: -1,
      argsSent: false,
      open: true,
      textStart: 0,
      citations: [],
      text: '',
      unmirrored: false,
    };
  }

  /** `content_blocks` mirrors text from now on: the text blocks sent so far go out whole, once */
  function mirrorFromNow(): Chunk[] {
    if (mirrorText) return [];
    mirrorText = true;
    const out: Chunk[] = [];
    for (const [index, block] of blocks) {
      if (block.unmirrored)
        lossOnce(
          `content[${index}]`,
          `text sent before the content_blocks extension started is over ${MIRROR_TEXT_LIMIT} characters: it is in content only`,
        );
      if (block.kind !== 'text' || block.text === '') continue;
      out.push(chunk({ content_blocks: [{ index, content_block: { type: 'text', text: block.text } }] }));
      block.text = '';
    }
    return out;
  }

  function textChunk(index: number, text: string, block: Block): Chunk[] {
    if (text === '') return [];
    textLength += text.length;
    if (mirrorText) return [chunk({ content: text, content_blocks: [{ index, delta: { text } }] })];
    if (!compliant) keepText(block, text);
    return [chunk({ content: text })];
  }

  /** keep text for a later mirroring, up to the limit; past it, let every kept text go */
  function keepText(block: Block, text: string): void {
    if (keptText >= 0 && keptText + text.length <= MIRROR_TEXT_LIMIT) {
      block.text += text;
      keptText += text.length;
      return;
    }
    if (keptText >= 0) {
      keptText = -1;
      for (const b of blocks.values())
        if (b.text !== '') {
          b.text = '';
          b.unmirrored = true;
        }
    }
    block.unmirrored = true;
  }

  /** a text block ended: its web-search citations become url_citation annotations over the block's range */
  function blockStop(index: number, block: Block): Chunk[] {
    block.open = false;
    // a call with no input: OpenAI sends "{}", and clients JSON.parse the arguments
    if (block.kind === 'tool' && !block.argsSent)
      return [chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: '{}' } }] })];
    if (block.kind !== 'text' || block.citations.length === 0) return [];
    const fake = new LossCollector(false);
    const found = citationsToAnnotations(
      block.citations,
      block.textStart,
      textLength,
      `content[${index}].citations`,
      fake,
      !compliant,
    );
    for (const l of fake.list) lossOnce(l.path, l.reason);
    annotations.push(...found);
    return [];
  }

  function thinkingChunk(index: number, thinking: string): Chunk {
    return chunk({ reasoning_content: thinking, content_blocks: [{ index, delta: { thinking } }] });
  }

  /** one citation of text block `index`: kept for its annotation, and sent whole in the extension */
  function citationChunk(index: number, citation: unknown): Chunk[] {
    const block = blocks.get(index);
    block?.citations.push(citation);
    if (compliant) return [];
    const out = mirrorFromNow();
    out.push(chunk({ content_blocks: [{ index, delta: { citation } }] }));
    return out;
  }

  function blockDelta(index: number, block: Block, delta: JsonObject): Chunk[] {
    const path = `content[${index}]`;
    switch (delta.type) {
      case 'text_delta':
        if (block.kind !== 'text') return bad(`text_delta for a ${block.kind} block`);
        return typeof delta.text === 'string' ? textChunk(index, delta.text, block) : [];
      case 'input_json_delta':
        if (block.kind === 'other') return [];
        if (block.kind === 'server')
          return compliant || typeof delta.partial_json !== 'string' || delta.partial_json === ''
            ? []
            : [chunk({ content_blocks: [{ index, delta: { partial_json: delta.partial_json } }] })];
        if (block.kind !== 'tool') return bad(`input_json_delta for a ${block.kind} block`);
        if (typeof delta.partial_json !== 'string' || delta.partial_json === '') return [];
        block.argsSent = true;
        return [chunk({ tool_calls: [{ index: block.toolIndex, function: { arguments: delta.partial_json } }] })];
      case 'thinking_delta':
        if (block.kind !== 'thinking') return bad(`thinking_delta for a ${block.kind} block`);
        return !compliant && typeof delta.thinking === 'string' && delta.thinking !== ''
          ? [thinkingChunk(index, delta.thinking)]
          : [];
      case 'signature_delta':
        if (block.kind !== 'thinking') return bad(`signature_delta for a ${block.kind} block`);
        return !compliant && typeof delta.signature === 'string'
          ? [chunk({ content_blocks: [{ index, delta: { signature: delta.signature } }] })]
          : [];
      case 'citations_delta':
        if (block.kind !== 'text') return bad(`citations_delta for a ${block.kind} block`);
        return citationChunk(index, delta.citation);
      default:
        // the block itself is carried (the folded message has it); only this delta kind is not
        if (block.kind !== 'other' && block.kind !== 'server')
          lossOnce(
            `${path}.deltas.${String(delta.type)}`,
            `delta type ${JSON.stringify(delta.type)} has no OpenAI chat equivalent`,
          );
        return [];
    }
  }

  function messageStop(): OpenAIStreamEvent[] {
    const { stopReason, stopSequence, refusal, usage } = driver.tally;
    const lossReason = anthropicStopReasonLoss(stopReason);
    if (lossReason !== undefined) lossOnce('stop_reason', lossReason);
    const finish = anthropicStopReasonToOpenAI(stopReason) ?? (toolCount > 0 ? 'tool_calls' : 'stop');
    const out: OpenAIStreamEvent[] = [];
    if (annotations.length > 0) out.push(chunk({ annotations }));
    if (refusal !== undefined) out.push(chunk({ refusal }));
    const last = chunk({}, finish);
    if (stopReason === 'stop_sequence' && typeof stopSequence === 'string') {
      if (compliant) lossOnce('stop_sequence', STOP_SEQUENCE_LEFT_OUT);
      else (last.choices as JsonObject[])[0]!.stop_sequence = stopSequence;
    }
    out.push(last);
    if (includeUsage)
      out.push({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: anthropicUsageToOpenAI(usage, !compliant),
      });
    out.push(OPENAI_DONE);
    return out;
  }

  const driver = createAnthropicStreamDriver<Block, OpenAIStreamEvent>({
    blocks,
    isOpen: (block) => block.open,
    losses,
    reasons: {
      field: 'field has no OpenAI chat equivalent',
      target: 'OpenAI chat',
      container: 'container has no OpenAI chat equivalent',
      refusalCategory: 'refusal categories have no Chat Completions equivalent',
    },
    messageStart,
    blockStart,
    blockDelta,
    blockStop,
    messageStop,
    error: (error) => [errorChunk(error)],
    usage: takeUsage,
  });

  return {
    push: driver.push,
    end() {
      if (driver.done) return [];
      driver.finish();
      return [openaiErrorBody(502, 'upstream stream ended before message_stop', { type: 'server_error', code: null })];
    },
    get losses() {
      return losses.list;
    },
  };
}
