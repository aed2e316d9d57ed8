import { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import { statusForAnthropicErrorType } from '../../formats/anthropic-messages/errors.js';
import {
  badAnthropicStream as bad,
  createAnthropicStreamDriver,
} from '../../formats/anthropic-messages/stream-driver.js';
import { anthropicErrorTypeToOpenAI } from '../../formats/openai-chat/anthropic-errors.js';
import type { ResponsesStreamEvent } from '../../formats/openai-responses/codec.js';
import { responseErrorCodeForStatus, responsesErrorCodeForStatus } from '../../formats/openai-responses/errors.js';
import {
  callItem,
  messageItem,
  outputText,
  reasoningItem,
  webSearchItem,
  webSearchSources,
} from './convert-content-to-output.js';
import { CUSTOM_INPUT_KEY } from './extensions.js';
import { citationsToAnnotations } from './map-citations.js';
import { responseShell } from './map-echo.js';
import { itemId, responseIdFor, webSearchCallId } from './map-ids.js';
import { encryptedContentFor } from './map-reasoning.js';
import { anthropicStopReasonLoss, anthropicStopReasonToStatus } from './map-status.js';
import { toolOrigin } from './map-tool-names.js';
import { anthropicTierToResponses, anthropicUsageToResponses, reportAnthropicUsageLosses } from './map-usage.js';

/**
 * Anthropic stream events -> Responses stream events (docs/wire-formats.md#responses-stream-events,
 * docs/mappings-anthropic-responses.md "Streams").
 *
 * - `message_start` -> `response.created` and `response.in_progress` (the response shell: no output, no usage).
 * - text blocks -> an assistant `message` item (`output_item.added`), one `output_text` part per block
 *   (`content_part.added`, `output_text.delta`…, citations as `output_text.annotation.added` at the block's end,
 *   `output_text.done`, `content_part.done`); the message item stays open across text blocks and is done when
 *   another kind of block starts or the message ends.
 * - thinking -> a `reasoning` item: `reasoning_summary_part.added` at the first text, `reasoning_summary_text.delta`…,
 *   `.done` and `reasoning_summary_part.done`; the signature rides on `output_item.done` as `encrypted_content`.
 *   redacted_thinking -> a reasoning item added and done at once.
 * - tool_use -> a `function_call` item (`function_call_arguments.delta`… `.done`); for a client's custom tool a
 *   `custom_tool_call` item whose input string comes whole at the block's end (`custom_tool_call_input.delta`, `.done`).
 * - a web search (`server_tool_use` then its `web_search_tool_result`) -> a `web_search_call` item with its
 *   `in_progress`, `searching`, `completed` events.
 * - `message_stop` -> a refusal part when the model refused, the open item done, then `response.completed` or
 *   `response.incomplete` carrying the whole response (every item, usage, status).
 * - `error`, or the upstream ending before `message_stop` -> `error` then `response.failed` (with the items so
 *   far); nothing after them.
 *
 * `sequence_number` counts every event from 0. Losses are reported at the paths of the message the stream folds
 * into, as in the non-stream translation.
 */

type Event = ResponsesStreamEvent;

interface OpenMessage {
  kind: 'message';
  index: number;
  item: JsonObject;
  content: JsonObject[];
}

type Block =
  | { kind: 'text'; message: OpenMessage; part: number; text: string; citations: unknown[] }
  | { kind: 'thinking'; index: number; id: string; text: string; partOpen: boolean; signature: string }
  | { kind: 'tool'; index: number; item: JsonObject; custom: boolean; args: string; name: string; id: string }
  | { kind: 'server'; id: string; args: string }
  | { kind: 'other' };

export function createAnthropicToResponsesStream(options: TranslateOptions = {}): StreamTranslator<unknown, Event> {
  const losses = new OnceLossCollector(options.strict ?? false);
  const context = options.context;
  const created = options.created ?? 0;
  let id = responseIdFor(undefined, options.id);
  let model = options.model ?? context?.clientModel ?? '';
  let seq = 0;
  /** every output item so far, as it stands (replaced by its final form when done) */
  const items: JsonObject[] = [];
  let message: OpenMessage | undefined;
  const blocks = new Map<number, Block>();
  let pendingSearch: { id: string; query: unknown } | undefined;
  /**
   * The last item done, whose `output_item.done` waits for the next item or the end: a turn cut by max_tokens cuts
   * its last item, which is then `incomplete` (as the non-stream translation marks it), not `completed`.
   */
  let lastDone: { index: number; item: JsonObject } | undefined;

  const lossOnce = (path: string, reason: string): void => losses.add(path, reason);
  const ev = (type: string, fields: JsonObject): Event => ({ type, sequence_number: seq++, ...fields });

  const shell = (
    status: string,
    output: unknown[],
    extra: Partial<{ error: JsonObject; incomplete: JsonObject | null; usage: unknown }> = {},
  ): JsonObject => {
    const tier = anthropicTierToResponses(driver.tally.usage.service_tier);
    return responseShell(
      {
        id,
        createdAt: created,
        model,
        status,
        error: extra.error ?? null,
        incompleteDetails: extra.incomplete ?? null,
        output,
        usage: extra.usage ?? null,
        ...(tier !== undefined ? { serviceTier: tier } : {}),
      },
      context,
    );
  };
  /** the output so far, as a client has accumulated it (open items with the text and arguments streamed so far) */
  const snapshot = (): JsonObject[] => {
    const out = items.map((i) => structuredClone(i));
    for (const b of blocks.values()) {
      if (b.kind === 'thinking') out[b.index] = reasoningItem(b.id, b.text, undefined);
      else if (b.kind === 'tool' && !b.custom) out[b.index] = { ...out[b.index], arguments: b.args };
    }
    return out;
  };

  function flushDone(out: Event[], cut = false): void {
    if (!lastDone) return;
    const { index, item } = lastDone;
    lastDone = undefined;
    if (cut && typeof item.status === 'string') item.status = 'incomplete';
    out.push(ev('response.output_item.done', { output_index: index, item: structuredClone(item) }));
  }

  function openMessage(out: Event[]): OpenMessage {
    if (message) return message;
    flushDone(out);
    const index = items.length;
    const item = messageItem(itemId('msg', id, index), 'in_progress', []);
    items.push(item);
    // the item's own content list: the parts added so far are part of the output snapshot
    message = { kind: 'message', index, item, content: item.content as JsonObject[] };
    out.push(ev('response.output_item.added', { output_index: index, item: structuredClone(item) }));
    return message;
  }

  function closeMessage(out: Event[], status = 'completed'): void {
    if (!message) return;
    const done = messageItem(message.item.id as string, status, message.content);
    items[message.index] = done;
    out.push(ev('response.output_item.done', { output_index: message.index, item: structuredClone(done) }));
    message = undefined;
  }

  function addItem(item: JsonObject, out: Event[]): number {
    closeMessage(out);
    flushDone(out);
    const index = items.length;
    items.push(item);
    out.push(ev('response.output_item.added', { output_index: index, item: structuredClone(item) }));
    return index;
  }

  function doneItem(index: number, item: JsonObject, out: Event[]): void {
    flushDone(out);
    items[index] = item;
    lastDone = { index, item };
  }

  function messageStart(m: JsonObject): Event[] {
    id = responseIdFor(m.id, options.id);
    if (options.model === undefined) model = typeof m.model === 'string' ? m.model : (context?.clientModel ?? '');
    return [
      ev('response.created', { response: shell('in_progress', []) }),
      ev('response.in_progress', { response: shell('in_progress', []) }),
    ];
  }

  function textDelta(block: Extract<Block, { kind: 'text' }>, text: string, out: Event[]): void {
    if (text === '') return;
    block.text += text;
    (block.message.content[block.part] as JsonObject).text = block.text;
    out.push(
      ev('response.output_text.delta', {
        item_id: block.message.item.id,
        output_index: block.message.index,
        content_index: block.part,
        delta: text,
        logprobs: [],
      }),
    );
  }

  function thinkingDelta(block: Extract<Block, { kind: 'thinking' }>, text: string, out: Event[]): void {
    if (text === '') return;
    const at = { item_id: block.id, output_index: block.index, summary_index: 0 };
    if (!block.partOpen) {
      block.partOpen = true;
      out.push(ev('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } }));
    }
    block.text += text;
    out.push(ev('response.reasoning_summary_text.delta', { ...at, delta: text }));
  }

  function blockStart(index: number, cb: JsonObject): Event[] {
    const out: Event[] = [];
    const path = `content[${index}]`;
    switch (cb.type) {
      case 'text': {
        const m = openMessage(out);
        const part = m.content.length;
        m.content.push(outputText('', []));
        out.push(
          ev('response.content_part.added', {
            item_id: m.item.id,
            output_index: m.index,
            content_index: part,
            part: outputText('', []),
          }),
        );
        const block: Block = { kind: 'text', message: m, part, text: '', citations: [] };
        if (Array.isArray(cb.citations)) block.citations.push(...cb.citations);
        blocks.set(index, block);
        if (typeof cb.text === 'string') textDelta(block, cb.text, out);
        return out;
      }
      case 'thinking': {
        const at = items.length;
        const itemIdValue = itemId('rs', id, at);
        const i = addItem(reasoningItem(itemIdValue, '', undefined), out);
        const block: Block = { kind: 'thinking', index: i, id: itemIdValue, text: '', partOpen: false, signature: '' };
        blocks.set(index, block);
        if (typeof cb.thinking === 'string') thinkingDelta(block, cb.thinking, out);
        if (typeof cb.signature === 'string') block.signature += cb.signature;
        return out;
      }
      case 'redacted_thinking': {
        const at = items.length;
        const rid = itemId('rs', id, at);
        const i = addItem(reasoningItem(rid, '', undefined), out);
        const data = typeof cb.data === 'string' ? cb.data : '';
        doneItem(i, reasoningItem(rid, '', encryptedContentFor({ type: 'redacted', data })), out);
        blocks.set(index, { kind: 'other' });
        return out;
      }
      case 'tool_use': {
        const name = typeof cb.name === 'string' ? cb.name : bad('tool_use block without a name');
        const callId = typeof cb.id === 'string' ? cb.id : bad('tool_use block without an id');
        const at = items.length;
        const custom = toolOrigin(name, context)?.kind === 'custom';
        const shellItem = callItem(
          id,
          at,
          'in_progress',
          { id: callId, name, input: { [CUSTOM_INPUT_KEY]: '' }, args: '' },
          context,
          () => {},
        );
        const i = addItem(shellItem, out);
        const input = cb.input;
        const args = isRecord(input) && Object.keys(input).length > 0 ? JSON.stringify(input) : '';
        const block: Block = { kind: 'tool', index: i, item: shellItem, custom, args: '', name, id: callId };
        blocks.set(index, block);
        toolArgs(block, args, out);
        return out;
      }
      case 'server_tool_use': {
        closeMessage(out);
        if (cb.name !== 'web_search') {
          lossOnce(path, `server tool ${JSON.stringify(cb.name)} has no Responses output item`);
          blocks.set(index, { kind: 'other' });
          return out;
        }
        const input = cb.input;
        blocks.set(index, {
          kind: 'server',
          id: typeof cb.id === 'string' ? cb.id : '',
          args: isRecord(input) && Object.keys(input).length > 0 ? JSON.stringify(input) : '',
        });
        return out;
      }
      case 'web_search_tool_result': {
        blocks.set(index, { kind: 'other' });
        if (!pendingSearch || cb.tool_use_id !== pendingSearch.id) {
          lossOnce(path, 'a web_search_tool_result without its server_tool_use has no Responses output item');
          return out;
        }
        const at = items.length;
        const wsId = webSearchCallId(pendingSearch.id, itemId('ws', id, at));
        const query = pendingSearch.query;
        pendingSearch = undefined;
        const i = addItem(
          {
            id: wsId,
            type: 'web_search_call',
            status: 'in_progress',
            action: { type: 'search', query: typeof query === 'string' ? query : '' },
          },
          out,
        );
        for (const step of ['in_progress', 'searching', 'completed'])
          out.push(ev(`response.web_search_call.${step}`, { output_index: i, item_id: wsId }));
        doneItem(i, webSearchItem(wsId, query, webSearchSources(cb.content)), out);
        return out;
      }
      default:
        closeMessage(out);
        blocks.set(index, { kind: 'other' });
        lossOnce(path, `content block type ${JSON.stringify(cb.type)} has no Responses output item`);
        return out;
    }
  }

  function toolArgs(block: Extract<Block, { kind: 'tool' }>, piece: string, out: Event[]): void {
    if (piece === '') return;
    block.args += piece;
    if (!block.custom)
      out.push(
        ev('response.function_call_arguments.delta', {
          item_id: block.item.id,
          output_index: block.index,
          delta: piece,
        }),
      );
  }

  function blockDelta(index: number, block: Block, delta: JsonObject): Event[] {
    const out: Event[] = [];
    switch (delta.type) {
      case 'text_delta':
        if (block.kind !== 'text') return bad(`text_delta for a ${block.kind} block`);
        if (typeof delta.text === 'string') textDelta(block, delta.text, out);
        return out;
      case 'citations_delta':
        if (block.kind !== 'text') return bad(`citations_delta for a ${block.kind} block`);
        block.citations.push(delta.citation);
        return out;
      case 'thinking_delta':
        if (block.kind !== 'thinking') return bad(`thinking_delta for a ${block.kind} block`);
        if (typeof delta.thinking === 'string') thinkingDelta(block, delta.thinking, out);
        return out;
      case 'signature_delta':
        if (block.kind !== 'thinking') return bad(`signature_delta for a ${block.kind} block`);
        if (typeof delta.signature === 'string') block.signature += delta.signature;
        return out;
      case 'input_json_delta':
        if (typeof delta.partial_json !== 'string') return out;
        if (block.kind === 'tool') toolArgs(block, delta.partial_json, out);
        else if (block.kind === 'server') block.args += delta.partial_json;
        else if (block.kind !== 'other') return bad(`input_json_delta for a ${block.kind} block`);
        return out;
      default:
        if (block.kind !== 'other')
          lossOnce(
            `content[${index}].deltas.${String(delta.type)}`,
            `delta type ${JSON.stringify(delta.type)} has no Responses equivalent`,
          );
        return out;
    }
  }

  function blockStop(index: number, block: Block): Event[] {
    blocks.set(index, { kind: 'other' });
    const out: Event[] = [];
    switch (block.kind) {
      case 'text': {
        const m = block.message;
        const at = { item_id: m.item.id, output_index: m.index, content_index: block.part };
        const collector = new LossCollector(false);
        const annotations = citationsToAnnotations(
          block.citations,
          block.text.length,
          `content[${index}].citations`,
          (p, r) => collector.add(p, r),
        );
        for (const l of collector.list) lossOnce(l.path, l.reason);
        annotations.forEach((annotation, annotation_index) => {
          out.push(ev('response.output_text.annotation.added', { ...at, annotation_index, annotation }));
        });
        const part = outputText(block.text, annotations);
        m.content[block.part] = part;
        out.push(ev('response.output_text.done', { ...at, text: block.text, logprobs: [] }));
        out.push(ev('response.content_part.done', { ...at, part: structuredClone(part) }));
        return out;
      }
      case 'thinking': {
        if (block.partOpen) {
          const at = { item_id: block.id, output_index: block.index, summary_index: 0 };
          out.push(ev('response.reasoning_summary_text.done', { ...at, text: block.text }));
          out.push(
            ev('response.reasoning_summary_part.done', { ...at, part: { type: 'summary_text', text: block.text } }),
          );
        }
        const enc =
          block.signature === '' ? undefined : encryptedContentFor({ type: 'thinking', signature: block.signature });
        doneItem(block.index, reasoningItem(block.id, block.text, enc), out);
        return out;
      }
      case 'tool': {
        const at = { item_id: block.item.id, output_index: block.index };
        let input: unknown = {};
        if (block.args !== '') {
          try {
            input = JSON.parse(block.args);
          } catch {
            input = undefined;
          }
        }
        const final = callItem(
          id,
          block.index,
          'completed',
          { id: block.id, name: block.name, input, args: block.args === '' ? '{}' : block.args },
          context,
          (reason) => lossOnce(`content[${index}].input`, reason),
        );
        if (block.custom) {
          const text = final.input as string;
          if (text !== '') out.push(ev('response.custom_tool_call_input.delta', { ...at, delta: text }));
          out.push(ev('response.custom_tool_call_input.done', { ...at, input: text }));
        } else out.push(ev('response.function_call_arguments.done', { ...at, arguments: final.arguments }));
        doneItem(block.index, final, out);
        return out;
      }
      case 'server': {
        let query: unknown;
        try {
          const parsed: unknown = block.args === '' ? {} : JSON.parse(block.args);
          query = isRecord(parsed) ? parsed.query : undefined;
        } catch {
          query = undefined;
        }
        pendingSearch = { id: block.id, query };
        return out;
      }
      default:
        return out;
    }
  }

  /** a refusal with no explanation still gets its (empty) refusal part */
  function messageDelta(): void {
    const tally = driver.tally;
    if (tally.stopReason === 'refusal' && tally.refusal === undefined) tally.refusal = '';
  }

  function messageStop(): Event[] {
    const { stopReason, refusal, usage } = driver.tally;
    const out: Event[] = [];
    const lossReason = anthropicStopReasonLoss(stopReason);
    if (lossReason !== undefined) lossOnce('stop_reason', lossReason);
    if (pendingSearch) lossOnce('content', 'a web search without its result has no Responses output item');
    const status = anthropicStopReasonToStatus(stopReason);
    if (refusal !== undefined) {
      const m = openMessage(out);
      const part = m.content.length;
      const at = { item_id: m.item.id, output_index: m.index, content_index: part };
      m.content.push({ type: 'refusal', refusal });
      out.push(ev('response.content_part.added', { ...at, part: { type: 'refusal', refusal: '' } }));
      if (refusal !== '') out.push(ev('response.refusal.delta', { ...at, delta: refusal }));
      out.push(ev('response.refusal.done', { ...at, refusal }));
      out.push(ev('response.content_part.done', { ...at, part: { type: 'refusal', refusal } }));
    }
    const cut = status.status === 'incomplete' && refusal === undefined;
    // a cut turn marks its last item incomplete: the open message, or the item done last (a call or reasoning the
    // upstream closed before its stop reason came), as the non-stream translation does
    flushDone(out, cut);
    if (message) closeMessage(out, cut ? 'incomplete' : 'completed');
    driver.finish();
    const response = shell(status.status, snapshot(), {
      incomplete: status.incomplete_details,
      usage: anthropicUsageToResponses(usage),
    });
    if (typeof usage.service_tier === 'string' && anthropicTierToResponses(usage.service_tier) === undefined)
      lossOnce('usage.service_tier', `service tier ${JSON.stringify(usage.service_tier)} has no Responses equivalent`);
    out.push(ev(status.status === 'completed' ? 'response.completed' : 'response.incomplete', { response }));
    return out;
  }

  /** `error` then `response.failed`, numbered after what went out. */
  function failure(status: number, message: string, code: string): Event[] {
    driver.finish();
    const done: Event[] = [];
    flushDone(done);
    return [
      ...done,
      ev('error', { code, message, param: null }),
      ev('response.failed', {
        response: shell('failed', snapshot(), { error: { code: responseErrorCodeForStatus(status), message } }),
      }),
    ];
  }

  function errorEvents(error: unknown): Event[] {
    const e = isRecord(error) ? error : {};
    const type = typeof e.type === 'string' ? e.type : 'api_error';
    const msg = typeof e.message === 'string' ? e.message : 'upstream error';
    const status = statusForAnthropicErrorType(type);
    const mapped = anthropicErrorTypeToOpenAI(type, status);
    return failure(status, msg, mapped.code ?? mapped.type);
  }

  const driver = createAnthropicStreamDriver<Block, Event>({
    blocks,
    losses,
    reasons: {
      field: 'field has no Responses stream equivalent',
      target: 'Responses',
      container: 'containers have no Responses equivalent',
      refusalCategory: 'refusal categories have no Responses equivalent',
    },
    messageStart,
    blockStart,
    blockDelta,
    blockStop,
    messageDelta,
    messageStop,
    error: errorEvents,
    usage: (u) => reportAnthropicUsageLosses(u, 'usage', lossOnce),
  });

  return {
    push: driver.push,
    end() {
      if (driver.done) return [];
      return failure(502, 'upstream stream ended before message_stop', responsesErrorCodeForStatus(500));
    },
    fail(status, message) {
      if (driver.done) return [];
      return failure(status, message, responsesErrorCodeForStatus(status));
    },
    get losses() {
      return losses.list;
    },
  };
}
