import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { messageStartEvent } from '../../formats/anthropic-messages/message-events.js';
import { anthropicTypeForBedrockException } from '../../formats/bedrock-invoke/anthropic-errors.js';
import { converseStopToAnthropic, converseUsageToAnthropic } from './map-stop-reason-and-usage.js';

type Event = Record<string, unknown> & { type: string };

/** The one Anthropic block open at a time, and the Converse block it comes from. */
interface OpenBlock {
  cIndex: number;
  index: number;
  kind: 'text' | 'tool_use' | 'thinking' | 'redacted_thinking';
}

/**
 * ConverseStream events -> Anthropic stream events (docs/wire-formats.md#bedrock-converse-stream,
 * docs/wire-formats.md#anthropic-stream-grammar). `messageStart` -> `message_start`; the stop reason
 * (`messageStop`) and the usage (`metadata`, which comes after it) are held and sent together as `message_delta` +
 * `message_stop` when the upstream ends. Exceptions become `error` events; a stream without `messageStop` ends
 * with one.
 *
 * Blocks as Bedrock really frames them: text and reasoning blocks have no `contentBlockStart` (their first delta
 * opens them), and a block may get no `contentBlockStop` before the next block starts or before `messageStop`.
 * Anthropic blocks never overlap, so exactly one is open at a time: a block opens with its first delta (or its
 * `contentBlockStart`), and closes at its own stop, at the start of any other block, or at `messageStop`. A
 * delta for a block already closed that way opens a new block of its kind, after the others: order kept, nothing
 * dropped (tool input pieces excepted: without their block's id and name they cannot be carried, an upstream
 * error). Empty text deltas open nothing.
 */
export function createConverseToAnthropicStream(options: TranslateOptions = {}): StreamTranslator<unknown, Event> {
  const losses = new OnceLossCollector(options.strict);
  let open: OpenBlock | undefined;
  let next = 0;
  let started = false;
  let done = false;
  let stopReason: unknown;
  let usage: unknown;

  const start = (out: Event[]) => {
    if (started) return;
    started = true;
    out.push(
      messageStartEvent(
        options.id ?? 'msg_bedrock',
        options.model ?? options.context?.clientModel ?? 'bedrock',
        { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
        { stop_details: null },
      ),
    );
  };
  const close = (out: Event[]) => {
    if (!open) return;
    out.push({ type: 'content_block_stop', index: open.index });
    open = undefined;
  };
  const openBlock = (cIndex: number, block: Record<string, unknown> & { type: OpenBlock['kind'] }, out: Event[]) => {
    close(out);
    open = { cIndex, index: next++, kind: block.type };
    out.push({ type: 'content_block_start', index: open.index, content_block: block });
    return open;
  };
  /** The open block when it is `cIndex`'s and of `kind`; else a new one from `block`. */
  const blockFor = (
    cIndex: number,
    kind: OpenBlock['kind'],
    block: () => Record<string, unknown> & { type: OpenBlock['kind'] },
    out: Event[],
  ): OpenBlock => (open && open.cIndex === cIndex && open.kind === kind ? open : openBlock(cIndex, block(), out));

  const delta = (p: Record<string, unknown>, out: Event[]) => {
    const cIndex = typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0;
    const d = isRecord(p.delta) ? p.delta : {};
    if (typeof d.text === 'string') {
      const mine = open?.cIndex === cIndex && open.kind === 'text';
      if (d.text === '' && !mine) return;
      const b = blockFor(cIndex, 'text', () => ({ type: 'text', text: '' }), out);
      out.push({ type: 'content_block_delta', index: b.index, delta: { type: 'text_delta', text: d.text } });
    } else if (isRecord(d.toolUse)) {
      if (open?.cIndex !== cIndex || open.kind !== 'tool_use')
        throw new TranslationError(
          'upstream',
          `toolUse delta for block ${cIndex}, which is not an open tool use block`,
        );
      out.push({
        type: 'content_block_delta',
        index: open.index,
        delta: { type: 'input_json_delta', partial_json: typeof d.toolUse.input === 'string' ? d.toolUse.input : '' },
      });
    } else if (isRecord(d.reasoningContent)) {
      const r = d.reasoningContent;
      if (typeof r.redactedContent === 'string') {
        // Anthropic sends redacted thinking whole in its block start: a second piece cannot follow
        if (open?.cIndex === cIndex && open.kind === 'redacted_thinking')
          losses.add(
            'contentBlockDelta.delta.reasoningContent.redactedContent',
            'a second redactedContent delta for one block cannot be carried',
          );
        else openBlock(cIndex, { type: 'redacted_thinking', data: r.redactedContent }, out);
        return;
      }
      const b = blockFor(cIndex, 'thinking', () => ({ type: 'thinking', thinking: '', signature: '' }), out);
      if (typeof r.text === 'string')
        out.push({ type: 'content_block_delta', index: b.index, delta: { type: 'thinking_delta', thinking: r.text } });
      if (typeof r.signature === 'string')
        out.push({
          type: 'content_block_delta',
          index: b.index,
          delta: { type: 'signature_delta', signature: r.signature },
        });
    } else {
      losses.add('contentBlockDelta.delta', 'this Converse delta has no Anthropic equivalent');
    }
  };

  return {
    push(event) {
      if (done) return [];
      if (!isRecord(event)) throw new TranslationError('upstream', 'a Converse stream event must be an object');
      const name = Object.keys(event)[0] ?? '';
      const p = isRecord(event[name]) ? (event[name] as Record<string, unknown>) : {};
      const out: Event[] = [];
      if (/Exception$/.test(name)) {
        done = true;
        return [
          {
            type: 'error',
            error: {
              type: anthropicTypeForBedrockException(name),
              message: typeof p.message === 'string' ? p.message : name,
            },
          },
        ];
      }
      start(out);
      switch (name) {
        case 'messageStart':
          break;
        case 'contentBlockStart': {
          const cIndex = typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0;
          const st = isRecord(p.start) ? p.start : {};
          if (isRecord(st.toolUse)) {
            const t = st.toolUse;
            openBlock(
              cIndex,
              { type: 'tool_use', id: String(t.toolUseId ?? ''), name: String(t.name ?? ''), input: {} },
              out,
            );
          } else {
            close(out);
            losses.add('contentBlockStart.start', 'this Converse block start has no Anthropic equivalent');
          }
          break;
        }
        case 'contentBlockDelta':
          delta(p, out);
          break;
        case 'contentBlockStop':
          // a stop for a block already closed (by the next block's start) says nothing more
          if (open?.cIndex === (typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0)) close(out);
          break;
        case 'messageStop':
          close(out);
          stopReason = p.stopReason;
          if (p.additionalModelResponseFields !== undefined)
            losses.add('messageStop.additionalModelResponseFields', 'not carried');
          break;
        case 'metadata':
          usage = p.usage;
          if (p.metrics !== undefined)
            losses.add('metadata.metrics', 'Converse latency metrics have no place in an Anthropic stream');
          break;
        default:
          break; // unknown event types are skipped, as the AWS SDKs do
      }
      return out;
    },
    end() {
      if (done) return [];
      done = true;
      const out: Event[] = [];
      start(out);
      if (stopReason === undefined) {
        out.push({
          type: 'error',
          error: { type: 'api_error', message: 'the upstream Converse stream ended before messageStop' },
        });
        return out;
      }
      close(out);
      const stop = converseStopToAnthropic(stopReason);
      if (stop.loss) losses.add('messageStop.stopReason', stop.loss);
      out.push(
        {
          type: 'message_delta',
          delta: {
            stop_reason: stop.stopReason,
            stop_sequence: null,
            stop_details: stop.stopReason === 'refusal' ? { type: 'refusal', category: null, explanation: null } : null,
          },
          usage: converseUsageToAnthropic(usage),
        },
        { type: 'message_stop' },
      );
      return out;
    },
    get losses() {
      return losses.list;
    },
  };
}
