import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import { geminiToolUseId, toolUseIdFromGeminiCallId } from './tool-use-ids.js';

/** An Anthropic content block as it starts (text and thinking grow through the sink's deltas). */
export type AnthropicBlockStart =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** Where converted blocks go: a message being built, or a stream of Anthropic events. */
export interface BlockSink {
  open(block: AnthropicBlockStart): void;
  text(delta: string): void;
  thinking(delta: string): void;
  signature(signature: string): void;
  close(): void;
}

const PART_KEYS = new Set(['text', 'thought', 'thoughtSignature', 'functionCall']);

/**
 * Gemini parts -> Anthropic blocks, incrementally (the same code serves whole responses and
 * stream chunks, so both give the same blocks):
 *
 * - consecutive text parts form one text block; consecutive `thought` parts one thinking block,
 *   whose signature is the parts' `thoughtSignature`;
 * - a `functionCall` is one `tool_use` block; its id carries Gemini's `functionCall.id` when there is one
 *   (`toolu_gid_…`, sent back by the request translation), else it is derived (`toolu_gemini_…`);
 * - a `thoughtSignature` on a non-thought part closes that part's block and is carried by a
 *   thinking block with empty text right after it (the request translation puts it back on the
 *   part before). Signatures are never invented.
 */
export class GeminiPartsConverter {
  readonly #sink: BlockSink;
  readonly #losses: LossCollector;
  readonly #scope: string | undefined;
  #open: 'text' | 'thinking' | undefined;
  #pendingSignature: string | undefined;
  #calls = 0;

  constructor(sink: BlockSink, losses: LossCollector, scope?: string) {
    this.#sink = sink;
    this.#losses = losses;
    this.#scope = scope;
  }

  get hasFunctionCalls(): boolean {
    return this.#calls > 0;
  }

  push(parts: unknown, path: JsonPath): void {
    if (parts === undefined) return;
    if (!Array.isArray(parts)) throw new TranslationError('invalid_input', 'parts must be a list', { path });
    for (let i = 0; i < parts.length; i++) this.#part(parts[i], childPath(path, i));
  }

  /** Close the block still open. */
  finish(): void {
    this.#close();
  }

  #part(part: unknown, path: JsonPath): void {
    if (!isRecord(part)) throw new TranslationError('invalid_input', 'a part must be an object', { path });
    const sig =
      typeof part.thoughtSignature === 'string' && part.thoughtSignature !== '' ? part.thoughtSignature : undefined;
    if (typeof part.text === 'string') {
      if (part.thought === true) this.#thought(part.text, sig);
      else this.#text(part.text, sig);
    } else if (isRecord(part.functionCall)) {
      this.#functionCall(part.functionCall, childPath(path, 'functionCall'), sig);
    } else {
      this.#losses.add(path, 'this kind of Gemini part has no Anthropic response block');
      return;
    }
    this.#losses.unknownKeys(part, PART_KEYS, path);
  }

  #thought(text: string, sig: string | undefined): void {
    if (this.#open !== 'thinking') {
      this.#close();
      this.#sink.open({ type: 'thinking', thinking: '', signature: '' });
      this.#open = 'thinking';
    }
    if (text !== '') this.#sink.thinking(text);
    if (sig) this.#pendingSignature = sig;
  }

  #text(text: string, sig: string | undefined): void {
    if (text !== '') {
      if (this.#open !== 'text') {
        this.#close();
        this.#sink.open({ type: 'text', text: '' });
        this.#open = 'text';
      }
      this.#sink.text(text);
    }
    if (sig) this.#signatureBlock(sig);
  }

  #functionCall(fc: Record<string, unknown>, path: JsonPath, sig: string | undefined): void {
    if (typeof fc.name !== 'string')
      throw new TranslationError('invalid_input', 'functionCall needs a name', { path: childPath(path, 'name') });
    if (fc.args !== undefined && fc.args !== null && !isRecord(fc.args)) {
      throw new TranslationError('invalid_input', 'functionCall args must be an object', {
        path: childPath(path, 'args'),
      });
    }
    this.#close();
    const id =
      typeof fc.id === 'string' && fc.id !== ''
        ? toolUseIdFromGeminiCallId(fc.id)
        : geminiToolUseId(this.#calls, fc.name, this.#scope);
    this.#calls++;
    this.#sink.open({ type: 'tool_use', id, name: fc.name, input: isRecord(fc.args) ? fc.args : {} });
    this.#sink.close();
    this.#losses.unknownKeys(fc, CALL_KEYS, path);
    if (sig) this.#signatureBlock(sig);
  }

  #signatureBlock(sig: string): void {
    this.#close();
    this.#sink.open({ type: 'thinking', thinking: '', signature: '' });
    this.#sink.signature(sig);
    this.#sink.close();
  }

  #close(): void {
    if (this.#open === undefined) return;
    if (this.#open === 'thinking' && this.#pendingSignature !== undefined) this.#sink.signature(this.#pendingSignature);
    this.#pendingSignature = undefined;
    this.#open = undefined;
    this.#sink.close();
  }
}

const CALL_KEYS = new Set(['id', 'name', 'args']);

/** A sink that builds the `content` array of a whole message. */
export class MessageContentSink implements BlockSink {
  readonly content: Array<Record<string, unknown>> = [];
  #current: Record<string, unknown> | undefined;

  open(block: AnthropicBlockStart): void {
    this.#current = { ...block };
    this.content.push(this.#current);
  }
  text(delta: string): void {
    if (this.#current) this.#current.text = (this.#current.text as string) + delta;
  }
  thinking(delta: string): void {
    if (this.#current) this.#current.thinking = (this.#current.thinking as string) + delta;
  }
  signature(signature: string): void {
    if (this.#current) this.#current.signature = signature;
  }
  close(): void {
    this.#current = undefined;
  }
}
