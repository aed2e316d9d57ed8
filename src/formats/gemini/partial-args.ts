import { TranslationError } from '../../core/errors.js';
import { isRecord } from '../../core/narrow.js';

/**
 * Gemini streamed function-call arguments (docs/wire-formats.md#gemini-stream): with
 * `functionCallingConfig.streamFunctionCallArguments`, a call's arguments arrive as `partialArgs`, each one value
 * (or one piece of a string value) at an RFC 9535 JSON path. This module turns them into JSON text as they come
 * (`PartialArgsJsonWriter`, for clients that stream tool input as JSON text) and JSON text back into them
 * (`JsonTextToPartialArgs`, for Gemini clients that asked for streamed arguments).
 */

/** One streamed argument value, as on the wire (`PartialArg`). */
export interface PartialArg {
  jsonPath: string;
  stringValue?: string;
  numberValue?: number;
  boolValue?: boolean;
  nullValue?: 'NULL_VALUE';
  willContinue?: boolean;
}

/** A JSON path as keys and array indexes, the root (`$`) being the arguments object. */
export type ArgPath = Array<string | number>;

const bad = (message: string): never => {
  throw new TranslationError('upstream', `Gemini streamed function-call arguments: ${message}`);
};

/**
 * `$.a.b[0]['c d']["e"]` -> `['a', 'b', 0, 'c d', 'e']`: dot names, bracketed indexes and bracketed quoted names
 * (RFC 9535 name selectors, with their escapes). Anything else is an error.
 */
export function parseArgPath(path: string): ArgPath {
  if (!path.startsWith('$')) bad(`JSON path ${JSON.stringify(path)} does not start at $`);
  const out: ArgPath = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j === i + 1) bad(`empty name in JSON path ${JSON.stringify(path)}`);
      out.push(path.slice(i + 1, j));
      i = j;
    } else if (c === '[') {
      const q = path[i + 1];
      if (q === "'" || q === '"') {
        const [name, end] = quoted(path, i + 1, q);
        if (path[end] !== ']') bad(`unclosed bracket in JSON path ${JSON.stringify(path)}`);
        out.push(name);
        i = end + 1;
      } else {
        const end = path.indexOf(']', i);
        const digits = end === -1 ? '' : path.slice(i + 1, end);
        if (!/^(0|[1-9][0-9]*)$/.test(digits)) bad(`bad index in JSON path ${JSON.stringify(path)}`);
        out.push(Number(digits));
        i = end + 1;
      }
    } else bad(`unexpected ${JSON.stringify(c)} in JSON path ${JSON.stringify(path)}`);
  }
  return out;
}

/** The name quoted with `q` starting at `start`, and the index after its closing quote. */
function quoted(path: string, start: number, q: string): [string, number] {
  let name = '';
  for (let i = start + 1; i < path.length; i++) {
    const c = path[i]!;
    if (c === q) return [name, i + 1];
    if (c !== '\\') {
      name += c;
      continue;
    }
    const e = path[++i];
    if (e === 'u') {
      const hex = path.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) bad(`bad escape in JSON path ${JSON.stringify(path)}`);
      name += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '/': '/', '\\': '\\' };
      const v = e === "'" || e === '"' ? e : e === undefined ? undefined : simple[e];
      if (v === undefined) bad(`bad escape in JSON path ${JSON.stringify(path)}`);
      name += v;
    }
  }
  return bad(`unclosed quote in JSON path ${JSON.stringify(path)}`);
}

/** A path as Gemini writes it: `$.name` for plain names, `$['odd name']` otherwise, `[0]` for indexes. */
export function formatArgPath(path: readonly (string | number)[]): string {
  let out = '$';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += `.${s}`;
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

interface Frame {
  kind: 'object' | 'array';
  /** the key or index of this container in its parent (undefined for the root) */
  at: string | number | undefined;
  count: number;
  keys: Set<string>;
}

/** JSON text of a string's content (no quotes), as `JSON.stringify` escapes it. */
const escapeContent = (s: string): string => JSON.stringify(s).slice(1, -1);

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * `partialArgs` in arrival order -> the JSON text of the arguments object, piece by piece, so that the pieces
 * concatenate to the arguments' JSON (what `JSON.parse` reads back as the arguments). Values must come in
 * document order, as a model writes them: a container, once left for a sibling, is not returned to; array
 * indexes count up from 0. A path that breaks this, or a value of no kind, is an error (the text already sent
 * cannot be taken back).
 */
export class PartialArgsJsonWriter {
  readonly #stack: Frame[] = [];
  /** the jsonPath of a string value whose pieces are still coming */
  #openString: string | undefined;
  /** a high surrogate held back until the piece that completes its pair */
  #held = '';

  /** The JSON text for one partial argument (read from the wire: checked here). */
  push(arg: unknown): string {
    if (!isRecord(arg) || typeof arg.jsonPath !== 'string') return bad('a partial argument needs a string jsonPath');
    let out = '';
    if (this.#openString !== undefined) {
      if (arg.jsonPath === this.#openString && typeof arg.stringValue === 'string')
        return this.#stringPiece(arg.stringValue, arg.willContinue === true);
      out += this.#closeString();
    }
    const path = parseArgPath(arg.jsonPath);
    const leaf = path.at(-1);
    if (leaf === undefined) return bad('a partial argument at $ (the arguments are an object)');
    if (this.#stack.length === 0) {
      this.#stack.push({ kind: 'object', at: undefined, count: 0, keys: new Set() });
      out += '{';
    }
    const containers = path.slice(0, -1);
    // leave the containers this path is not in (they are done), then enter the ones it is in
    let common = 0;
    while (
      common < containers.length &&
      common + 1 < this.#stack.length &&
      this.#stack[common + 1]!.at === containers[common]
    )
      common++;
    while (this.#stack.length > common + 1) out += this.#stack.pop()!.kind === 'object' ? '}' : ']';
    for (let k = common; k < containers.length; k++) {
      out += this.#member(containers[k]!, arg.jsonPath);
      const next = k + 1 < containers.length ? containers[k + 1]! : leaf;
      const kind = typeof next === 'number' ? 'array' : 'object';
      this.#stack.push({ kind, at: containers[k], count: 0, keys: new Set() });
      out += kind === 'object' ? '{' : '[';
    }
    out += this.#member(leaf, arg.jsonPath);
    return out + this.#value(arg);
  }

  /** What closes the arguments: an open string, the open containers, the object (`{}` when nothing came). */
  end(): string {
    let out = this.#openString === undefined ? '' : this.#closeString();
    if (this.#stack.length === 0) return `${out}{}`;
    while (this.#stack.length > 0) out += this.#stack.pop()!.kind === 'object' ? '}' : ']';
    return out;
  }

  #member(at: string | number, jsonPath: string): string {
    const frame = this.#stack.at(-1)!;
    const comma = frame.count > 0 ? ',' : '';
    if (frame.kind === 'object') {
      if (typeof at !== 'string') return bad(`${jsonPath} indexes an object`);
      if (frame.keys.has(at)) return bad(`${jsonPath} comes back to a value that was already written`);
      frame.keys.add(at);
      frame.count++;
      return `${comma}${JSON.stringify(at)}:`;
    }
    if (at !== frame.count) return bad(`${jsonPath} is not the next element of its list (${frame.count})`);
    frame.count++;
    return comma;
  }

  #value(arg: Record<string, unknown>): string {
    const kinds = ['stringValue', 'numberValue', 'boolValue', 'nullValue'].filter((k) => arg[k] !== undefined);
    if (kinds.length !== 1) return bad(`${String(arg.jsonPath)} needs exactly one value, found ${kinds.length}`);
    if (typeof arg.stringValue === 'string') {
      this.#openString = String(arg.jsonPath);
      return `"${this.#stringPiece(arg.stringValue, arg.willContinue === true)}`;
    }
    if (typeof arg.numberValue === 'number' && Number.isFinite(arg.numberValue)) return JSON.stringify(arg.numberValue);
    if (typeof arg.boolValue === 'boolean') return arg.boolValue ? 'true' : 'false';
    if (arg.nullValue === 'NULL_VALUE' || arg.nullValue === null || arg.nullValue === 0) return 'null';
    return bad(`${String(arg.jsonPath)} has a value of the wrong type`);
  }

  /** One piece of the open string; its closing quote when no piece follows. */
  #stringPiece(piece: string, more: boolean): string {
    let s = this.#held + piece;
    this.#held = '';
    if (more && s.length > 0 && isHighSurrogate(s.charCodeAt(s.length - 1))) {
      this.#held = s.slice(-1);
      s = s.slice(0, -1);
    }
    if (more) return escapeContent(s);
    this.#openString = undefined;
    return `${escapeContent(s)}"`;
  }

  #closeString(): string {
    const s = this.#held;
    this.#held = '';
    this.#openString = undefined;
    return `${escapeContent(s)}"`;
  }
}

type Scalar = { kind: 'number' | 'literal'; text: string };

interface ParseFrame {
  kind: 'object' | 'array';
  /** object: `key` awaits a key (or `}` when `count` is 0), `colon`, `value`, `next` a comma or the end */
  state: 'key' | 'colon' | 'value' | 'next';
  key: string;
  count: number;
}

/**
 * JSON text of an arguments object, in pieces cut anywhere -> `partialArgs`: each scalar once it is complete,
 * string values piece by piece as they arrive (`willContinue: true` on every piece but the last). An empty object
 * or list inside the arguments has no partial-argument form: its path is returned by `emptyContainers` (the
 * caller reports it). Text that is not one JSON object is an error, at the latest at `end`.
 */
export class JsonTextToPartialArgs {
  readonly #stack: ParseFrame[] = [];
  #started = false;
  #done = false;
  /** inside a string: a key (collected whole) or a value (streamed) */
  #string: { key: boolean; text: string; escape: string | undefined } | undefined;
  #scalar: Scalar | undefined;
  readonly emptyContainers: string[] = [];

  push(text: string): PartialArg[] {
    const out: PartialArg[] = [];
    for (let i = 0; i < text.length; i++) this.#char(text[i]!, out);
    const s = this.#string;
    if (s && !s.key && s.text !== '') {
      // keep a lone high surrogate for the next piece, which completes the pair
      let piece = s.text;
      s.text = '';
      if (isHighSurrogate(piece.charCodeAt(piece.length - 1))) {
        s.text = piece.slice(-1);
        piece = piece.slice(0, -1);
      }
      if (piece !== '') out.push({ jsonPath: this.#path(), stringValue: piece, willContinue: true });
    }
    return out;
  }

  /** The text is over: what is still owed (a number at the very end cannot be, in an object). */
  end(): PartialArg[] {
    if (!this.#started && this.#stack.length === 0) return [];
    if (!this.#done) bad('the tool input is not a complete JSON object');
    return [];
  }

  #path(): string {
    const path: Array<string | number> = [];
    for (let k = 1; k < this.#stack.length; k++) {
      const parent = this.#stack[k - 1]!;
      path.push(parent.kind === 'object' ? parent.key : parent.count);
    }
    const top = this.#stack.at(-1)!;
    path.push(top.kind === 'object' ? top.key : top.count);
    return formatArgPath(path);
  }

  #char(c: string, out: PartialArg[]): void {
    if (this.#string) {
      this.#stringChar(c, out);
      return;
    }
    if (this.#scalar) {
      if (/[0-9a-zA-Z+\-.]/.test(c)) {
        this.#scalar.text += c;
        return;
      }
      this.#endScalar(out);
    }
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') return;
    if (this.#done) bad('text after the end of the tool input');
    const top = this.#stack.at(-1);
    if (!top) {
      if (c !== '{') bad('the tool input is not a JSON object');
      this.#started = true;
      this.#stack.push({ kind: 'object', state: 'key', key: '', count: 0 });
      return;
    }
    if (top.kind === 'object') this.#objectChar(top, c);
    else this.#arrayChar(top, c);
  }

  #objectChar(top: ParseFrame, c: string): void {
    if (top.state === 'key') {
      if (c === '"') this.#string = { key: true, text: '', escape: undefined };
      else if (c === '}' && top.count === 0) this.#close();
      else bad(`unexpected ${JSON.stringify(c)} where a key was expected`);
    } else if (top.state === 'colon') {
      if (c !== ':') bad(`unexpected ${JSON.stringify(c)} where ":" was expected`);
      top.state = 'value';
    } else if (top.state === 'value') this.#valueStart(top, c);
    else if (c === ',') top.state = 'key';
    else if (c === '}') this.#close();
    else bad(`unexpected ${JSON.stringify(c)} after a value`);
  }

  #arrayChar(top: ParseFrame, c: string): void {
    if (top.state === 'value' || (top.state === 'key' && c !== ']')) {
      top.state = 'value';
      this.#valueStart(top, c);
    } else if (top.state === 'key') this.#close();
    else if (c === ',') {
      top.count++;
      top.state = 'value';
    } else if (c === ']') this.#close();
    else bad(`unexpected ${JSON.stringify(c)} after a list element`);
  }

  #valueStart(top: ParseFrame, c: string): void {
    top.state = 'next';
    if (c === '"') this.#string = { key: false, text: '', escape: undefined };
    else if (c === '{') this.#stack.push({ kind: 'object', state: 'key', key: '', count: 0 });
    else if (c === '[') this.#stack.push({ kind: 'array', state: 'key', key: '', count: 0 });
    else if (/[-0-9]/.test(c)) this.#scalar = { kind: 'number', text: c };
    else if (/[tfn]/.test(c)) this.#scalar = { kind: 'literal', text: c };
    else bad(`unexpected ${JSON.stringify(c)} where a value was expected`);
  }

  #close(): void {
    const frame = this.#stack.pop()!;
    const parent = this.#stack.at(-1);
    if (!parent) {
      this.#done = true;
      return;
    }
    if (frame.state === 'key' && frame.count === 0) {
      // `{}` or `[]`: re-enter to name it, then leave
      this.#stack.push(frame);
      this.emptyContainers.push(this.#parentPath());
      this.#stack.pop();
    }
    if (parent.kind === 'object') parent.count++;
  }

  /** The path of the container on top of the stack. */
  #parentPath(): string {
    const path: Array<string | number> = [];
    for (let k = 0; k < this.#stack.length - 1; k++) {
      const f = this.#stack[k]!;
      path.push(f.kind === 'object' ? f.key : f.count);
    }
    return formatArgPath(path);
  }

  #endScalar(out: PartialArg[]): void {
    const s = this.#scalar!;
    this.#scalar = undefined;
    const jsonPath = this.#path();
    this.#countValue();
    if (s.kind === 'number') {
      const n = Number(s.text);
      if (!/^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(s.text) || !Number.isFinite(n))
        bad(`${JSON.stringify(s.text)} is not a JSON number`);
      out.push({ jsonPath, numberValue: n });
    } else if (s.text === 'true' || s.text === 'false') out.push({ jsonPath, boolValue: s.text === 'true' });
    else if (s.text === 'null') out.push({ jsonPath, nullValue: 'NULL_VALUE' });
    else bad(`${JSON.stringify(s.text)} is not a JSON value`);
  }

  /** A value of the top container is complete. */
  #countValue(): void {
    const top = this.#stack.at(-1)!;
    if (top.kind === 'object') top.count++;
  }

  #stringChar(c: string, out: PartialArg[]): void {
    const s = this.#string!;
    if (s.escape !== undefined) {
      s.escape += c;
      const e = s.escape;
      if (e[0] === 'u') {
        if (e.length < 5) return;
        if (!/^u[0-9a-fA-F]{4}$/.test(e)) bad('bad \\u escape in the tool input');
        s.text += String.fromCharCode(Number.parseInt(e.slice(1), 16));
      } else {
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        const v = simple[e];
        if (v === undefined) bad('bad escape in the tool input');
        s.text += v;
      }
      s.escape = undefined;
      return;
    }
    if (c === '\\') {
      s.escape = '';
      return;
    }
    if (c !== '"') {
      s.text += c;
      return;
    }
    this.#string = undefined;
    const top = this.#stack.at(-1)!;
    if (s.key) {
      top.key = s.text;
      top.state = 'colon';
      return;
    }
    out.push({ jsonPath: this.#path(), stringValue: s.text });
    this.#countValue();
  }
}
