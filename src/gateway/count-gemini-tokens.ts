import { type Counter, countTokensWith } from './count-provider-tokens.js';
import type { Admitted } from './exchange-context.js';
import { geminiCountTokensBody, geminiTotalTokens } from './gemini-count-tokens-body.js';
import type { GatewayRuntime } from './runtime.js';
import { upstreamUrl } from './upstream-request.js';

/** Gemini's count endpoint: `POST {baseUrl}/v1beta/models/{model}:countTokens`, answer `{ totalTokens }`. */
const GEMINI_COUNTER: Counter = {
  build: (body, model, anthropicVersion, strict) => geminiCountTokensBody(body, model, { strict, anthropicVersion }),
  url: (provider, model) => upstreamUrl(provider, model, 'count_tokens', false),
  read: geminiTotalTokens,
  endpoint: 'countTokens',
  answer: 'a CountTokensResponse',
};

/**
 * Anthropic count_tokens for a Gemini provider: the body translated and wrapped for
 * `POST {baseUrl}/v1beta/models/{model}:countTokens`, the answer `{ totalTokens }` returned as
 * `{ input_tokens }` (an exact count, no estimate header). Upstream errors are translated to Anthropic errors.
 */
export function countGeminiTokens(rt: GatewayRuntime, req: Request, a: Admitted): Promise<Response> {
  return countTokensWith(rt, req, a, GEMINI_COUNTER);
}
