import { TranslationError } from '../../core/errors.js';
import { childPath, type JsonPath } from '../../core/json-path.js';
import type { LossCollector } from '../../core/losses.js';
import { isRecord } from '../../core/narrow.js';
import { PartialArgsJsonWriter } from '../../formats/gemini/partial-args.js';
import { geminiToolUseId, toolUseIdFromGeminiCallId } from './tool-use-ids.js';

/** An Anthropic content block as it starts (text and thinking grow through the sink's deltas). */
export type AnthropicBlockStart =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** Where converted blocks go: a message being built, or a stream of Anthropic events. */
export interface BlockSink {
  /** a block; a `tool_use` opened this way has its whole `input` */
  open(block: AnthropicBlockStart): void;
  /** a `tool_use` block whose input comes as JSON text through `toolInput` */
  openTool(id: string, name: string): void;
  toolInput(json: string): void;
  text(delta: string): void;
  thinking(delta: string): void;
  signature(signature: string): void;
  close(): void;
}

const PART_KEYS = new Set(['text', 'thought', 'thoughtSignature', 'functionCall']);
const CALL_KEYS = new Set(['id', 'name', 'args', 'willContinue']);
const STREAMED_CALL_KEYS = new Set(['id', 'name', 'partialArgs', 'willContinue']);

/** A function call whose arguments are streamed (`partialArgs`), while its parts keep coming. */
interface StreamedCall {
  writer: PartialArgsJsonWriter;
  signature: string | undefined;
}

/**
 * Gemini parts -> Anthropic blocks, incrementally (the same code serves whole responses and
 * stream chunks, so both give the same blocks):
 *
 * - consecutive text parts form one text block; consecutive `thought` parts one thinking block,
 *   whose signature is the parts' `thoughtSignature`;
 * - a `functionCall` is one `tool_use` block; its id carries Gemini's `functionCall.id` when there is one
 *   (`toolu_gid_…`, sent back by the request translation), else it is derived (`toolu_gemini_…`);
 * - a call with streamed arguments (docs/wire-formats.md#gemini-stream: a part with `name` and `willContinue`,
 *   parts with `partialArgs` and no `name`, a last part without `willContinue`) is one `tool_use` block whose
 *   input arrives as JSON text, piece by piece (`PartialArgsJsonWriter`); any other part, or the end, also ends it;
 * - a `thoughtSignature` on a non-thought part closes that part's block and is carried by a
 *   thinking block with empty text right after it (the request translation puts it back on the
 *   part before); a streamed call's signature (on any of its parts) comes after the call. Signatures are
 *   never invented.
 * - other parts (`inlineData` images the model generated, code execution) have no Anthropic response block: each
 *   is a reported loss with its path.
 */
export class GeminiPartsConverter {
  readonly #sink: BlockSink;
  readonly #losses: LossCollector;
  readonly #scope: string | undefined;
  #open: 'text' | 'thinking' | 'tool' | undefined;
  #pendingSignature: string | undefined;
  #streamed: StreamedCall | undefined;
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
      this.#close();
      const image = isRecord(part.inlineData) ? part.inlineData.mimeType : undefined;
      this.#losses.add(
        path,
        typeof image === 'string'
          ? `the model's ${image} inlineData has no place in an Anthropic response (it holds no images)`
          : 'this kind of Gemini part has no Anthropic response block',
      );
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
    } else if (this.#open === 'tool') this.#close();
    if (sig) this.#signatureBlock(sig);
  }

  #functionCall(fc: Record<string, unknown>, path: JsonPath, sig: string | undefined): void {
    const named = typeof fc.name === 'string';
    if (this.#streamed && !named) {
      // a later part of the streamed call
      this.#losses.unknownKeys(fc, STREAMED_CALL_KEYS, path);
      if (sig) this.#streamed.signature = sig;
      this.#partialArgs(fc.partialArgs, path);
      if (fc.willContinue !== true) this.#close();
      return;
    }
    if (!named)
      throw new TranslationError('invalid_input', 'functionCall needs a name', { path: childPath(path, 'name') });
    this.#close();
    const name = fc.name as string;
    const id =
      typeof fc.id === 'string' && fc.id !== ''
        ? toolUseIdFromGeminiCallId(fc.id)
        : geminiToolUseId(this.#calls, name, this.#scope);
    this.#calls++;
    if (fc.willContinue === true || fc.partialArgs !== undefined) {
      this.#losses.unknownKeys(fc, STREAMED_CALL_KEYS, path);
      if (fc.args !== undefined)
        this.#losses.add(childPath(path, 'args'), 'args beside streamed partialArgs are not carried');
      this.#sink.openTool(id, name);
      this.#open = 'tool';
      this.#streamed = { writer: new PartialArgsJsonWriter(), signature: sig };
      this.#partialArgs(fc.partialArgs, path);
      if (fc.willContinue !== true) this.#close();
      return;
    }
    if (fc.args !== undefined && fc.args !== null && !isRecord(fc.args)) {
      throw new TranslationError('invalid_input', 'functionCall args must be an object', {
        path: childPath(path, 'args'),
      });
    }
    this.#sink.open({ type: 'tool_use', id, name, input: isRecord(fc.args) ? fc.args : {} });
    this.#sink.close();
    this.#losses.unknownKeys(fc, CALL_KEYS, path);
    if (sig) this.#signatureBlock(sig);
  }

  /** The JSON text of a part's `partialArgs`, as one piece of the open call's input. */
  #partialArgs(list: unknown, path: JsonPath): void {
    if (list === undefined) return;
    if (!Array.isArray(list))
      throw new TranslationError('invalid_input', 'partialArgs must be a list', {
        path: childPath(path, 'partialArgs'),
      });
    let json = '';
    for (const arg of list) json += this.#streamed!.writer.push(arg);
    if (json !== '') this.#sink.toolInput(json);
  }

  #signatureBlock(sig: string): void {
    this.#close();
    this.#sink.open({ type: 'thinking', thinking: '', signature: '' });
    this.#sink.signature(sig);
    this.#sink.close();
  }

  #close(): void {
    if (this.#open === undefined) return;
    if (this.#open === 'tool') {
      const call = this.#streamed!;
      this.#streamed = undefined;
      this.#open = undefined;
      this.#sink.toolInput(call.writer.end());
      this.#sink.close();
      if (call.signature) this.#signatureBlock(call.signature);
      return;
    }
    if (this.#open === 'thinking' && this.#pendingSignature !== undefined) this.#sink.signature(this.#pendingSignature);
    this.#pendingSignature = undefined;
    this.#open = undefined;
    this.#sink.close();
  }
}

/** A sink that builds the `content` array of a whole message. */
export class MessageContentSink implements BlockSink {
  readonly content: Array<Record<string, unknown>> = [];
  #current: Record<string, unknown> | undefined;
  /** the input JSON text of a tool_use block opened with `openTool` */
  #json: string | undefined;

  open(block: AnthropicBlockStart): void {
    this.#current = { ...block };
    this.content.push(this.#current);
  }
  openTool(id: string, name: string): void {
    this.open({ type: 'tool_use', id, name, input: {} });
    this.#json = '';
  }
  toolInput(json: string): void {
    if (this.#json !== undefined) this.#json += json;
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
    // the writer's text is JSON of an object by construction
    if (this.#current && this.#json !== undefined) this.#current.input = JSON.parse(this.#json) as unknown;
    this.#json = undefined;
    this.#current = undefined;
  }
}
