import { childPath } from '../core/json-path.js';

/** Default deepest nesting of arrays and objects a request body may have (`maxJsonDepth`). */
export const DEFAULT_MAX_JSON_DEPTH = 128;

export type JsonShapeFault =
  | { kind: 'depth'; path: string; limit: number }
  | { kind: 'duplicate_key'; path: string; key: string };

const QUOTE = 0x22;

interface Level {
  array: boolean;
  /** array: the index of the element being read; object: unused */
  index: number;
  /** object: the key whose value is being read */
  key: string;
  /** object: the keys seen so far (for duplicates) */
  keys: string[] | Set<string> | undefined;
}

/** Objects with more keys than this keep them in a Set (a few keys: a short array is faster). */
const SMALL = 8;

function pathOf(stack: readonly Level[], depth: number): string {
  let p = '';
  for (let i = 0; i < depth; i++) {
    const l = stack[i]!;
    p = l.array ? childPath(p, l.index) : childPath(p, l.key);
  }
  return p;
}

/** Records `key` in `level`; false when it was already there. */
function addKey(level: Level, key: string): boolean {
  const keys = level.keys;
  if (keys === undefined) {
    level.keys = [key];
    return true;
  }
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return false;
    keys.push(key);
    if (keys.length > SMALL) level.keys = new Set(keys);
    return true;
  }
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

/**
 * Checks the text of a JSON document that `JSON.parse` accepted (V8's parser is not recursive: any depth
 * parses) for what the parsed value hides or what later code cannot take: nesting deeper than `maxDepth`
 * arrays/objects (recursive code such as `JSON.stringify` or schema converters overflows the stack on a few
 * thousand levels), and an object key that appears twice (`JSON.parse` keeps the last value and drops the
 * first in silence; a server that keeps the first would read another request). Keys are compared decoded
 * (`"mod\u0065l"` is `model`; `duplicateKeys: false` skips this check). One pass over the characters, without recursion; returns the first fault with
 * its JSON path, or undefined.
 */
export function checkJsonShape(
  text: string,
  maxDepth: number,
  opts: { duplicateKeys?: boolean } = {},
): JsonShapeFault | undefined {
  const keys = opts.duplicateKeys !== false;
  const stack: Level[] = [];
  let depth = 0;
  /** in an object, the next string is a key */
  let expectKey = false;
  const n = text.length;
  /** the next backslash at or after the current string's start (-1: none left; kept so the scan stays linear) */
  let backslash = text.indexOf('\\');
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // find the closing quote; note whether the string has escapes
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) return undefined; // not valid JSON: JSON.parse said otherwise; nothing to report
        if (backslash >= 0 && backslash < j) backslash = text.indexOf('\\', j);
        if (backslash >= 0 && backslash < q) {
          escaped = true;
          j = backslash + 2;
          continue;
        }
        j = q;
        break;
      }
      if (expectKey && keys) {
        const level = stack[depth - 1]!;
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (!addKey(level, key)) return { kind: 'duplicate_key', path: childPath(pathOf(stack, depth - 1), key), key };
        level.key = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (depth >= maxDepth) return { kind: 'depth', path: pathOf(stack, depth), limit: maxDepth };
      const array = c === 0x5b;
      const level = stack[depth];
      if (level) {
        level.array = array;
        level.index = 0;
        level.key = '';
        level.keys = undefined;
      } else stack.push({ array, index: 0, key: '', keys: undefined });
      depth++;
      expectKey = !array;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      expectKey = false;
    } else if (c === 0x2c /* , */ && depth > 0) {
      const level = stack[depth - 1]!;
      if (level.array) level.index++;
      else expectKey = true;
    }
  }
  return undefined;
}

/** A path for a message: at most `max` characters, the middle elided (paths of deep or long keys are long). */
export function elidePath(path: string, max = 240): string {
  if (path.length <= max) return path;
  const half = Math.floor((max - 1) / 2);
  return `${path.slice(0, half)}…${path.slice(path.length - half)}`;
}

/** The client-facing message for a shape fault; it starts with the (elided) JSON path, as schema errors do. */
export function jsonShapeMessage(f: JsonShapeFault): string {
  const at = f.path === '' ? '' : `${elidePath(f.path)}: `;
  return f.kind === 'depth'
    ? `${at}request body nests arrays and objects deeper than ${f.limit} levels`
    : `${at}the key ${JSON.stringify(elidePath(f.key, 80))} appears more than once in its object`;
}
