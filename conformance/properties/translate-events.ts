import type { FormatId } from '../../src/core/formats.js';
import type { TranslateOptions } from '../../src/core/options.js';
import { createStreamTranslator } from '../../src/translate/translate.js';
import { translateStream } from '../../src/translate/translate-stream.js';
import { readAll, streamOf } from '../scenarios/library-exchange.js';

/** Push every event through a fresh stream translator and end it: the translated events. */
export function translateEvents(
  from: FormatId,
  to: FormatId,
  events: readonly unknown[],
  options?: TranslateOptions,
): unknown[] {
  const t = createStreamTranslator(from, to, options);
  const out: unknown[] = [];
  for (const e of events) out.push(...t.push(e));
  out.push(...t.end());
  return out;
}

/** Upstream bytes, handed over in `chunks`, through `translateStream`: the client bytes. */
export function translateBytes(
  from: FormatId,
  to: FormatId,
  chunks: readonly Uint8Array[],
  options?: TranslateOptions,
): Promise<Uint8Array> {
  return readAll(translateStream(from, to, streamOf(chunks), options));
}

/** Split `bytes` at the given positions (clamped, deduplicated); empty chunks are kept out. */
export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => Math.min(bytes.length, Math.max(0, c))))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...at, bytes.length]) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}
