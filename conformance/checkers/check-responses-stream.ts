import { isRecord, sameJson, type Violation } from './violation.js';

/**
 * Checks a parsed OpenAI Responses event stream against docs/wire-formats.md#responses-stream-events, more strictly
 * than the official SDK (which does not notice a stream cut short). Returns every violation found.
 *
 * stream   := response.created response.in_progress? item* terminal
 * item     := output_item.added(o) body(o) output_item.done(o)            (o = 0, 1, 2, … in order, one at a time)
 * body     := message parts (content_part.added(c) deltas text.done content_part.done(c))*, call arguments,
 *             reasoning summary parts (summary_part.added(s) deltas text.done summary_part.done(s))*, tool progress
 * terminal := response.completed | response.incomplete | response.failed  (its response holds every item as done)
 * error    := `error`, then at most response.failed; nothing else after it
 *
 * Also: `sequence_number` from 0 without gaps; an event's `item_id` is its item's id; a `.done` event's text,
 * arguments or part equals what its deltas built; a lifecycle event's `status` fits it. Unknown event types are
 * warnings (`warn:unknown-event`); `keepalive` events are allowed anywhere.
 */
export function checkResponsesStream(events: readonly unknown[]): Violation[] {
  const state = new ResponsesStreamState();
  for (let i = 0; i < events.length; i++) state.push(events[i], i);
  state.end(events.length);
  return state.violations;
}

interface Part {
  type: unknown;
  text: string;
  done: boolean;
}

interface Item {
  id: unknown;
  type: unknown;
  done: boolean;
  /** the item as its output_item.done carried it */
  final: unknown;
  parts: Part[];
  summaries: Part[];
  args: string;
  input: string;
}

const LIFECYCLE = new Set(['response.created', 'response.in_progress', 'response.queued']);
const TERMINAL: Record<string, string> = {
  'response.completed': 'completed',
  'response.incomplete': 'incomplete',
  'response.failed': 'failed',
};

/** Events that belong to an item of a built-in tool: checked for their item only. */
const TOOL_PROGRESS =
  /^response\.(web_search_call|file_search_call|code_interpreter_call|image_generation_call|mcp_call|mcp_list_tools)[._]/;

class ResponsesStreamState {
  readonly violations: Violation[] = [];
  private next = 0;
  private started = false;
  private terminalAt = -1;
  private errorAt = -1;
  private afterReported = false;
  private readonly items: Item[] = [];

  private add(rule: string, index: number, message: string): void {
    this.violations.push({ rule, index, message });
  }

  push(raw: unknown, i: number): void {
    if (!isRecord(raw) || typeof raw.type !== 'string') {
      this.add('event-shape', i, 'event is not an object with a string `type`');
      return;
    }
    const e = raw;
    const type = e.type as string;
    this.checkSequence(e, i);
    if (type === 'keepalive') return;
    if (this.terminalAt >= 0 || this.errorAt >= 0) {
      const allowed = this.errorAt >= 0 && this.terminalAt < 0 && type === 'response.failed';
      if (!allowed) {
        if (!this.afterReported)
          this.add(this.errorAt >= 0 ? 'after-error' : 'after-terminal', i, `\`${type}\` after the end of the stream`);
        this.afterReported = true;
        return;
      }
    }
    if (type === 'error') {
      if (typeof e.message !== 'string' && !(isRecord(e.error) && typeof e.error.message === 'string'))
        this.add('error-shape', i, 'the `error` event has no string `message`');
      this.errorAt = i;
      return;
    }
    if (!this.started) {
      this.started = true;
      if (type !== 'response.created') this.add('first', i, `the first event is \`${type}\`, not \`response.created\``);
    }
    if (LIFECYCLE.has(type)) {
      this.checkLifecycle(e, i, type);
      return;
    }
    if (Object.hasOwn(TERMINAL, type)) {
      this.checkTerminal(e, i, type);
      return;
    }
    this.itemEvent(e, i, type);
  }

  private checkSequence(e: Record<string, unknown>, i: number): void {
    const n = e.sequence_number;
    if (n !== this.next)
      this.add('sequence', i, `sequence_number is ${JSON.stringify(n)}, expected ${this.next} (from 0, no gaps)`);
    this.next = (typeof n === 'number' ? n : this.next) + 1;
  }

  private checkLifecycle(e: Record<string, unknown>, i: number, type: string): void {
    const r = e.response;
    if (!isRecord(r)) {
      this.add('response-shape', i, `\`${type}\` has no \`response\` object`);
      return;
    }
    const want = type === 'response.queued' ? 'queued' : 'in_progress';
    if (r.status !== want) this.add('status', i, `\`${type}\` has status ${JSON.stringify(r.status)}, not "${want}"`);
    if (type === 'response.created' && (!Array.isArray(r.output) || r.output.length > 0))
      this.add('response-shape', i, '`response.created` must have an empty `output`');
    if (i > 0 && type === 'response.created') this.add('first', i, '`response.created` after other events');
  }

  private checkTerminal(e: Record<string, unknown>, i: number, type: string): void {
    this.terminalAt = i;
    const r = e.response;
    if (!isRecord(r)) {
      this.add('response-shape', i, `\`${type}\` has no \`response\` object`);
      return;
    }
    const want = TERMINAL[type];
    if (r.status !== want) this.add('status', i, `\`${type}\` has status ${JSON.stringify(r.status)}, not "${want}"`);
    if (
      type === 'response.incomplete' &&
      !(isRecord(r.incomplete_details) && typeof r.incomplete_details.reason === 'string')
    )
      this.add('status', i, '`response.incomplete` without `incomplete_details.reason`');
    if (type === 'response.failed' && !(isRecord(r.error) && typeof r.error.message === 'string'))
      this.add('status', i, '`response.failed` without `error.message`');
    if (type !== 'response.failed') {
      if (!isRecord(r.usage)) this.add('usage', i, `\`${type}\` carries no usage`);
      this.items.forEach((item, o) => {
        if (!item.done) this.add('open-item', i, `output ${o} is not done before \`${type}\``);
      });
    }
    const output = Array.isArray(r.output) ? r.output : [];
    const doneItems = this.items.filter((item) => item.done);
    if (type !== 'response.failed' && output.length !== this.items.length)
      this.add(
        'terminal-output',
        i,
        `the terminal response has ${output.length} output items, the stream announced ${this.items.length}`,
      );
    this.items.forEach((item, o) => {
      if (item.done && o < output.length && !sameJson(output[o], item.final))
        this.add('terminal-output', i, `output[${o}] of the terminal response differs from its output_item.done item`);
    });
    if (type === 'response.failed' && output.length < doneItems.length)
      this.add('terminal-output', i, 'the failed response lost items that were done');
  }

  private itemAt(e: Record<string, unknown>, i: number, type: string): Item | undefined {
    const o = e.output_index;
    if (typeof o !== 'number') {
      this.add('output-index', i, `\`${type}\` has no numeric output_index`);
      return undefined;
    }
    const item = this.items[o];
    if (!item) {
      this.add('output-index', i, `\`${type}\` for output ${o}, which was not added`);
      return undefined;
    }
    if (item.done) {
      this.add('item-done', i, `\`${type}\` for output ${o}, which is already done`);
      return undefined;
    }
    if ('item_id' in e && e.item_id !== item.id)
      this.add('item-id', i, `item_id ${JSON.stringify(e.item_id)} is not output ${o}'s id ${JSON.stringify(item.id)}`);
    return item;
  }

  private itemEvent(e: Record<string, unknown>, i: number, type: string): void {
    switch (type) {
      case 'response.output_item.added': {
        const it = e.item;
        if (e.output_index !== this.items.length)
          this.add(
            'output-index',
            i,
            `output_item.added for output ${String(e.output_index)}, expected ${this.items.length}`,
          );
        const open = this.items.findIndex((x) => !x.done);
        if (open >= 0) this.add('item-overlap', i, `output ${this.items.length} added while output ${open} is open`);
        if (!isRecord(it) || typeof it.type !== 'string') {
          this.add('item-shape', i, 'output_item.added without an item with a type');
          return;
        }
        this.items.push({
          id: it.id,
          type: it.type,
          done: false,
          final: undefined,
          parts: [],
          summaries: [],
          args: '',
          input: '',
        });
        return;
      }
      case 'response.output_item.done': {
        const item = this.itemAt(e, i, type);
        if (!item) return;
        const it = isRecord(e.item) ? e.item : {};
        if (it.type !== item.type)
          this.add('item-shape', i, `output_item.done changes the item type to ${JSON.stringify(it.type)}`);
        if (it.id !== item.id) this.add('item-id', i, 'output_item.done changes the item id');
        item.parts.forEach((p, c) => {
          if (!p.done) this.add('open-part', i, `content part ${c} of output ${String(e.output_index)} is not done`);
        });
        item.summaries.forEach((p, s) => {
          if (!p.done) this.add('open-part', i, `summary part ${s} of output ${String(e.output_index)} is not done`);
        });
        if (it.type === 'function_call' && item.args !== '' && it.arguments !== item.args)
          this.add('done-text', i, 'the done function_call arguments differ from the streamed arguments');
        if (it.type === 'message' && Array.isArray(it.content)) {
          it.content.forEach((p, c) => {
            const streamed = item.parts[c];
            const text = isRecord(p) ? (p.type === 'refusal' ? p.refusal : p.text) : undefined;
            if (streamed && text !== streamed.text)
              this.add('done-text', i, `the done message's part ${c} differs from the streamed part`);
          });
          if (it.content.length !== item.parts.length)
            this.add(
              'done-text',
              i,
              `the done message has ${it.content.length} parts, the stream added ${item.parts.length}`,
            );
        }
        item.done = true;
        item.final = e.item;
        return;
      }
      case 'response.content_part.added':
      case 'response.content_part.done':
      case 'response.output_text.delta':
      case 'response.output_text.done':
      case 'response.output_text.annotation.added':
      case 'response.refusal.delta':
      case 'response.refusal.done':
        this.partEvent(e, i, type);
        return;
      case 'response.reasoning_summary_part.added':
      case 'response.reasoning_summary_part.done':
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_summary_text.done':
        this.summaryEvent(e, i, type);
        return;
      case 'response.reasoning_text.delta':
      case 'response.reasoning_text.done': {
        const item = this.itemAt(e, i, type);
        if (item && item.type !== 'reasoning') this.add('item-kind', i, `\`${type}\` for a ${String(item.type)} item`);
        return;
      }
      case 'response.function_call_arguments.delta':
      case 'response.function_call_arguments.done': {
        const item = this.itemAt(e, i, type);
        if (!item) return;
        if (item.type !== 'function_call') this.add('item-kind', i, `\`${type}\` for a ${String(item.type)} item`);
        if (type.endsWith('.delta')) item.args += typeof e.delta === 'string' ? e.delta : '';
        else if (e.arguments !== item.args && item.args !== '')
          this.add('done-text', i, '`function_call_arguments.done` differs from the deltas');
        else item.args = typeof e.arguments === 'string' ? e.arguments : item.args;
        return;
      }
      case 'response.custom_tool_call_input.delta':
      case 'response.custom_tool_call_input.done': {
        const item = this.itemAt(e, i, type);
        if (!item) return;
        if (item.type !== 'custom_tool_call') this.add('item-kind', i, `\`${type}\` for a ${String(item.type)} item`);
        if (type.endsWith('.delta')) item.input += typeof e.delta === 'string' ? e.delta : '';
        else if (e.input !== item.input)
          this.add('done-text', i, '`custom_tool_call_input.done` differs from the deltas');
        return;
      }
      default:
        if (TOOL_PROGRESS.test(type)) {
          this.itemAt(e, i, type);
          return;
        }
        this.add('warn:unknown-event', i, `unknown event type \`${type}\``);
    }
  }

  private partEvent(e: Record<string, unknown>, i: number, type: string): void {
    const item = this.itemAt(e, i, type);
    if (!item) return;
    if (item.type !== 'message') {
      this.add('item-kind', i, `\`${type}\` for a ${String(item.type)} item`);
      return;
    }
    const c = e.content_index;
    if (type === 'response.content_part.added') {
      if (c !== item.parts.length)
        this.add('content-index', i, `content_part.added for part ${String(c)}, expected ${item.parts.length}`);
      const open = item.parts.findIndex((p) => !p.done);
      if (open >= 0) this.add('part-overlap', i, `content part added while part ${open} is open`);
      const part = isRecord(e.part) ? e.part : {};
      item.parts.push({ type: part.type, text: '', done: false });
      return;
    }
    const part = typeof c === 'number' ? item.parts[c] : undefined;
    if (!part || part.done) {
      this.add('content-index', i, `\`${type}\` for content part ${String(c)}, which is not open`);
      return;
    }
    const wants = type.startsWith('response.refusal')
      ? 'refusal'
      : type === 'response.content_part.done'
        ? part.type
        : 'output_text';
    if (part.type !== wants) this.add('part-kind', i, `\`${type}\` for a ${String(part.type)} part`);
    switch (type) {
      case 'response.output_text.delta':
      case 'response.refusal.delta':
        part.text += typeof e.delta === 'string' ? e.delta : '';
        return;
      case 'response.output_text.done':
        if (e.text !== part.text) this.add('done-text', i, '`output_text.done` text differs from the deltas');
        return;
      case 'response.refusal.done':
        if (e.refusal !== part.text) this.add('done-text', i, '`refusal.done` text differs from the deltas');
        return;
      case 'response.content_part.done': {
        const p = isRecord(e.part) ? e.part : {};
        const text = p.type === 'refusal' ? p.refusal : p.text;
        if (text !== part.text) this.add('done-text', i, '`content_part.done` part differs from the deltas');
        part.done = true;
        return;
      }
      default:
        return;
    }
  }

  private summaryEvent(e: Record<string, unknown>, i: number, type: string): void {
    const item = this.itemAt(e, i, type);
    if (!item) return;
    if (item.type !== 'reasoning') {
      this.add('item-kind', i, `\`${type}\` for a ${String(item.type)} item`);
      return;
    }
    const s = e.summary_index;
    if (type === 'response.reasoning_summary_part.added') {
      if (s !== item.summaries.length)
        this.add('summary-index', i, `summary part ${String(s)} added, expected ${item.summaries.length}`);
      item.summaries.push({ type: 'summary_text', text: '', done: false });
      return;
    }
    const part = typeof s === 'number' ? item.summaries[s] : undefined;
    if (!part || part.done) {
      this.add('summary-index', i, `\`${type}\` for summary part ${String(s)}, which is not open`);
      return;
    }
    if (type === 'response.reasoning_summary_text.delta') part.text += typeof e.delta === 'string' ? e.delta : '';
    else if (type === 'response.reasoning_summary_text.done') {
      if (e.text !== part.text) this.add('done-text', i, '`reasoning_summary_text.done` text differs from the deltas');
    } else {
      const p = isRecord(e.part) ? e.part : {};
      if (p.text !== part.text) this.add('done-text', i, '`reasoning_summary_part.done` part differs from the deltas');
      part.done = true;
    }
  }

  end(length: number): void {
    if (this.terminalAt < 0 && this.errorAt < 0)
      this.add('no-terminal', length, 'the stream ends without response.completed / incomplete / failed or an error');
  }
}
