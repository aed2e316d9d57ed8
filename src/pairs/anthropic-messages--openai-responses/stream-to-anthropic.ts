import { TranslationError } from '../../core/errors.js';
import { childPath } from '../../core/json-path.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { OnceLossCollector } from '../../core/once-loss-collector.js';
import type { StreamTranslator, TranslateOptions } from '../../core/options.js';
import type { AnthropicStreamEvent } from '../../formats/anthropic-messages/codec.js';
import { anthropicErrorBody } from '../../formats/anthropic-messages/errors.js';
import { messageEndEvents, messageStartEvent } from '../../formats/anthropic-messages/message-events.js';
import { openaiErrorTypeToAnthropic } from '../../formats/openai-chat/anthropic-errors.js';
import { readResponsesStreamError, statusForResponsesStreamError } from '../../formats/openai-responses/errors.js';
import { convertItemToBlocks, thinkingBlock } from './convert-output-to-content.js';
import { annotationToCitation } from './map-citations.js';
import { messageIdFor } from './map-ids.js';
import { reasoningText } from './map-reasoning.js';
import { statusToAnthropicStopReason } from './map-status.js';
import { restoreToolName } from './map-tool-names.js';
import { reportResponsesUsageLosses, responsesTierToAnthropic, responsesUsageToAnthropic } from './map-usage.js';

/**
 * Responses stream events -> Anthropic stream events (docs/mappings-anthropic-responses.md, "Streams").
 *
 * - `response.created` -> `message_start` (id `msg_<response id>`, usage zeros: Responses tells usage at the end).
 * - Items are followed by `output_index`, never by item id (servers change ids between events of one item):
 *   a `message`'s `output_text` parts -> text blocks (annotations -> `citations_delta`), `refusal` parts -> the
 *   refusal explanation; `reasoning` -> a thinking block (summary and reasoning text deltas; several summary parts
 *   joined with a blank line; the signature `<id>:<encrypted_content>` from `output_item.done`); `function_call` ->
 *   a tool_use block; `web_search_call` -> `server_tool_use` + `web_search_tool_result` at its `output_item.done`.
 * - Text and arguments are taken from wherever they first come: deltas, or only the `.done` event, or only the
 *   `output_item.done` item, or only the terminal response's `output` (items no event announced).
 * - `response.completed` / `response.incomplete` -> `message_delta` (stop reason, usage) + `message_stop`.
 * - `error` (either shape) or `response.failed` -> an Anthropic `error` event; an `error` followed by
 *   `response.failed` gives one. A stream that ends before a terminal event -> an `error` event.
 */

type Event = AnthropicStreamEvent;

type Open =
  | { kind: 'message'; index: number; text: boolean; partText: string; partSeen: boolean; parts: number }
  | { kind: 'reasoning'; index: number; text: boolean; summaryIndex: number; pieces: Set<number> }
  | { kind: 'call'; index: number; args: boolean; started: boolean }
  | { kind: 'other'; index: number };

const RESPONSE_EVENTS = new Set(['response.created', 'response.in_progress', 'response.queued']);
/** events that carry nothing for an Anthropic client (progress of built-in tools, keep-alives) */
const SILENT = new Set([
  'keepalive',
  'response.web_search_call.in_progress',
  'response.web_search_call.searching',
  'response.web_search_call.completed',
  'response.custom_tool_call_input.delta',
  'response.custom_tool_call_input.done',
]);

export function createResponsesToAnthropicStream(options: TranslateOptions = {}): StreamTranslator<unknown, Event> {
  const losses = new OnceLossCollector(options.strict ?? false);
  const context = options.context;
  let state: 'before' | 'open' | 'done' = 'before';
  let nextBlock = 0;
  /** the Anthropic block open now, if any */
  let block: 'text' | 'thinking' | 'tool' | 'whole' | undefined;
  let open: Open | undefined;
  /** output indexes that events announced (the terminal response's other items are added at the end) */
  const seen = new Set<number>();
  let calls = false;
  let refusal: string | undefined;
  let refusalSeen = false;

  const bad = (m: string): never => {
    throw new TranslationError('upstream', `Responses stream: ${m}`);
  };

  function start(response: unknown, out: Event[]): void {
    state = 'open';
    const r = isRecord(response) ? response : {};
    const model =
      options.model ?? (typeof r.model === 'string' && r.model !== '' ? r.model : (context?.clientModel ?? ''));
    out.push(messageStartEvent(messageIdFor(r.id, options.id), model, { input_tokens: 0, output_tokens: 0 }));
  }

  function startBlock(kind: 'text' | 'thinking' | 'tool', contentBlock: JsonObject, out: Event[]): void {
    stopBlock(out);
    out.push({ type: 'content_block_start', index: nextBlock, content_block: contentBlock });
    block = kind;
  }

  function stopBlock(out: Event[]): void {
    if (block === undefined) return;
    out.push({ type: 'content_block_stop', index: nextBlock });
    nextBlock++;
    block = undefined;
  }

  function delta(d: JsonObject, out: Event[]): void {
    out.push({ type: 'content_block_delta', index: nextBlock, delta: d });
  }

  /** whole blocks (a fallback item, a web search) */
  function emitBlocks(blocks: JsonObject[], out: Event[]): void {
    stopBlock(out);
    for (const b of blocks) {
      if (b.type === 'text') {
        startBlock('text', { type: 'text', text: '' }, out);
        delta({ type: 'text_delta', text: b.text }, out);
        if (Array.isArray(b.citations))
          for (const citation of b.citations) delta({ type: 'citations_delta', citation }, out);
      } else if (b.type === 'thinking') {
        startBlock('thinking', { type: 'thinking', thinking: '', signature: '' }, out);
        if (b.thinking !== '') delta({ type: 'thinking_delta', thinking: b.thinking }, out);
        if (b.signature !== '') delta({ type: 'signature_delta', signature: b.signature }, out);
      } else if (b.type === 'tool_use' || b.type === 'server_tool_use') {
        startBlock('tool', { type: b.type, id: b.id, name: b.name, input: {} }, out);
        const args = JSON.stringify(b.input ?? {});
        if (args !== '{}') delta({ type: 'input_json_delta', partial_json: args }, out);
      } else {
        out.push({ type: 'content_block_start', index: nextBlock, content_block: b });
        block = 'whole';
      }
      stopBlock(out);
    }
  }

  function closeOpen(out: Event[]): void {
    stopBlock(out);
    open = undefined;
  }

  function at(event: JsonObject): number {
    const i = event.output_index;
    return typeof i === 'number' ? i : bad(`${String(event.type)} without an output_index`);
  }

  /** the open item for an event of `output_index` (a text event for an item nobody announced opens a message) */
  function openFor(event: JsonObject, out: Event[]): Open {
    const index = at(event);
    if (open && open.index === index) return open;
    if (seen.has(index)) return bad(`${String(event.type)} for output ${index}, which is already done`);
    if (String(event.type).startsWith('response.output_text') || event.type === 'response.content_part.added') {
      closeOpen(out);
      seen.add(index);
      open = { kind: 'message', index, text: false, partText: '', partSeen: false, parts: 0 };
      return open;
    }
    return bad(`${String(event.type)} for output ${index}, which was not added`);
  }

  function itemAdded(event: JsonObject, out: Event[]): void {
    const index = at(event);
    const item = isRecord(event.item) ? event.item : bad('output_item.added without an item');
    closeOpen(out);
    seen.add(index);
    const path = childPath('output', index);
    switch (item.type) {
      case 'message':
        open = { kind: 'message', index, text: false, partText: '', partSeen: false, parts: 0 };
        return;
      case 'reasoning':
        open = { kind: 'reasoning', index, text: false, summaryIndex: -1, pieces: new Set() };
        startBlock('thinking', { type: 'thinking', thinking: '', signature: '' }, out);
        return;
      case 'function_call': {
        open = { kind: 'call', index, args: false, started: false };
        if (typeof item.call_id === 'string' && typeof item.name === 'string') {
          startCall(item, out);
          if (typeof item.arguments === 'string' && item.arguments !== '') callArgs(item.arguments, out);
        }
        return;
      }
      case 'web_search_call':
        open = { kind: 'other', index };
        return;
      default:
        open = { kind: 'other', index };
        losses.add(path, `output item type ${JSON.stringify(item.type)} has no Anthropic equivalent`);
    }
  }

  function startCall(item: JsonObject, out: Event[]): void {
    if (open?.kind !== 'call') return;
    if (typeof item.namespace === 'string')
      losses.add(
        childPath(childPath('output', open.index), 'namespace'),
        'tool namespaces have no Anthropic equivalent',
      );
    open.started = true;
    calls = true;
    startBlock(
      'tool',
      {
        type: 'tool_use',
        id: item.call_id,
        name: restoreToolName(item.name as string, context?.toolNames),
        input: {},
      },
      out,
    );
  }

  function callArgs(args: string, out: Event[]): void {
    if (open?.kind !== 'call' || args === '') return;
    if (!open.started) bad('function call arguments before the call has a name and call_id');
    open.args = true;
    delta({ type: 'input_json_delta', partial_json: args }, out);
  }

  function text(piece: string, out: Event[]): void {
    if (open?.kind !== 'message' || piece === '') return;
    if (block !== 'text') startBlock('text', { type: 'text', text: '' }, out);
    open.text = true;
    if (open.parts === 0) open.parts = 1;
    open.partSeen = true;
    open.partText += piece;
    delta({ type: 'text_delta', text: piece }, out);
  }

  function thinking(piece: string, summaryIndex: number, out: Event[]): void {
    if (open?.kind !== 'reasoning' || piece === '') return;
    if (open.text && summaryIndex !== open.summaryIndex) delta({ type: 'thinking_delta', thinking: '\n\n' }, out);
    open.summaryIndex = summaryIndex;
    open.pieces.add(summaryIndex);
    open.text = true;
    delta({ type: 'thinking_delta', thinking: piece }, out);
  }

  function itemDone(event: JsonObject, out: Event[]): void {
    const index = at(event);
    const item = isRecord(event.item) ? event.item : bad('output_item.done without an item');
    if (!(open && open.index === index)) {
      if (seen.has(index)) bad(`output_item.done for output ${index}, which is already done`);
      itemAdded({ output_index: index, item }, out);
    }
    const o = open!;
    const path = childPath('output', index);
    switch (item.type) {
      case 'message': {
        if (o.kind !== 'message') break;
        const parts = Array.isArray(item.content) ? item.content : [];
        if (o.parts === 0) {
          const r = convertItemToBlocks(item, path, context, losses);
          emitBlocks(r.blocks, out);
          if (r.refusal !== undefined && !refusalSeen) refusal = (refusal ?? '') + r.refusal;
        } else if (!refusalSeen) {
          for (const p of parts)
            if (isRecord(p) && p.type === 'refusal' && typeof p.refusal === 'string')
              refusal = (refusal ?? '') + p.refusal;
        }
        break;
      }
      case 'reasoning': {
        if (o.kind !== 'reasoning') break;
        const t = reasoningText(item);
        if (!o.text && t !== '') delta({ type: 'thinking_delta', thinking: t }, out);
        const signature = thinkingBlock(item).signature as string;
        if (signature !== '') delta({ type: 'signature_delta', signature }, out);
        break;
      }
      case 'function_call': {
        if (o.kind !== 'call') break;
        if (!o.started) {
          if (typeof item.call_id !== 'string' || typeof item.name !== 'string')
            bad(`function_call ${index} has no call_id or name`);
          startCall(item, out);
        }
        if (!o.args && typeof item.arguments === 'string') callArgs(item.arguments, out);
        break;
      }
      case 'web_search_call': {
        const r = convertItemToBlocks(item, path, context, losses);
        emitBlocks(r.blocks, out);
        break;
      }
      default:
        break;
    }
    closeOpen(out);
  }

  function finish(response: JsonObject, out: Event[]): void {
    closeOpen(out);
    const output = Array.isArray(response.output) ? response.output : [];
    output.forEach((item, i) => {
      if (seen.has(i)) return;
      seen.add(i);
      const r = convertItemToBlocks(item, childPath('output', i), context, losses);
      emitBlocks(r.blocks, out);
      if (r.call) calls = true;
      if (r.refusal !== undefined) refusal = (refusal ?? '') + r.refusal;
    });
    const reason = isRecord(response.incomplete_details) ? response.incomplete_details.reason : undefined;
    const stop = statusToAnthropicStopReason(response.status, reason, calls, refusal !== undefined);
    if (isRecord(response.usage)) reportResponsesUsageLosses(response.usage, 'usage', (p, r) => losses.add(p, r));
    const tier = response.service_tier;
    if (tier !== undefined && tier !== null && responsesTierToAnthropic(tier) !== 'standard')
      losses.add('service_tier', `service_tier ${JSON.stringify(tier)} has no Anthropic stream equivalent`);
    const u = responsesUsageToAnthropic(response.usage);
    const d: JsonObject = { stop_reason: stop, stop_sequence: null };
    if (stop === 'refusal') d.stop_details = { type: 'refusal', category: null, explanation: refusal ?? null };
    out.push(...messageEndEvents(d, u));
    state = 'done';
  }

  function errorEvent(source: unknown): Event {
    state = 'done';
    const info = readResponsesStreamError(source);
    const status = statusForResponsesStreamError(info);
    const type = openaiErrorTypeToAnthropic(info.type, info.code, status);
    return { type: 'error', error: anthropicErrorBody(status, info.message, type).error };
  }

  function push(input: unknown): Event[] {
    if (state === 'done') return [];
    const event = isRecord(input) ? input : bad('event is not an object');
    const type = event.type;
    if (type === 'error') return [errorEvent(event)];
    if (type === 'response.failed') {
      const r = isRecord(event.response) ? event.response : {};
      return [errorEvent(isRecord(r.error) ? r.error : { message: 'upstream response failed', code: 'server_error' })];
    }
    const out: Event[] = [];
    if (state === 'before') {
      if (typeof type === 'string' && SILENT.has(type)) return out;
      start(event.response, out);
    }
    switch (type) {
      case 'response.created':
      case 'response.in_progress':
      case 'response.queued':
        return out;
      case 'response.completed':
      case 'response.incomplete':
        finish(isRecord(event.response) ? event.response : {}, out);
        return out;
      case 'response.output_item.added':
        itemAdded(event, out);
        return out;
      case 'response.output_item.done':
        itemDone(event, out);
        return out;
      case 'response.content_part.added': {
        const o = openFor(event, out);
        if (o.kind !== 'message') return out;
        stopBlock(out);
        o.parts++;
        o.partText = '';
        o.partSeen = false;
        const part = isRecord(event.part) ? event.part : {};
        if (part.type === 'output_text' && typeof part.text === 'string') text(part.text, out);
        return out;
      }
      case 'response.output_text.delta':
        openFor(event, out);
        if (typeof event.delta === 'string') text(event.delta, out);
        return out;
      case 'response.output_text.done': {
        const o = openFor(event, out);
        if (o.kind === 'message' && !o.partSeen && typeof event.text === 'string') text(event.text, out);
        return out;
      }
      case 'response.output_text.annotation.added': {
        const o = openFor(event, out);
        const citation = annotationToCitation(event.annotation, o.kind === 'message' ? o.partText : '');
        if (!citation)
          losses.add(
            childPath(childPath('output', o.index), 'annotations'),
            'only url_citation annotations can be carried',
          );
        else if (block === 'text') delta({ type: 'citations_delta', citation }, out);
        else
          losses.add(
            childPath(childPath('output', o.index), 'annotations'),
            'an annotation outside a text part cannot be attached',
          );
        return out;
      }
      case 'response.content_part.done': {
        const o = openFor(event, out);
        if (o.kind !== 'message') return out;
        const part = isRecord(event.part) ? event.part : {};
        if (part.type === 'output_text' && !o.partSeen && typeof part.text === 'string') text(part.text, out);
        stopBlock(out);
        return out;
      }
      case 'response.refusal.delta':
        openFor(event, out);
        if (typeof event.delta === 'string') {
          refusal = (refusal ?? '') + event.delta;
          refusalSeen = true;
        }
        return out;
      case 'response.refusal.done':
        openFor(event, out);
        if (!refusalSeen && typeof event.refusal === 'string') {
          refusal = (refusal ?? '') + event.refusal;
          refusalSeen = true;
        }
        return out;
      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done':
        openFor(event, out);
        return out;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta': {
        const o = openFor(event, out);
        const si =
          typeof event.summary_index === 'number'
            ? event.summary_index
            : typeof event.content_index === 'number'
              ? event.content_index
              : 0;
        if (typeof event.delta === 'string' && o.kind === 'reasoning') thinking(event.delta, si, out);
        return out;
      }
      case 'response.reasoning_summary_text.done':
      case 'response.reasoning_text.done': {
        const o = openFor(event, out);
        const si =
          typeof event.summary_index === 'number'
            ? event.summary_index
            : typeof event.content_index === 'number'
              ? event.content_index
              : 0;
        if (o.kind === 'reasoning' && typeof event.text === 'string' && !o.pieces.has(si))
          thinking(event.text, si, out);
        return out;
      }
      case 'response.function_call_arguments.delta': {
        const o = openFor(event, out);
        if (o.kind === 'call' && typeof event.delta === 'string') callArgs(event.delta, out);
        return out;
      }
      case 'response.function_call_arguments.done': {
        const o = openFor(event, out);
        if (o.kind === 'call' && !o.args && typeof event.arguments === 'string') callArgs(event.arguments, out);
        return out;
      }
      default:
        if (typeof type === 'string' && (SILENT.has(type) || RESPONSE_EVENTS.has(type))) return out;
        losses.add(`events.${String(type)}`, `stream event type ${JSON.stringify(type)} has no Anthropic equivalent`);
        return out;
    }
  }

  return {
    push,
    end() {
      if (state === 'done') return [];
      return [errorEvent({ message: 'upstream stream ended before response.completed', code: 'server_error' })];
    },
    get losses() {
      return losses.list;
    },
  };
}
