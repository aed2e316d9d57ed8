import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import { isRecord } from '../core/narrow.js';
import type { TranslateOptions } from '../core/options.js';
import { translateRequest } from '../translate/translate.js';

/**
 * The Vertex `count-tokens:rawPredict` body for an Anthropic count_tokens body: the body as rawPredict would
 * receive it (`anthropic_version` added: `vertex-2023-10-16`, or `2026-10-21`), except that this endpoint keeps
 * `model` in the body (its path names no model), with the provider's model name. Throws only `TranslationError`.
 */
export function vertexCountTokensBody(
  body: Record<string, unknown>,
  model: string,
  options: TranslateOptions,
): { body: Record<string, unknown>; losses: Loss[] } {
  const r = translateRequest<FormatId, FormatId>('anthropic-messages', 'vertex-anthropic', { ...body, model }, options);
  return { body: { ...(r.body as Record<string, unknown>), model }, losses: r.losses };
}

/** `input_tokens` of an Anthropic count_tokens answer, or undefined when the body is not one. */
export function anthropicInputTokens(json: unknown): number | undefined {
  if (!isRecord(json)) return undefined;
  const n = json.input_tokens;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
