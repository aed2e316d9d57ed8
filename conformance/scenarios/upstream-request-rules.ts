import type { FormatId } from '../../src/core/formats.js';
import { validateRequest } from '../../src/validate/index.js';
import { validateCountTokensRequest } from '../mocks/spec-validator.js';
import { checkAnthropicParams } from '../mocks/anthropic/check-anthropic-params.js';
import { checkAnthropicTurns } from '../mocks/anthropic/check-anthropic-turns.js';
import { checkOpenAIRequest } from '../mocks/openai/check-openai-request.js';
import { isRecord } from '../../src/core/narrow.js';

/**
 * What the strict mock provider would reject in a request body: the provider's spec (`validateRequest`) and its
 * rules beyond the spec (Anthropic turn order, thinking budget and API-version rules; OpenAI tool names, stop
 * count, tool message order). `anthropicVersion` is the version the request is sent with (default 2023-06-01);
 * `endpoint` `count_tokens` checks an Anthropic count_tokens body instead of a messages body.
 */
export function upstreamRequestProblems(
  format: FormatId,
  body: unknown,
  anthropicVersion = '2023-06-01',
  endpoint: 'messages' | 'count_tokens' = 'messages',
): string[] {
  const count = endpoint === 'count_tokens' && format === 'anthropic-messages';
  const v = count ? validateCountTokensRequest(body) : validateRequest(format, body);
  const out = v.ok ? [] : v.errors.map((e) => `${e.path === '' ? '<root>' : e.path}: ${e.message}`);
  if (!isRecord(body)) return out;
  const rules =
    format === 'anthropic-messages'
      ? [...checkAnthropicParams(body, anthropicVersion, count ? 'count_tokens' : 'messages'), ...checkAnthropicTurns(body)]
      : format === 'openai-chat'
        ? checkOpenAIRequest(body)
        : [];
  for (const r of rules) out.push(`${r.path === '' ? '<root>' : r.path}: ${r.message}`);
  return out;
}
