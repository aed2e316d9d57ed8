import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import { isRecord } from '../core/narrow.js';
import type { TranslateOptions } from '../core/options.js';
import { translateRequest } from '../translate/translate.js';

/**
 * The Gemini `countTokens` body for an Anthropic count_tokens body: the request as `generateContent` would see it,
 * wrapped as `{ generateContentRequest: { model: "models/<model>", contents, systemInstruction?, tools? } }`
 * (docs/wire-formats.md#gemini-count-tokens; `contents` alone could not carry the system prompt or the tools). count_tokens has no
 * `max_tokens`: the translator gets a placeholder, and `generationConfig` (that placeholder, the thinking budget)
 * and `toolConfig` (`tool_choice`) are left out, as they steer the answer and are not prompt tokens.
 * Losses are the translator's. Throws only `TranslationError`.
 */
export function geminiCountTokensBody(
  body: Record<string, unknown>,
  model: string,
  options: TranslateOptions,
): { body: { generateContentRequest: Record<string, unknown> }; losses: Loss[] } {
  const r = translateRequest<FormatId, FormatId>(
    'anthropic-messages',
    'gemini',
    { ...body, model, max_tokens: 1 },
    options,
  );
  const { generationConfig: _placeholder, toolConfig: _choice, ...rest } = r.body as Record<string, unknown>;
  return { body: { generateContentRequest: { model: `models/${model}`, ...rest } }, losses: r.losses };
}

/**
 * `totalTokens` of a Gemini `CountTokensResponse` (`{ totalTokens, cachedContentTokenCount?, promptTokensDetails? }`),
 * or undefined when the body is not one. An absent `totalTokens` is 0 (proto3 JSON leaves zero values out).
 * `cachedContentTokenCount` is part of `totalTokens` already.
 */
export function geminiTotalTokens(json: unknown): number | undefined {
  if (!isRecord(json)) return undefined;
  const n = json.totalTokens ?? 0;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
