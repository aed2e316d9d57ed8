import { TranslationError } from '../../core/errors.js';

/**
 * An incremental Server-Sent Events parser (WHATWG HTML §9.2.6 "event stream interpretation"),
 * over already-decoded text. Feed it text chunks of any size; it calls `onMessage` once per
 * dispatched event.
 *
 * - Line ends: LF, CR or CRLF, also when a CR ends one chunk and its LF starts the next.
 * - Fields `event`, `data`, `id`, `retry`; other fields ignored; a line without a colon is a field
 *   with an empty value; one space after the colon is stripped; `:` comment lines ignored.
 * - Several `data` lines are joined with `\n`. A block without `data` dispatches nothing.
 * - A byte-order mark at the very start is skipped.
 * - At the end of input an event without its closing blank line is discarded (as the spec says),
 *   and `end()` reports it so a truncated stream can be told apart from a clean one.
 * - Lines longer than `maxLineLength` and events larger than `maxEventLength` (UTF-16 code units)
 *   throw a `TranslationError` (kind `upstream`) instead of growing memory without bound.
 */

export interface SSEMessage {
  /** the `event:` field; `undefined` when the block had none */
  event: string | undefined;
  /** the `data:` lines joined with `\n` */
  data: string;
  /** the `id:` field of this block, if it had one */
  id: string | undefined;
}

export interface SSEParserOptions {
  /** longest accepted line, in UTF-16 code units. Default 1 MiB. */
  maxLineLength?: number;
  /** largest accepted event (all its data lines), in UTF-16 code units. Default 16 MiB. */
  maxEventLength?: number;
  /** called with the value of a valid `retry:` field (milliseconds) */
  onRetry?: (ms: number) => void;
}

/** What was left over when the input ended. */
export interface SSEEndState {
  /** some event fields had been read but no blank line ended the event: the event was discarded */
  incompleteEvent: boolean;
  /** the input did not end with a line end: the last line was discarded */
  partialLine: boolean;
}

export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;
export const DEFAULT_MAX_EVENT_LENGTH = 16 * 1024 * 1024;

const LF = 10;
const CR = 13;

export class SSEParser {
  readonly #onMessage: (message: SSEMessage) => void;
  readonly #onRetry: ((ms: number) => void) | undefined;
  readonly #maxLine: number;
  readonly #maxEvent: number;

  /** text of the current line seen so far (only when a chunk ended inside a line) */
  #partial = '';
  #started = false;
  /** the previous chunk ended with CR: a LF at the start of the next chunk belongs to it */
  #pendingCR = false;
  /** that CR ended a blank line (an event block): its LF is reported as a block end of its own */
  #pendingCRBlock = false;
  readonly #onBlockEnd: ((offset: number) => void) | undefined;

  #event: string | undefined = undefined;
  #data: string | undefined = undefined;
  #id: string | undefined = undefined;
  /** any field line seen since the last dispatch */
  #dirty = false;

  /**
   * `onBlockEnd` (for byte-level callers, `createSSEBlockDecoder`): called at the end of every blank line, the end
   * of an event block whether it dispatched a message or not, with the offset in the chunk being fed just past
   * it (after a CRLF's LF). A blank line ending in a CR that ends the chunk ends the block there; when the next
   * chunk starts with its LF, that LF is reported as a block end of its own (offset 1).
   */
  constructor(
    onMessage: (message: SSEMessage) => void,
    options: SSEParserOptions = {},
    onBlockEnd?: (offset: number) => void,
  ) {
    this.#onMessage = onMessage;
    this.#onBlockEnd = onBlockEnd;
    this.#onRetry = options.onRetry;
    this.#maxLine = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
    this.#maxEvent = options.maxEventLength ?? DEFAULT_MAX_EVENT_LENGTH;
  }

  /** Parse the next piece of text. */
  feed(chunk: string): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (!this.#started) {
      this.#started = true;
      if (chunk.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (this.#pendingCR) {
      this.#pendingCR = false;
      if (chunk.charCodeAt(start) === LF) {
        start++;
        if (this.#pendingCRBlock) this.#onBlockEnd?.(start);
      }
      this.#pendingCRBlock = false;
    }
    const len = chunk.length;
    let nextLF = chunk.indexOf('\n', start);
    // `includes` first: on V8 a failing positional indexOf over a large chunk can hit a slow path
    // after the parser's call sites go polymorphic (measured: 1 MiB chunks 100x slower)
    let nextCR = chunk.includes('\r') ? chunk.indexOf('\r', start) : -1;
    while (start < len) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf('\n', start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf('\r', start);
      let end: number;
      if (nextLF === -1) end = nextCR;
      else if (nextCR === -1) end = nextLF;
      else end = Math.min(nextLF, nextCR);
      if (end === -1) {
        // no line end in the rest of the chunk: keep it for the next one
        const rest = start === 0 ? chunk : chunk.slice(start);
        if (this.#partial.length + rest.length > this.#maxLine) this.#tooLong();
        this.#partial = this.#partial.length === 0 ? rest : this.#partial + rest;
        return;
      }
      const blank = end === start && this.#partial.length === 0;
      if (this.#partial.length !== 0) {
        if (this.#partial.length + (end - start) > this.#maxLine) this.#tooLong();
        const line = this.#partial + chunk.slice(start, end);
        this.#partial = '';
        this.#line(line, 0, line.length);
      } else {
        if (end - start > this.#maxLine) this.#tooLong();
        this.#line(chunk, start, end);
      }
      if (chunk.charCodeAt(end) === CR) {
        if (end + 1 === len) {
          this.#pendingCR = true;
          this.#pendingCRBlock = blank;
          if (blank) this.#onBlockEnd?.(len);
          return;
        }
        start = chunk.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
      if (blank) this.#onBlockEnd?.(start);
    }
  }

  /** The input ended. Returns what was discarded; parsing more afterwards starts a new stream. */
  end(): SSEEndState {
    const state: SSEEndState = {
      partialLine: this.#partial.length !== 0,
      incompleteEvent: this.#dirty || this.#partial.length !== 0,
    };
    this.#partial = '';
    this.#pendingCR = false;
    this.#pendingCRBlock = false;
    this.#started = false;
    this.#reset();
    return state;
  }

  #tooLong(): never {
    throw new TranslationError('upstream', `SSE line longer than ${this.#maxLine} characters`);
  }

  #reset(): void {
    this.#event = undefined;
    this.#data = undefined;
    this.#id = undefined;
    this.#dirty = false;
  }

  /** one line: `text.slice(start, end)` without its line end */
  #line(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === 58 /* : */) return; // comment
    const colon = text.indexOf(':', start);
    let field: string;
    let value: string;
    if (colon === -1 || colon >= end) {
      field = text.slice(start, end);
      value = '';
    } else {
      field = text.slice(start, colon);
      const vs = text.charCodeAt(colon + 1) === 32 /* space */ && colon + 1 < end ? colon + 2 : colon + 1;
      value = text.slice(vs, end);
    }
    switch (field) {
      case 'data':
        this.#dirty = true;
        if (this.#data === undefined) {
          if (value.length > this.#maxEvent) this.#tooLarge();
          this.#data = value;
        } else {
          if (this.#data.length + value.length + 1 > this.#maxEvent) this.#tooLarge();
          this.#data = this.#data + '\n' + value;
        }
        return;
      case 'event':
        this.#dirty = true;
        this.#event = value;
        return;
      case 'id':
        this.#dirty = true;
        if (value.indexOf('\u0000') === -1) this.#id = value;
        return;
      case 'retry':
        this.#dirty = true;
        if (/^[0-9]+$/.test(value)) this.#onRetry?.(Number(value));
        return;
      default:
        // unknown field: ignored, but it still belongs to the event being read
        this.#dirty = true;
    }
  }

  #tooLarge(): never {
    throw new TranslationError('upstream', `SSE event larger than ${this.#maxEvent} characters`);
  }

  #dispatch(): void {
    const data = this.#data;
    const message: SSEMessage | undefined = data === undefined ? undefined : { event: this.#event, data, id: this.#id };
    this.#reset();
    if (message) this.#onMessage(message);
  }
}

/** Parse a whole SSE text at once. Convenience for tests and small inputs. */
export function parseSSE(text: string, options?: SSEParserOptions): { messages: SSEMessage[]; end: SSEEndState } {
  const messages: SSEMessage[] = [];
  const parser = new SSEParser((m) => messages.push(m), options);
  parser.feed(text);
  return { messages, end: parser.end() };
}
