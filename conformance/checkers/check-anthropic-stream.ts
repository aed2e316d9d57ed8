import { isRecord, tryParseJson, type Violation } from './violation.js';

/**
 * Checks a parsed Anthropic Messages event stream against the grammar of docs/wire-formats.md#anthropic-stream-grammar, more strictly than the
 * official SDK. Returns every violation found (empty array: the stream is valid).
 *
 * stream := ping* message_start block* message_delta+ message_stop   (ping* between any two events)
 * block  := content_block_start(i) content_block_delta(i)* content_block_stop(i)   (i = 0, 1, 2, ... in order)
 * error  := may replace the rest of the stream at any point; nothing follows it
 */
export interface AnthropicStreamCheckOptions {
  /**
   * A thinking block without a signature is an error in a genuine Anthropic stream. A stream translated
   * from an upstream whose reasoning has no signature (DeepSeek `reasoning_content`, Groq `reasoning`)
   * cannot have one — crosswire never invents signatures — so there it is reported as a warning.
   */
  allowUnsignedThinking?: boolean;
}

export function checkAnthropicStream(
  events: readonly unknown[],
  options: AnthropicStreamCheckOptions = {},
): Violation[] {
  const state = new AnthropicStreamState(options.allowUnsignedThinking === true);
  for (let i = 0; i < events.length; i++) state.push(events[i], i);
  state.end(events.length);
  return state.violations;
}

const DELTA_BLOCK_KINDS: Record<string, readonly string[]> = {
  text_delta: ['text'],
  citations_delta: ['text'],
  input_json_delta: ['tool_use', 'server_tool_use', 'mcp_tool_use'],
  thinking_delta: ['thinking'],
  signature_delta: ['thinking'],
};

const KNOWN_BLOCK_KINDS = new Set([
  'text',
  'thinking',
  'redacted_thinking',
  'tool_use',
  'server_tool_use',
  'mcp_tool_use',
  'mcp_tool_result',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
]);

const KNOWN_STOP_REASONS = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

interface OpenBlock {
  index: number;
  kind: string;
  text: string;
  json: string;
  /** a non-empty signature arrived (in the start or a signature_delta) */
  signature: boolean;
  /** a signature_delta arrived: only the stop may follow */
  signed: boolean;
}

class AnthropicStreamState {
  readonly violations: Violation[] = [];
  private started = false;
  private reportedNoStart = false;
  private terminal: 'message_stop' | 'error' | null = null;
  private trailingReported = false;
  private nextIndex = 0;
  private open: OpenBlock | null = null;
  private messageDeltas = 0;
  private stopReason: unknown = null;
  private outputTokens = -1;

  constructor(private readonly allowUnsignedThinking: boolean) {}

  private add(rule: string, index: number, message: string): void {
    this.violations.push({ rule, index, message });
  }

  push(event: unknown, i: number): void {
    if (!isRecord(event) || typeof event.type !== 'string') {
      this.add('event-shape', i, 'event is not an object with a string `type`');
      return;
    }
    const type = event.type;
    if (this.terminal !== null) {
      // reported once, at the first event after the terminal one
      if (this.trailingReported) return;
      this.trailingReported = true;
      if (this.terminal === 'error') this.add('after-error', i, `\`${type}\` after an \`error\` event`);
      else if (type === 'message_stop') this.add('message-stop-once', i, 'a second `message_stop`');
      else this.add('after-message-stop', i, `\`${type}\` after \`message_stop\``);
      return;
    }
    if (type === 'ping') return;
    if (type === 'error') {
      this.onError(event, i);
      return;
    }
    if (!this.started && type !== 'message_start' && !this.reportedNoStart) {
      this.reportedNoStart = true;
      this.add('message-start-first', i, `\`${type}\` before \`message_start\``);
    }
    switch (type) {
      case 'message_start':
        this.onMessageStart(event, i);
        return;
      case 'content_block_start':
        this.onBlockStart(event, i);
        return;
      case 'content_block_delta':
        this.onBlockDelta(event, i);
        return;
      case 'content_block_stop':
        this.onBlockStop(event, i);
        return;
      case 'message_delta':
        this.onMessageDelta(event, i);
        return;
      case 'message_stop':
        this.onMessageStop(i);
        return;
      default:
        this.add('warn:unknown-event', i, `unknown event type \`${type}\``);
    }
  }

  end(length: number): void {
    if (this.terminal === 'error') return;
    if (!this.started && !this.reportedNoStart) this.add('message-start-first', length, 'no `message_start`');
    if (this.open) this.add('block-open', length, `block ${this.open.index} never stopped`);
    if (this.terminal === null) this.add('missing-terminal', length, 'stream ended without `message_stop` or `error`');
  }

  private onError(event: Record<string, unknown>, i: number): void {
    const error = event.error;
    if (!isRecord(error) || typeof error.type !== 'string' || typeof error.message !== 'string') {
      this.add('error-shape', i, '`error` event needs `error: {type, message}` strings');
    }
    this.terminal = 'error';
  }

  private onMessageStart(event: Record<string, unknown>, i: number): void {
    if (this.started) {
      this.add('message-start-once', i, 'a second `message_start`');
      return;
    }
    this.started = true;
    const message = event.message;
    if (!isRecord(message)) {
      this.add('event-shape', i, '`message_start.message` is not an object');
      return;
    }
    const usage = message.usage;
    if (isRecord(usage) && typeof usage.output_tokens === 'number') this.outputTokens = usage.output_tokens;
    else this.add('usage-shape', i, '`message_start.message.usage.output_tokens` is not a number');
  }

  private onBlockStart(event: Record<string, unknown>, i: number): void {
    if (this.messageDeltas > 0) this.add('block-after-message-delta', i, '`content_block_start` after `message_delta`');
    if (this.open) {
      this.add('block-not-stopped', i, `block started while block ${this.open.index} is still open`);
      this.finishBlock(this.open, i);
    }
    const index = event.index;
    if (index !== this.nextIndex)
      this.add('block-index', i, `block index ${String(index)}, expected ${this.nextIndex}`);
    this.nextIndex = typeof index === 'number' ? index + 1 : this.nextIndex + 1;
    const block = event.content_block;
    if (!isRecord(block) || typeof block.type !== 'string') {
      this.add('event-shape', i, '`content_block` is not an object with a string `type`');
      this.open = {
        index: typeof index === 'number' ? index : -1,
        kind: '',
        text: 'x',
        json: '',
        signature: true,
        signed: false,
      };
      return;
    }
    if (!KNOWN_BLOCK_KINDS.has(block.type)) this.add('warn:unknown-block', i, `unknown block type \`${block.type}\``);
    this.open = {
      index: typeof index === 'number' ? index : -1,
      kind: block.type,
      text: typeof block.text === 'string' ? block.text : '',
      json: '',
      signature: typeof block.signature === 'string' && block.signature !== '',
      signed: false,
    };
  }

  private onBlockDelta(event: Record<string, unknown>, i: number): void {
    const open = this.open;
    if (!open || open.index !== event.index) {
      this.add('delta-outside-block', i, `delta for block ${String(event.index)}, which is not the open block`);
      return;
    }
    const delta = event.delta;
    if (!isRecord(delta) || typeof delta.type !== 'string') {
      this.add('event-shape', i, '`delta` is not an object with a string `type`');
      return;
    }
    const kinds = DELTA_BLOCK_KINDS[delta.type];
    if (!kinds) {
      this.add('warn:unknown-delta', i, `unknown delta type \`${delta.type}\``);
      return;
    }
    if (KNOWN_BLOCK_KINDS.has(open.kind) && !kinds.includes(open.kind)) {
      this.add('delta-kind', i, `\`${delta.type}\` in a \`${open.kind}\` block`);
      return;
    }
    if (delta.type === 'text_delta' && typeof delta.text === 'string') open.text += delta.text;
    else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string')
      open.json += delta.partial_json;
    else if (delta.type === 'thinking_delta' && open.signed) {
      this.add('signature-last', i, '`thinking_delta` after the block’s signature');
    } else if (delta.type === 'signature_delta') {
      open.signed = true;
      if (typeof delta.signature === 'string' && delta.signature !== '') open.signature = true;
    }
  }

  private onBlockStop(event: Record<string, unknown>, i: number): void {
    const open = this.open;
    if (!open || open.index !== event.index) {
      this.add('stop-outside-block', i, `stop for block ${String(event.index)}, which is not the open block`);
      return;
    }
    this.finishBlock(open, i);
  }

  private finishBlock(block: OpenBlock, i: number): void {
    this.open = null;
    if (block.kind === 'text' && block.text === '')
      this.add('empty-text-block', i, `text block ${block.index} is empty`);
    if (block.kind === 'thinking' && !block.signature) {
      const rule = this.allowUnsignedThinking ? 'warn:thinking-signature' : 'thinking-signature';
      this.add(rule, i, `thinking block ${block.index} stopped without a signature`);
    }
    if (block.json !== '' && !isRecord(tryParseJson(block.json))) {
      this.add('tool-input-json', i, `input_json_delta of block ${block.index} does not concatenate to a JSON object`);
    }
  }

  private onMessageDelta(event: Record<string, unknown>, i: number): void {
    if (this.open) {
      this.add('block-open', i, `\`message_delta\` while block ${this.open.index} is open`);
      this.finishBlock(this.open, i);
    }
    this.messageDeltas++;
    const delta = event.delta;
    this.stopReason = isRecord(delta) ? delta.stop_reason : undefined;
    const usage = event.usage;
    if (!isRecord(usage) || typeof usage.output_tokens !== 'number') {
      this.add('usage-shape', i, '`message_delta.usage.output_tokens` is not a number');
      return;
    }
    if (usage.output_tokens < this.outputTokens) {
      this.add('usage-cumulative', i, `output_tokens fell from ${this.outputTokens} to ${usage.output_tokens}`);
    }
    this.outputTokens = usage.output_tokens;
  }

  private onMessageStop(i: number): void {
    if (this.open) {
      this.add('block-open', i, `\`message_stop\` while block ${this.open.index} is open`);
      this.open = null;
    }
    if (this.messageDeltas === 0) this.add('message-delta-missing', i, '`message_stop` without a `message_delta`');
    else if (typeof this.stopReason !== 'string')
      this.add('stop-reason', i, 'the last `message_delta` has no stop_reason');
    else if (!KNOWN_STOP_REASONS.has(this.stopReason)) {
      this.add('warn:unknown-stop-reason', i, `unknown stop_reason \`${this.stopReason}\``);
    }
    this.terminal = 'message_stop';
  }
}
