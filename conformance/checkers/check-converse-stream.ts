import { isRecord, tryParseJson, type Violation } from './violation.js';

/**
 * Checks a parsed Bedrock ConverseStream (docs/wire-formats.md#bedrock-converse-stream) — events as the AWS SDK yields them and the codec
 * decodes them, `{ <eventType>: payload }` — more strictly than the SDK. Returns every violation found.
 *
 * stream := messageStart block* messageStop metadata
 * block  := contentBlockStart(i)? contentBlockDelta(i)* contentBlockStop(i)?    (i increasing, never reused; blocks in turn)
 *
 * As Bedrock really sends it, a block may miss its `contentBlockStop`: the next block's start (or first delta) or
 * `messageStop` ends it (a warning, `warn:block-not-stopped` / `warn:block-open`; the AWS SDK reads it).
 * exception := `{ <name>Exception: {message} }`; may replace the rest of the stream at any point; nothing follows it
 *
 * Only tool use opens with a `contentBlockStart` (text and reasoning start with their first delta). The deltas
 * of one block are of one kind: `text` (with `citation`s), `toolUse.input` fragments concatenating to a JSON
 * object, `reasoningContent` `text` then one `signature`, or `reasoningContent.redactedContent`. `messageStop`
 * carries a stop reason; `metadata` (usage, metrics) comes after it and ends the stream.
 */
export interface ConverseStreamCheckOptions {
  /**
   * A reasoning block without a signature cannot be replayed to Claude, so it is an error by default. A stream
   * translated from an upstream whose reasoning has no signature (OpenAI-format `reasoning_content`) cannot
   * have one — crosswire never invents signatures — so there it is reported as a warning.
   */
  allowUnsignedReasoning?: boolean;
}

export function checkConverseStream(events: readonly unknown[], options: ConverseStreamCheckOptions = {}): Violation[] {
  const state = new ConverseStreamState(options.allowUnsignedReasoning === true);
  for (let i = 0; i < events.length; i++) state.push(events[i], i);
  state.end(events.length);
  return state.violations;
}

const KNOWN_STOP_REASONS = new Set([
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'guardrail_intervened',
  'content_filtered',
  'malformed_model_output',
  'malformed_tool_use',
  'model_context_window_exceeded',
]);

/** The exception members of the ConverseStream output union. */
const KNOWN_EXCEPTIONS = new Set([
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
]);

/** Block starts and deltas the service defines but a text/reasoning/tool answer does not use. */
const OTHER_STARTS = new Set(['toolResult', 'image']);
const OTHER_DELTAS = new Set(['toolResult', 'image']);

type BlockKind = 'text' | 'toolUse' | 'reasoning' | 'redacted' | 'other';

interface OpenBlock {
  index: number;
  /** undefined until the first delta of a block without a start */
  kind: BlockKind | undefined;
  text: string;
  json: string;
  /** a non-empty signature arrived */
  signature: boolean;
  /** a signature delta arrived: no more reasoning text may follow */
  signed: boolean;
}

class ConverseStreamState {
  readonly violations: Violation[] = [];
  private started = false;
  private reportedNoStart = false;
  private exceptionAt = -1;
  private stopAt = -1;
  private endedAt = -1;
  private metadataSeen = false;
  private trailingReported = false;
  private afterStopReported = false;
  private lastIndex = -1;
  private open: OpenBlock | null = null;

  constructor(private readonly allowUnsignedReasoning: boolean) {}

  private add(rule: string, index: number, message: string): void {
    this.violations.push({ rule, index, message });
  }

  push(event: unknown, i: number): void {
    const keys = isRecord(event) ? Object.keys(event) : [];
    const name = keys[0];
    const payload = name === undefined || !isRecord(event) ? undefined : event[name];
    if (keys.length !== 1 || name === undefined || !isRecord(payload)) {
      this.add('event-shape', i, 'event is not an object with exactly one key whose value is an object');
      return;
    }
    if (this.exceptionAt >= 0 || this.endedAt >= 0) {
      // reported once, at the first event after the terminal one
      if (this.trailingReported) return;
      this.trailingReported = true;
      if (this.exceptionAt >= 0) this.add('after-exception', i, `\`${name}\` after an exception`);
      else this.add('after-metadata', i, `\`${name}\` after \`metadata\``);
      return;
    }
    if (/Exception$/.test(name)) {
      this.onException(name, payload, i);
      return;
    }
    if (!this.started && name !== 'messageStart' && !this.reportedNoStart) {
      this.reportedNoStart = true;
      this.add('message-start-first', i, `\`${name}\` before \`messageStart\``);
    }
    switch (name) {
      case 'messageStart':
        this.onMessageStart(payload, i);
        return;
      case 'contentBlockStart':
        if (this.blockAfterStop(name, i)) return;
        this.onBlockStart(payload, i);
        return;
      case 'contentBlockDelta':
        if (this.blockAfterStop(name, i)) return;
        this.onBlockDelta(payload, i);
        return;
      case 'contentBlockStop':
        if (this.blockAfterStop(name, i)) return;
        this.onBlockStop(payload, i);
        return;
      case 'messageStop':
        this.onMessageStop(payload, i);
        return;
      case 'metadata':
        this.onMetadata(payload, i);
        return;
      default:
        this.add('warn:unknown-event', i, `unknown event type \`${name}\``);
    }
  }

  end(length: number): void {
    if (this.exceptionAt >= 0) return;
    if (!this.started && !this.reportedNoStart) this.add('message-start-first', length, 'no `messageStart`');
    if (this.open) this.add('block-open', length, `block ${this.open.index} never stopped`);
    if (this.stopAt < 0) this.add('missing-terminal', length, 'stream ended without `messageStop` or an exception');
    else if (!this.metadataSeen)
      this.add('metadata-missing', length, 'no `metadata` (usage, metrics) after `messageStop`');
  }

  private onException(name: string, payload: Record<string, unknown>, i: number): void {
    this.exceptionAt = i;
    if (typeof payload.message !== 'string') this.add('exception-shape', i, `\`${name}\` needs a string \`message\``);
    if (!KNOWN_EXCEPTIONS.has(name))
      this.add('warn:unknown-exception', i, `\`${name}\` is not a ConverseStream exception`);
  }

  private onMessageStart(payload: Record<string, unknown>, i: number): void {
    if (this.started) {
      this.add('message-start-once', i, 'a second `messageStart`');
      return;
    }
    this.started = true;
    if (payload.role !== 'assistant')
      this.add('role', i, `messageStart role is ${JSON.stringify(payload.role)}, not "assistant"`);
  }

  /** Block events after `messageStop` are reported (once) and skipped. */
  private blockAfterStop(name: string, i: number): boolean {
    if (this.stopAt < 0) return false;
    if (!this.afterStopReported) this.add('after-message-stop', i, `\`${name}\` after \`messageStop\``);
    this.afterStopReported = true;
    return true;
  }

  /** A new block at `index`: closes an open one (a violation) and checks that the index is new. */
  private openBlock(index: unknown, kind: BlockKind | undefined, i: number): OpenBlock {
    if (this.open) {
      // Bedrock really does this (docs/wire-formats.md#bedrock-converse-stream): the new block ends the open one
      this.add(
        'warn:block-not-stopped',
        i,
        `block ${String(index)} starts while block ${this.open.index} was not stopped`,
      );
      this.finishBlock(this.open, i);
    }
    if (!isCount(index)) {
      this.add('block-index', i, `contentBlockIndex ${JSON.stringify(index)} is not a non-negative integer`);
    } else {
      if (index <= this.lastIndex)
        this.add(
          'block-index',
          i,
          `block index ${index} is not above the last block's ${this.lastIndex} (indexes increase, never reused)`,
        );
      this.lastIndex = Math.max(this.lastIndex, index);
    }
    // a bad index still opens the block, so that its own deltas and stop are not reported again
    this.open = {
      index: typeof index === 'number' ? index : Number.NaN,
      kind,
      text: '',
      json: '',
      signature: false,
      signed: false,
    };
    return this.open;
  }

  private onBlockStart(payload: Record<string, unknown>, i: number): void {
    const start = payload.start;
    const keys = isRecord(start) ? Object.keys(start) : [];
    const key = keys.length === 1 ? keys[0] : undefined;
    let kind: BlockKind = 'other';
    if (key === 'toolUse') {
      kind = 'toolUse';
      const t = isRecord(start) ? start.toolUse : undefined;
      if (!isRecord(t) || !isNonEmptyString(t.toolUseId) || !isNonEmptyString(t.name)) {
        this.add('block-start-shape', i, '`start.toolUse` needs non-empty `toolUseId` and `name`');
      }
    } else if (key !== undefined && OTHER_STARTS.has(key)) {
      this.add('warn:unknown-block-start', i, `a \`${key}\` block start (only tool use is expected in a model answer)`);
    } else {
      this.add(
        'block-start-kind',
        i,
        `\`start\` must be \`{toolUse}\` (text and reasoning blocks start with a delta), got ${JSON.stringify(keys)}`,
      );
    }
    this.openBlock(payload.contentBlockIndex, kind, i);
  }

  private onBlockDelta(payload: Record<string, unknown>, i: number): void {
    const index = payload.contentBlockIndex;
    let block = this.open;
    if (!block || block.index !== index) {
      if (block && typeof index === 'number' && index < block.index) {
        this.add('delta-outside-block', i, `delta for block ${index}, which is not the open block ${block.index}`);
        return;
      }
      // a delta for a new index starts a block (text and reasoning have no start); an old index is reused
      block = this.openBlock(index, undefined, i);
    }
    const kind = this.deltaKind(payload.delta, block, i);
    if (kind === undefined) return;
    if (block.kind === undefined) {
      block.kind = kind;
      if (kind === 'toolUse')
        this.add(
          'tool-use-start-missing',
          i,
          `tool use block ${block.index} has no \`contentBlockStart\` with its id and name`,
        );
    } else if (block.kind !== kind && block.kind !== 'other') {
      this.add('delta-kind', i, `a ${kind} delta in a ${block.kind} block`);
    }
  }

  /** The block kind a delta belongs to (and its content added to `block`); undefined when it is not checkable. */
  private deltaKind(delta: unknown, block: OpenBlock, i: number): BlockKind | undefined {
    const keys = isRecord(delta) ? Object.keys(delta) : [];
    const key = keys[0];
    if (!isRecord(delta) || keys.length !== 1 || key === undefined) {
      this.add('delta-shape', i, '`delta` is not an object with exactly one key');
      return undefined;
    }
    const value = delta[key];
    switch (key) {
      case 'text':
        if (typeof value !== 'string') this.add('delta-shape', i, '`delta.text` is not a string');
        else if (block.kind === undefined || block.kind === 'text') block.text += value;
        return 'text';
      case 'citation':
        return 'text';
      case 'toolUse':
        if (!isRecord(value) || typeof value.input !== 'string')
          this.add('delta-shape', i, '`delta.toolUse.input` is not a string');
        else if (block.kind === undefined || block.kind === 'toolUse') block.json += value.input;
        return 'toolUse';
      case 'reasoningContent':
        return this.reasoningKind(value, block, i);
      default:
        if (OTHER_DELTAS.has(key))
          this.add('warn:unknown-delta', i, `a \`${key}\` delta (not expected in a model answer)`);
        else this.add('warn:unknown-delta', i, `unknown delta \`${key}\``);
        return undefined;
    }
  }

  private reasoningKind(value: unknown, block: OpenBlock, i: number): BlockKind | undefined {
    const keys = isRecord(value) ? Object.keys(value) : [];
    const key = keys[0];
    if (!isRecord(value) || keys.length !== 1 || key === undefined) {
      this.add(
        'delta-shape',
        i,
        '`delta.reasoningContent` needs exactly one of `text`, `signature`, `redactedContent`',
      );
      return undefined;
    }
    const v = value[key];
    if (key === 'redactedContent') {
      if (!isNonEmptyString(v))
        this.add('delta-shape', i, '`reasoningContent.redactedContent` is not a non-empty base64 string');
      return 'redacted';
    }
    if (key !== 'text' && key !== 'signature') {
      this.add('delta-shape', i, `unknown \`reasoningContent.${key}\``);
      return undefined;
    }
    if (typeof v !== 'string') {
      this.add('delta-shape', i, `\`reasoningContent.${key}\` is not a string`);
      return 'reasoning';
    }
    const mine = block.kind === undefined || block.kind === 'reasoning';
    if (key === 'text' && mine && block.signed)
      this.add('signature-last', i, 'reasoning text after the block’s signature');
    if (key === 'signature' && mine) {
      block.signed = true;
      if (v !== '') block.signature = true;
    }
    return 'reasoning';
  }

  private onBlockStop(payload: Record<string, unknown>, i: number): void {
    const index = payload.contentBlockIndex;
    if (!this.open && isCount(index) && index > this.lastIndex) {
      // `contentBlockDelta*`: a block without a start and without deltas is grammatical, and says nothing
      this.lastIndex = index;
      this.add('warn:empty-block', i, `block ${index} stops without a start or a delta`);
      return;
    }
    const open = this.open;
    if (!open || open.index !== index) {
      this.add(
        'stop-outside-block',
        i,
        `stop for block ${JSON.stringify(payload.contentBlockIndex)}, which is not the open block`,
      );
      return;
    }
    this.finishBlock(open, i);
  }

  private finishBlock(block: OpenBlock, i: number): void {
    this.open = null;
    if (block.kind === 'text' && block.text === '')
      this.add('empty-text-block', i, `text block ${block.index} is empty`);
    if (block.kind === 'reasoning' && !block.signature) {
      const rule = this.allowUnsignedReasoning ? 'warn:reasoning-signature' : 'reasoning-signature';
      this.add(rule, i, `reasoning block ${block.index} stopped without a signature`);
    }
    if (block.json !== '' && !isRecord(tryParseJson(block.json))) {
      this.add('tool-input-json', i, `toolUse input of block ${block.index} does not concatenate to a JSON object`);
    }
  }

  private onMessageStop(payload: Record<string, unknown>, i: number): void {
    if (this.open) {
      // as Bedrock sends it: `messageStop` ends the last block
      this.add('warn:block-open', i, `\`messageStop\` while block ${this.open.index} was not stopped`);
      this.finishBlock(this.open, i);
    }
    if (this.stopAt >= 0) {
      this.add('message-stop-once', i, 'a second `messageStop`');
      return;
    }
    this.stopAt = i;
    const reason = payload.stopReason;
    if (typeof reason !== 'string' || reason === '') this.add('stop-reason', i, '`messageStop` has no stopReason');
    else if (!KNOWN_STOP_REASONS.has(reason))
      this.add('warn:unknown-stop-reason', i, `unknown stopReason \`${reason}\``);
  }

  private onMetadata(payload: Record<string, unknown>, i: number): void {
    if (this.stopAt < 0) this.add('metadata-order', i, '`metadata` before `messageStop` (usage comes after the stop)');
    else this.endedAt = i;
    this.metadataSeen = true;
    const usage = payload.usage;
    const counts = ['inputTokens', 'outputTokens', 'totalTokens'] as const;
    const optional = ['cacheReadInputTokens', 'cacheWriteInputTokens'] as const;
    if (
      !isRecord(usage) ||
      !counts.every((k) => isCount(usage[k])) ||
      !optional.every((k) => usage[k] === undefined || isCount(usage[k]))
    ) {
      this.add(
        'usage-shape',
        i,
        '`metadata.usage` needs non-negative integer inputTokens, outputTokens, totalTokens (and cache counts, if any)',
      );
    } else {
      const sum = [...counts.slice(0, 2), ...optional].reduce((n, k) => n + ((usage[k] as number | undefined) ?? 0), 0);
      if (usage.totalTokens !== sum)
        this.add(
          'usage-total',
          i,
          `totalTokens ${String(usage.totalTokens)} is not input + output + cache read + cache write (${sum})`,
        );
    }
    const metrics = payload.metrics;
    if (!isRecord(metrics) || !isCount(metrics.latencyMs))
      this.add('metrics-shape', i, '`metadata.metrics.latencyMs` is not a non-negative integer');
  }
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
