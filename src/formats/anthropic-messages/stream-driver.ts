import { TranslationError } from '../../core/errors.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord, type JsonObject } from '../../core/narrow.js';
import { ANTHROPIC_MESSAGE_KEYS } from './message-keys.js';

/**
 * The one reader of an Anthropic event stream for translators that turn it into another format
 * (docs/wire-formats.md#anthropic-stream-grammar): the order of events (`message_start` first, nothing after
 * `message_stop` or `error`, `ping` skipped), block indexes (started once, deltas and stops only for a started
 * block), unknown fields and event types reported as losses, and the message-level facts the events accumulate
 * (stop reason, stop sequence, refusal explanation, cumulative usage). The translator says what each event becomes.
 */

/** What the stream has said about the message so far. */
export interface AnthropicStreamTally {
  stopReason: unknown;
  stopSequence: unknown;
  /** `stop_details.explanation` of a refusal */
  refusal: string | undefined;
  /** `message_start` usage, overwritten key by key by each `message_delta` usage (the counts are cumulative) */
  usage: JsonObject;
}

export interface AnthropicStreamHandlers<Block, Out> {
  /** the translator's blocks by Anthropic index: a `content_block_start` handler adds its block */
  blocks: Map<number, Block>;
  /** whether a started block still takes deltas and its stop (default: every started block) */
  isOpen?: (block: Block) => boolean;
  losses: LossCollector;
  /** loss reasons, in the target's words */
  reasons: {
    /** a field of an event or of the message that is not carried */
    field: string;
    /** the target's name in "stream event type X has no <name> equivalent" */
    target: string;
    container: string;
    refusalCategory: string;
  };
  /** `message_start`, after its unknown fields and usage were taken */
  messageStart(message: JsonObject): Out[];
  blockStart(index: number, contentBlock: JsonObject): Out[];
  blockDelta(index: number, block: Block, delta: JsonObject): Out[];
  blockStop(index: number, block: Block): Out[];
  /** a `message_delta`, after the tally took it */
  messageDelta?(delta: JsonObject): void;
  /** `message_stop` (the stream is done after it; `finish()` marks it done sooner) */
  messageStop(): Out[];
  /** the `error` event (the stream is done after it) */
  error(error: unknown): Out[];
  /** usage of `message_start` or `message_delta`: report what the target cannot carry */
  usage(usage: JsonObject): void;
}

export interface AnthropicStreamDriver<Out> {
  push(input: unknown): Out[];
  readonly tally: AnthropicStreamTally;
  /** `message_stop` or `error` came, or the translator ended the stream */
  readonly done: boolean;
  /** nothing more is read: the stream ended (cut short, or failed) */
  finish(): void;
}

const MESSAGE_DELTA_KEYS = new Set(['stop_reason', 'stop_sequence', 'stop_details', 'container']);
/** top-level keys of each event type that are carried */
const EVENT_KEYS = new Map<unknown, ReadonlySet<string>>([
  ['content_block_start', new Set(['type', 'index', 'content_block'])],
  ['content_block_delta', new Set(['type', 'index', 'delta'])],
  ['content_block_stop', new Set(['type', 'index'])],
  ['message_delta', new Set(['type', 'delta', 'usage'])],
  ['message_stop', new Set(['type'])],
]);
const KNOWN_EVENTS = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
  'error',
]);

/** A malformed Anthropic stream: an upstream error. */
export function badAnthropicStream(message: string): never {
  throw new TranslationError('upstream', `Anthropic stream: ${message}`);
}

export function createAnthropicStreamDriver<Block, Out>(
  h: AnthropicStreamHandlers<Block, Out>,
): AnthropicStreamDriver<Out> {
  const bad = badAnthropicStream;
  const { blocks, losses, reasons } = h;
  let state: 'before' | 'open' | 'done' = 'before';
  const tally: AnthropicStreamTally = { stopReason: null, stopSequence: null, refusal: undefined, usage: {} };

  /** report keys of `obj` outside `known` that carry something (not null) */
  const lossUnknown = (obj: JsonObject, known: ReadonlySet<string>): void => {
    for (const key in obj)
      if (!known.has(key) && obj[key] !== null && obj[key] !== undefined) losses.add(key, reasons.field);
  };

  const blockAt = (event: JsonObject): [number, Block] => {
    const index = event.index;
    if (typeof index !== 'number') return bad(`${String(event.type)} without an index`);
    const block = blocks.get(index);
    if (block === undefined || (h.isOpen !== undefined && !h.isOpen(block)))
      return bad(`${String(event.type)} for block ${index}, which is not open`);
    return [index, block];
  };

  function messageStart(event: JsonObject): Out[] {
    if (state !== 'before') return bad('a second message_start');
    const message = isRecord(event.message) ? event.message : bad('message_start without a message');
    lossUnknown(message, ANTHROPIC_MESSAGE_KEYS);
    if (isRecord(message.usage)) {
      tally.usage = { ...message.usage };
      h.usage(message.usage);
    }
    state = 'open';
    return h.messageStart(message);
  }

  function blockStart(event: JsonObject): Out[] {
    const index = event.index;
    if (typeof index !== 'number' || blocks.has(index))
      return bad('content_block_start with a missing or repeated index');
    const cb = isRecord(event.content_block) ? event.content_block : bad('content_block_start without a content_block');
    return h.blockStart(index, cb);
  }

  function blockDelta(event: JsonObject): Out[] {
    const [index, block] = blockAt(event);
    const delta = isRecord(event.delta) ? event.delta : bad('content_block_delta without a delta');
    return h.blockDelta(index, block, delta);
  }

  function messageDelta(event: JsonObject): Out[] {
    const delta = isRecord(event.delta) ? event.delta : {};
    lossUnknown(delta, MESSAGE_DELTA_KEYS);
    if (delta.stop_reason !== undefined && delta.stop_reason !== null) tally.stopReason = delta.stop_reason;
    if (delta.stop_sequence !== undefined) tally.stopSequence = delta.stop_sequence;
    if (isRecord(delta.stop_details)) {
      // the refusal explanation is carried; the category is not
      const sd = delta.stop_details;
      if (sd.type === 'refusal' && typeof sd.explanation === 'string') tally.refusal = sd.explanation;
      if (sd.category !== undefined && sd.category !== null)
        losses.add('stop_details.category', reasons.refusalCategory);
    }
    if (delta.container !== undefined && delta.container !== null) losses.add('container', reasons.container);
    if (isRecord(event.usage)) {
      h.usage(event.usage);
      // message_delta usage is cumulative: overwrite, never add
      for (const [k, v] of Object.entries(event.usage)) if (v !== null && v !== undefined) tally.usage[k] = v;
    }
    h.messageDelta?.(delta);
    return [];
  }

  function push(input: unknown): Out[] {
    if (state === 'done') return [];
    const event = isRecord(input) ? input : bad('event is not an object');
    const type = event.type;
    // a type that is not a string is a broken event, not an unknown one (and has no name to report it under)
    if (typeof type !== 'string') return bad('event type is not a string');
    if (type === 'error') {
      state = 'done';
      return h.error(event.error);
    }
    if (type === 'ping') return [];
    if (type === 'message_start') return messageStart(event);
    if (state === 'before') return bad(`${type} before message_start`);
    const known = EVENT_KEYS.get(type);
    if (known !== undefined) lossUnknown(event, known);
    switch (type) {
      case 'content_block_start':
        return blockStart(event);
      case 'content_block_delta':
        return blockDelta(event);
      case 'content_block_stop':
        return h.blockStop(...blockAt(event));
      case 'message_delta':
        return messageDelta(event);
      case 'message_stop': {
        const out = h.messageStop();
        state = 'done';
        return out;
      }
      default:
        if (!KNOWN_EVENTS.has(type))
          losses.add(`events.${type}`, `stream event type ${JSON.stringify(type)} has no ${reasons.target} equivalent`);
        return [];
    }
  }

  return {
    push,
    tally,
    get done() {
      return state === 'done';
    },
    finish() {
      state = 'done';
    },
  };
}
