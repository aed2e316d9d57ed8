/** What a redacted secret becomes. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are only redacted as a whole word (a short value would match ordinary text). */
const MIN_SECRET = 8;
/** The visible start or end of a masked secret that identifies it (`sk-oai-S****0123`: `sk-oai-S`, `0123`). */
const MIN_VISIBLE = 4;
/** A run of a secret's characters that identifies it when it stands alone (a key cut short). */
const MIN_RUN = 12;

/** Words a secret can hide in: key characters, and the masks upstreams print (`*`, `•`, `…`, `...`). */
const WORD = /[A-Za-z0-9_+/=~.*•…-]+/g;
const MASK = /[*•…]|\.{3}/;

/** Where the last mask in `w` ends (-1: none). */
function lastMaskEnd(w: string): number {
  for (let i = w.length - 1; i >= 0; i--) {
    const c = w[i];
    if (c === '*' || c === '•' || c === '…' || (c === '.' && i >= 2 && w.startsWith('...', i - 2))) return i + 1;
  }
  return -1;
}

/**
 * Removes configured secrets (upstream keys and tokens, credential headers, client keys) from text the gateway
 * relays or logs. The rule (docs/security.md#secrets):
 *
 * - every occurrence of a secret is replaced by `[redacted]`;
 * - in error texts, headers and logs also (`text`): a masked form of a secret, that is a word with a mask in it
 *   (`*`, `•`, `…` or `...`), whose visible start is the start of a secret or whose visible end is the end of one
 *   (4 characters or more: `sk-oai-S****0123`, `…0123`), and a word of 12 characters or more that is part of a
 *   secret (a key cut short);
 * - in a relayed stream (`inBytes`): a secret, or its base64 form (Bedrock InvokeModel chunks carry base64 JSON),
 *   anywhere in a chunk.
 *
 * Secrets shorter than 8 characters are only redacted where a word equals them.
 */
export interface Redactor {
  /** true when there is nothing to redact */
  readonly empty: boolean;
  /** the full rule: whole secrets, masked forms, cut keys (error bodies, relayed headers, log lines) */
  text(s: string): string;
  /** whole secrets only: cheap enough for a whole response body */
  whole(s: string): string;
  /** a secret in these bytes; with `base64`, also its base64 text at any alignment (event-stream payloads) */
  inBytes(b: Uint8Array, base64?: boolean): boolean;
  /** `text` applied to every string in a log entry (object keys too) */
  value<T>(v: T): T;
}

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The base64 text of `secret` at each of the three byte alignments it can have inside a longer payload. */
function base64Forms(secret: Uint8Array): string[] {
  const out: string[] = [];
  for (let skip = 0; skip < 3; skip++) {
    const rest = secret.subarray(skip);
    const whole = rest.subarray(0, rest.length - (rest.length % 3));
    if (whole.length >= 6) out.push(base64(whole));
  }
  return out;
}

/** How common a byte is in the JSON text of streams (lower: rarer): lower-case letters, space and JSON punctuation most. */
function commonness(c: number): number {
  if ((c >= 0x61 && c <= 0x7a) || c === 0x20 || c === 0x22 || c === 0x3a || c === 0x2c) return 3;
  if (c >= 0x30 && c <= 0x39) return 2;
  return 1;
}

/** A needle and where its rarest byte is: the search runs on that byte (`indexOf` is native), then compares. */
interface Needle {
  bytes: Uint8Array;
  anchor: number;
}

function needle(bytes: Uint8Array): Needle {
  let anchor = 0;
  for (let i = 1; i < bytes.length; i++) if (commonness(bytes[i]!) < commonness(bytes[anchor]!)) anchor = i;
  return { bytes, anchor };
}

function contains(hay: Uint8Array, n: Needle): boolean {
  const { bytes, anchor } = n;
  const a = bytes[anchor]!;
  const last = hay.length - bytes.length + anchor;
  for (let i = hay.indexOf(a, anchor); i >= 0 && i <= last; i = hay.indexOf(a, i + 1)) {
    const start = i - anchor;
    let j = 0;
    while (j < bytes.length && hay[start + j] === bytes[j]) j++;
    if (j === bytes.length) return true;
  }
  return false;
}

/** The bounds of `word` without the sentence dots around it (a `...` mask stays). */
function trimDots(word: string): [number, number] {
  let a = 0;
  let b = word.length;
  while (a < b && word[a] === '.' && !word.startsWith('...', a)) a++;
  while (b > a && word[b - 1] === '.' && !word.endsWith('...', b)) b--;
  return [a, b];
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  const all = [...new Set([...secrets].filter((s) => s.length > 0))];
  // longest first: a secret that contains another is replaced whole
  const long = all.filter((s) => s.length >= MIN_SECRET).sort((a, b) => b.length - a.length);
  const short = new Set(all.filter((s) => s.length < MIN_SECRET));
  const raw: Needle[] = [];
  const encoded: Needle[] = [];
  for (const s of long) {
    const bytes = encoder.encode(s);
    raw.push(needle(bytes));
    for (const form of base64Forms(bytes)) encoded.push(needle(encoder.encode(form)));
  }

  const identifies = (w: string): boolean => {
    if (short.has(w)) return true;
    const mask = w.search(MASK);
    if (mask >= 0) {
      const head = w.slice(0, mask);
      const tail = w.slice(lastMaskEnd(w));
      return long.some(
        (s) => (head.length >= MIN_VISIBLE && s.startsWith(head)) || (tail.length >= MIN_VISIBLE && s.endsWith(tail)),
      );
    }
    return w.length >= MIN_RUN && long.some((s) => s.includes(w));
  };

  const whole = (s: string): string => {
    let out = s;
    for (const k of long) if (out.includes(k)) out = out.split(k).join(REDACTED);
    return out;
  };

  const text = (s: string): string => {
    if (all.length === 0 || s.length === 0) return s;
    return whole(s).replace(WORD, (word) => {
      const [a, b] = trimDots(word);
      return identifies(word.slice(a, b)) ? word.slice(0, a) + REDACTED + word.slice(b) : word;
    });
  };

  const value = <T>(v: T): T => {
    // log entries are the gateway's own objects, a few levels deep (the walk stops at 8)
    const walk = (x: unknown, depth: number): unknown => {
      if (typeof x === 'string') return text(x);
      if (depth > 8 || typeof x !== 'object' || x === null) return x;
      if (Array.isArray(x)) return x.map((e) => walk(e, depth + 1));
      const out: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(x)) out[text(k)] = walk(e, depth + 1);
      return out;
    };
    return all.length === 0 ? v : (walk(v, 0) as T);
  };

  return {
    empty: all.length === 0,
    text,
    whole: (s) => (all.length === 0 ? s : whole(s)),
    inBytes: (b, base64 = false) => raw.some((n) => contains(b, n)) || (base64 && encoded.some((n) => contains(b, n))),
    value,
  };
}
