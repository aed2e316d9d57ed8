import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import { isRecord } from '../core/narrow.js';
import type { TranslateOptions } from '../core/options.js';
import { translateRequest } from '../translate/translate.js';
import { bytesToBase64 } from '../wire/base64.js';

/** The fields of a Converse request that Bedrock's `ConverseTokensRequest` takes (the rest steer the answer). */
const CONVERSE_COUNTED = ['messages', 'system', 'toolConfig', 'additionalModelRequestFields'] as const;

/** Where Bedrock Runtime's CountTokens is: `/model/{modelId}/count-tokens` (one endpoint for both input kinds). */
export function bedrockCountTokensPath(model: string): string {
  return `/model/${encodeURIComponent(model)}/count-tokens`;
}

/**
 * count_tokens has no `max_tokens`, but an InvokeModel body for Claude needs one (and one above the thinking
 * budget): a placeholder that does not change what is counted.
 */
function placeholderMaxTokens(body: Record<string, unknown>): number {
  const t = body.thinking;
  return isRecord(t) && t.type === 'enabled' && typeof t.budget_tokens === 'number' ? t.budget_tokens + 1 : 1;
}

/**
 * The Bedrock CountTokens body for an Anthropic count_tokens body (`POST /model/{modelId}/count-tokens`):
 * - `bedrock-invoke`: `{ input: { invokeModel: { body: <base64 of the InvokeModel JSON body> } } }`, the body being
 *   the request as InvokeModel would receive it (`anthropic_version`, a placeholder `max_tokens`);
 * - `bedrock-converse`: `{ input: { converse: { messages, system?, toolConfig?, additionalModelRequestFields? } } }`,
 *   the request as Converse would receive it without `inferenceConfig` (the placeholder `maxTokens`), which
 *   `ConverseTokensRequest` does not take.
 * Losses are the translator's. Throws only `TranslationError`.
 */
export function bedrockCountTokensBody(
  format: 'bedrock-invoke' | 'bedrock-converse',
  body: Record<string, unknown>,
  model: string,
  options: TranslateOptions,
): { body: { input: Record<string, unknown> }; losses: Loss[] } {
  const r = translateRequest<FormatId, FormatId>(
    'anthropic-messages',
    format,
    { ...body, model, max_tokens: placeholderMaxTokens(body) },
    options,
  );
  const translated = r.body as Record<string, unknown>;
  if (format === 'bedrock-invoke') {
    const bytes = new TextEncoder().encode(JSON.stringify(translated));
    return { body: { input: { invokeModel: { body: bytesToBase64(bytes) } } }, losses: r.losses };
  }
  const converse: Record<string, unknown> = {};
  for (const key of CONVERSE_COUNTED) if (translated[key] !== undefined) converse[key] = translated[key];
  return { body: { input: { converse } }, losses: r.losses };
}

/** `inputTokens` of a Bedrock `CountTokensResponse`, or undefined when the body is not one. */
export function bedrockInputTokens(json: unknown): number | undefined {
  if (!isRecord(json)) return undefined;
  const n = json.inputTokens;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}
