import fc from 'fast-check';
import { isBlank } from '../../src/core/blank-text.js';

/** Strings that stress UTF-8 handling: multi-byte characters, emoji (incl. ZWJ sequences), CJK, combining marks. */
const TRICKY = [
  'é',
  'ß',
  '漢字',
  'こんにちは',
  '😀',
  '👩‍👩‍👧',
  '🇯🇵',
  'a\u0301',
  '\u00a0',
  '"quoted"',
  'back\\slash',
  'line\nbreak',
  'data: x',
  '\r\n',
];

/** A non-empty piece of text: ASCII, any Unicode grapheme, or one of the tricky strings. No lone surrogates. */
export const textPiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
);

/** Non-empty text made of one to four pieces (it may be whitespace only: `visibleText` is not). */
export const text: fc.Arbitrary<string> = fc.array(textPiece, { minLength: 1, maxLength: 4 }).map((p) => p.join(''));

/**
 * Text that is not whitespace only: what Anthropic and Bedrock accept in a text block (docs/wire-formats.md#gotchas);
 * Gemini clients do not send blank text either.
 */
export const visibleText: fc.Arbitrary<string> = text.filter((t) => !isBlank(t));

/** An identifier-like name valid for both Anthropic and OpenAI tools (`^[a-zA-Z0-9_-]{1,64}$`). */
export const toolName: fc.Arbitrary<string> = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);

/**
 * A tool name valid for Anthropic and OpenAI that Gemini refuses (it must start with a letter or an underscore:
 * docs/wire-formats.md#gemini-service-rules), so a request translated to Gemini has to rewrite it and the answer restore it.
 */
export const toolNameNeedingRewrite: fc.Arbitrary<string> = fc.stringMatching(/^[0-9][a-z0-9_]{0,15}$/);

/** A tool name for Anthropic / OpenAI request arbitraries: mostly plain, sometimes one another format must rewrite. */
export const anyToolName: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: toolName },
  { weight: 1, arbitrary: toolNameNeedingRewrite },
);

/** A model name. */
export const modelName: fc.Arbitrary<string> = fc.constantFrom(
  'claude-sonnet-4-5',
  'claude-opus-4-1',
  'gpt-4o',
  'gpt-4.1-mini',
);

/** A small JSON value for tool inputs / arguments (no floats that would not survive JSON). */
export const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
);

/** A JSON object usable as a tool input (object at the top, as both formats require). */
export const toolInput: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/),
  fc.oneof(
    jsonLeaf,
    fc.array(jsonLeaf, { maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), jsonLeaf, { maxKeys: 3 }),
  ),
  { maxKeys: 4 },
);

/** Tool input whose lists and nested objects are never empty. */
export const toolInputWithoutEmptyContainers: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/),
  fc.oneof(
    jsonLeaf,
    fc.array(jsonLeaf, { minLength: 1, maxLength: 3 }),
    fc.dictionary(fc.stringMatching(/^[a-z]{1,5}$/), jsonLeaf, { minKeys: 1, maxKeys: 3 }),
  ),
  { maxKeys: 4 },
);

/** Split `s` into `n`+1 fragments at arbitrary code-unit positions that do not cut a surrogate pair; fragments may be empty. */
export function splitText(s: string, cuts: readonly number[]): string[] {
  const positions = [...new Set(cuts.map((c) => Math.min(s.length, Math.max(0, c))))]
    .filter((p) => !(p > 0 && p < s.length && isHighSurrogate(s.charCodeAt(p - 1))))
    .sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const p of positions) {
    out.push(s.slice(prev, p));
    prev = p;
  }
  out.push(s.slice(prev));
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
