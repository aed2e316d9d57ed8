import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { anthropicTypeForBedrockException } from '../../formats/bedrock-invoke/anthropic-errors.js';
import { converseStopToAnthropic, converseUsageToAnthropic } from './map-stop-reason-and-usage.js';

type Event = Record<string, unknown> & { type: string };

/**
 * ConverseStream events -> Anthropic stream events. `messageStart` -> `message_start`; text and
 * reasoning blocks have no `contentBlockStart`, so their first delta opens them; `contentBlockStop` ->
 * `content_block_stop`. The stop reason (`messageStop`) and the usage (`metadata`, which comes after
 * it) are held and sent together as `message_delta` + `message_stop` when the upstream ends. Exceptions
 * become `error` events; a stream without `messageStop` ends with one.
 */
export function createConverseToAnthropicStream(options: TranslateOptions = {}): StreamTranslator<unknown, Event> {
  const losses = new OnceLossCollector(options.strict);
  const indexes = new Map<number, { index: number; kind: string }>();
  let next = 0;
  let started = false;
  let done = false;
  let stopReason: unknown;
  let usage: unknown;

  const start = (out: Event[]) => {
    if (started) return;
    started = true;
    out.push({
      type: 'message_start',
      message: {
        id: options.id ?? 'msg_bedrock',
        type: 'message',
        role: 'assistant',
        model: options.model ?? options.context?.clientModel ?? 'bedrock',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
      },
    });
  };
  const open = (cIndex: number, block: Record<string, unknown>, out: Event[]) => {
    const index = next++;
    indexes.set(cIndex, { index, kind: String(block.type) });
    out.push({ type: 'content_block_start', index, content_block: block });
    return index;
  };

  const delta = (p: Record<string, unknown>, out: Event[]) => {
    const cIndex = typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0;
    const d = isRecord(p.delta) ? p.delta : {};
    let b = indexes.get(cIndex);
    if (typeof d.text === 'string') {
      const index = b?.index ?? open(cIndex, { type: 'text', text: '' }, out);
      out.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: d.text } });
    } else if (isRecord(d.toolUse)) {
      if (!b) throw new TranslationError('upstream', `toolUse delta for block ${cIndex} without contentBlockStart`);
      out.push({
        type: 'content_block_delta',
        index: b.index,
        delta: { type: 'input_json_delta', partial_json: typeof d.toolUse.input === 'string' ? d.toolUse.input : '' },
      });
    } else if (isRecord(d.reasoningContent)) {
      const r = d.reasoningContent;
      if (typeof r.redactedContent === 'string') {
        // Anthropic sends redacted thinking whole in its block start: a second piece cannot follow
        if (!b) open(cIndex, { type: 'redacted_thinking', data: r.redactedContent }, out);
        else
          losses.add(
            'contentBlockDelta.delta.reasoningContent.redactedContent',
            'a second redactedContent delta for one block cannot be carried',
          );
        return;
      }
      if (!b) {
        open(cIndex, { type: 'thinking', thinking: '', signature: '' }, out);
        b = indexes.get(cIndex);
      }
      const index = b!.index;
      if (typeof r.text === 'string')
        out.push({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: r.text } });
      if (typeof r.signature === 'string')
        out.push({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: r.signature } });
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
          const s = isRecord(p.start) ? p.start : {};
          if (isRecord(s.toolUse)) {
            const t = s.toolUse;
            open(
              cIndex,
              { type: 'tool_use', id: String(t.toolUseId ?? ''), name: String(t.name ?? ''), input: {} },
              out,
            );
          } else losses.add('contentBlockStart.start', 'this Converse block start has no Anthropic equivalent');
          break;
        }
        case 'contentBlockDelta':
          delta(p, out);
          break;
        case 'contentBlockStop': {
          const cIndex = typeof p.contentBlockIndex === 'number' ? p.contentBlockIndex : 0;
          const b = indexes.get(cIndex);
          if (b) out.push({ type: 'content_block_stop', index: b.index });
          indexes.delete(cIndex);
          break;
        }
        case 'messageStop':
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
      for (const b of indexes.values()) out.push({ type: 'content_block_stop', index: b.index });
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
