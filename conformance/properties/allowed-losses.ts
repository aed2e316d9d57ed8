import { isRecord } from '../../src/core/narrow.js';
import { withoutPaths } from './json-path-ops.js';

/**
 * What a round trip A → B → A may lose, stated per direction by the test from the format documentation
 * (docs/mappings-anthropic-openai.md, docs/mappings-anthropic-responses.md), not read from the translator's report:
 *
 * - `always`: B has no place for the field; whenever A has it, it is lost and must be reported.
 * - `when`: lost in some cases only (whitespace-only text, a setting Anthropic refuses while it thinks): the field
 *   may be lost, and only with a report.
 * - `changed`: carried with another value (a default limit, a value raised to B's minimum): compared on neither side.
 *
 * `pattern` matches a loss path with its indexes written `[*]`.
 */
export interface AllowedLoss {
  pattern: RegExp;
  kind: 'always' | 'when' | 'changed';
  why: string;
}

const general = (path: string) => path.replace(/\[\d+\]/g, '[*]');

/** Every path of `value` in the loss-path syntax (`messages[0].content[1].text`). */
function pathsOf(value: unknown, at = ''): string[] {
  const out: string[] = [];
  if (Array.isArray(value))
    value.forEach((v, i) => {
      const p = `${at}[${i}]`;
      out.push(p, ...pathsOf(v, p));
    });
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) {
      const p = at === '' ? k : `${at}.${k}`;
      out.push(p, ...pathsOf(v, p));
    }
  return out;
}

export interface LossVerdict {
  /** A as it should come back: without what may be lost */
  expected: unknown;
  /** the paths to leave out of the round-tripped value too (values carried changed) */
  changed: string[];
  /** reported losses the table does not allow, and `always` losses that went unreported */
  problems: string[];
}

/** Holds a round trip's reported losses to the table and says what A should come back as. */
export function judgeLosses(a: unknown, reported: readonly string[], table: readonly AllowedLoss[]): LossVerdict {
  const problems: string[] = [];
  const entry = (path: string) => table.find((t) => t.pattern.test(general(path)));
  for (const path of reported) if (!entry(path)) problems.push(`${path}: lost, and not an allowed loss of this pair`);
  const present = pathsOf(a);
  const always = present.filter((p) => entry(p)?.kind === 'always');
  for (const path of always)
    if (!reported.includes(path)) problems.push(`${path}: always lost on this pair, but not reported`);
  const when = reported.filter((p) => entry(p)?.kind === 'when');
  const changed = reported.filter((p) => entry(p)?.kind === 'changed');
  return { expected: withoutPaths(a, [...always, ...when, ...changed]), changed, problems };
}

export const ANTHROPIC_TO_OPENAI_LOSSES: readonly AllowedLoss[] = [
  { pattern: /^top_k$/, kind: 'always', why: 'Chat Completions has no top_k' },
];

/** Whitespace-only text is not sent to Anthropic (it refuses blank text blocks). */
const BLANK_TEXT = (container: string): AllowedLoss[] => [
  { pattern: new RegExp(`^${container}\\[\\*\\]\\.content(\\[\\*\\])?$`), kind: 'when', why: 'whitespace-only text' },
];

export const OPENAI_TO_ANTHROPIC_LOSSES: readonly AllowedLoss[] = [
  { pattern: /^max_completion_tokens$/, kind: 'changed', why: 'no limit given: Anthropic needs max_tokens' },
  ...BLANK_TEXT('messages'),
];

export const RESPONSES_TO_ANTHROPIC_LOSSES: readonly AllowedLoss[] = [
  { pattern: /^max_output_tokens$/, kind: 'changed', why: 'no limit given: Anthropic needs max_tokens' },
  { pattern: /^prompt_cache_key$/, kind: 'always', why: 'Anthropic caches by breakpoints, not keys' },
  { pattern: /^truncation$/, kind: 'when', why: '"auto": Anthropic never drops input to fit' },
  { pattern: /^metadata$/, kind: 'when', why: 'Anthropic metadata holds user_id only' },
  {
    pattern: /^(temperature|top_p)$/,
    kind: 'when',
    why: 'Anthropic takes temperature 1 / top_p ≥ 0.95 while thinking',
  },
  { pattern: /^reasoning(\.effort)?$/, kind: 'when', why: 'no thinking with a forced tool / a budget capped' },
  { pattern: /^instructions$/, kind: 'when', why: 'whitespace-only text' },
  ...BLANK_TEXT('input'),
];

export const ANTHROPIC_TO_RESPONSES_LOSSES: readonly AllowedLoss[] = [
  { pattern: /^stop_sequences$/, kind: 'always', why: 'Responses has no stop sequences' },
  { pattern: /^top_k$/, kind: 'always', why: 'Responses has no top_k' },
  { pattern: /^max_tokens$/, kind: 'changed', why: 'raised to Responses’ minimum of 16' },
];
