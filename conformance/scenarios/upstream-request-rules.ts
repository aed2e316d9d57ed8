import type { FormatId } from '../../src/core/formats.js';
import { isRecord } from '../../src/core/narrow.js';
import { validateRequest } from '../../src/validate/index.js';
import { checkAnthropicParams } from '../mocks/anthropic/check-anthropic-params.js';
import { checkAnthropicTurns } from '../mocks/anthropic/check-anthropic-turns.js';
import { bedrockCountTokensEndpoint } from '../mocks/bedrock/bedrock-count-tokens-endpoint.js';
import { checkConverseRules } from '../mocks/bedrock/check-converse-request.js';
import { checkInvokeBody } from '../mocks/bedrock/check-invoke-body.js';
import { checkGeminiCountTokens } from '../mocks/gemini/check-gemini-count-tokens.js';
import { checkGeminiRequest } from '../mocks/gemini/check-gemini-request.js';
import { readGeminiJson } from '../mocks/gemini/read-gemini-json.js';
import type { RuleViolation } from '../mocks/mock-types.js';
import { checkOpenAIRequest } from '../mocks/openai/check-openai-request.js';
import { checkResponsesRequest } from '../mocks/openai-responses/check-responses-request.js';
import { validateCountTokensRequest, validateInputTokensRequest } from '../mocks/spec-validator.js';
import { unknownFieldViolations } from '../mocks/strict-fields.js';
import { checkVertexAnthropicBody } from '../mocks/vertex/check-vertex-anthropic-body.js';
import { checkVertexCountTokens } from '../mocks/vertex/check-vertex-count-tokens.js';

/** Which kind of request the upstream got: a model call, or the format's token count. */
export type UpstreamEndpoint = 'messages' | 'count_tokens';

const line = (path: string, message: string) => `${path === '' ? '<root>' : path}: ${message}`;

function specProblems(result: { ok: boolean; errors: ReadonlyArray<{ path: string; message: string }> }): string[] {
  return result.ok ? [] : result.errors.map((e) => line(e.path, e.message));
}

/** The Anthropic API version a Bedrock Invoke / Vertex body asks for with its `anthropic_version`. */
function bodyApiVersion(body: Record<string, unknown>): string {
  return body.anthropic_version === '2026-10-21' ? '2026-10-21' : '2023-06-01';
}

/** Claude's own rules on a Messages body (turn order, thinking budget, the API version's removals). */
function anthropicRules(body: Record<string, unknown>, version: string, endpoint: UpstreamEndpoint): RuleViolation[] {
  return [...checkAnthropicParams(body, version, endpoint), ...checkAnthropicTurns(body)];
}

/** Spec problems (`validateRequest`) are reported by the callers below; mock checks that run one get this instead. */
const noSpec = () => ({ ok: true, errors: [] });

/**
 * What the strict mock provider would reject in a request body: the provider's spec (`validateRequest`, or the
 * count_tokens schema) and its rules beyond the spec, reusing the mocks' own rule functions —
 * Anthropic: turn order, thinking budget and API-version rules; OpenAI: tool names, stop count, tool message order;
 * Responses: token minimum, tool names, strict schemas, calls and outputs paired, no server state;
 * Gemini (the body as Google's JSON parser reads it: snake_case names, enum values in any case): alternating roles, one data field per part, function responses answering the calls, the Schema subset;
 * Converse: alternation starting with user, non-empty content, toolConfig for tool blocks; Bedrock Invoke and
 * Vertex: `anthropic_version` in the body, no `model` (Invoke: no `stream` either), and the Anthropic rules under
 * the version the body names. `anthropicVersion` is the version an Anthropic request is sent with (default
 * 2023-06-01); `endpoint` `count_tokens` checks the format's token-count body instead (Anthropic count_tokens,
 * Gemini countTokens, Bedrock CountTokens, Vertex count-tokens). Fields the spec does not define are problems too,
 * worded as the provider words them (`conformance/mocks/strict-fields.ts`; OpenAI Chat: top-level keys only).
 */
export function upstreamRequestProblems(
  format: FormatId,
  body: unknown,
  anthropicVersion = '2023-06-01',
  endpoint: UpstreamEndpoint = 'messages',
): string[] {
  const found = knownFieldProblems(format, body, anthropicVersion, endpoint);
  // fields the spec does not define, in the provider's words (`strict-fields.ts`), unless already named
  const named = new Set(found.map((f) => f.slice(0, f.indexOf(': '))));
  const unknown = unknownFieldViolations(format, body, endpoint).map((v) => line(v.path, v.message));
  return [...found, ...unknown.filter((u) => !named.has(u.slice(0, u.indexOf(': '))))];
}

function knownFieldProblems(
  format: FormatId,
  body: unknown,
  anthropicVersion: string,
  endpoint: UpstreamEndpoint,
): string[] {
  const count = endpoint === 'count_tokens';
  if (format === 'anthropic-messages' && count) {
    const out = specProblems(validateCountTokensRequest(body));
    if (isRecord(body))
      out.push(...anthropicRules(body, anthropicVersion, endpoint).map((r) => line(r.path, r.message)));
    return out;
  }
  if (!isRecord(body))
    return count ? ['<root>: the body is not a JSON object'] : specProblems(validateRequest(format, body));
  const rules = (violations: readonly RuleViolation[]) => violations.map((r) => line(r.path, r.message));
  switch (format) {
    case 'anthropic-messages':
      return [
        ...specProblems(validateRequest(format, body)),
        ...rules(anthropicRules(body, anthropicVersion, endpoint)),
      ];
    case 'openai-chat':
      return [...specProblems(validateRequest(format, body)), ...rules(checkOpenAIRequest(body))];
    case 'openai-responses':
      return [
        ...specProblems(count ? validateInputTokensRequest(body) : validateRequest(format, body)),
        ...rules(checkResponsesRequest(body)),
      ];
    case 'gemini': {
      if (count) return rules(checkGeminiCountTokens(body, validateRequest));
      const read = readGeminiJson(body);
      return [...specProblems(validateRequest(format, read)), ...rules(checkGeminiRequest(read))];
    }
    case 'bedrock-converse':
    case 'bedrock-invoke':
      if (count)
        return rules(
          bedrockCountTokensEndpoint.check(
            { body, headers: new Headers(), url: new URL('http://upstream.invalid/model/m/count-tokens') },
            validateRequest,
          ),
        );
      if (format === 'bedrock-converse')
        return [...specProblems(validateRequest(format, body)), ...rules(checkConverseRules(body))];
      return [
        ...specProblems(validateRequest(format, body)),
        ...rules(checkInvokeBody(body, noSpec)),
        ...rules(anthropicRules(body, bodyApiVersion(body), endpoint)),
      ];
    case 'vertex-anthropic':
      if (count) return rules(checkVertexCountTokens(body));
      return [
        ...specProblems(validateRequest(format, body)),
        ...rules(checkVertexAnthropicBody(body, noSpec)),
        ...rules(anthropicRules(body, bodyApiVersion(body), endpoint)),
      ];
  }
}
