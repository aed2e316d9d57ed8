import type { FormatId } from '../../src/core/formats.js';
import { checkAnthropicHeaders } from '../mocks/anthropic/check-anthropic-headers.js';
import { checkBedrockAuth } from '../mocks/bedrock/check-bedrock-auth.js';
import { checkGeminiHeaders } from '../mocks/gemini/check-gemini-headers.js';
import type { RuleViolation } from '../mocks/mock-types.js';
import { checkOpenAIHeaders } from '../mocks/openai/check-openai-headers.js';
import { readBearerToken } from '../mocks/read-bearer-token.js';
import { type UpstreamEndpoint, upstreamRequestProblems } from '../scenarios/upstream-request-rules.js';
import type { StrictCheck } from './scenario-upstream.js';

/** The auth (and, for Anthropic, version) header rule of the format's strict mock; the first one broken. */
function authProblem(format: FormatId, h: Headers, url: URL): RuleViolation | undefined {
  switch (format) {
    case 'anthropic-messages':
      return checkAnthropicHeaders(h, {});
    case 'openai-chat':
    case 'openai-responses':
      return checkOpenAIHeaders(h, {});
    case 'gemini':
      return checkGeminiHeaders(h, {}, url);
    case 'bedrock-converse':
    case 'bedrock-invoke':
      // a Bedrock API key (bearer) or a SigV4 signature
      return checkBedrockAuth(h);
    case 'vertex-anthropic':
      // a Vertex access token is a bearer token
      return readBearerToken(h.get('authorization')) === undefined
        ? { path: '', message: 'no Authorization: Bearer token' }
        : undefined;
  }
}

function headerProblems(format: FormatId, h: Headers, url: URL): string[] {
  const out: string[] = [];
  const auth = authProblem(format, h, url);
  if (auth) out.push(`headers: ${auth.message}`);
  if (!/application\/json/i.test(h.get('content-type') ?? ''))
    out.push('headers: content-type is not application/json');
  return out;
}

/** Which endpoint of the format the request went to: its token count, or a model call. */
function endpointOf(format: FormatId, pathname: string): UpstreamEndpoint {
  const count =
    (format === 'anthropic-messages' && pathname.endsWith('/count_tokens')) ||
    (format === 'gemini' && pathname.endsWith(':countTokens')) ||
    ((format === 'bedrock-converse' || format === 'bedrock-invoke') && pathname.endsWith('/count-tokens')) ||
    (format === 'vertex-anthropic' && pathname.endsWith('/count-tokens:rawPredict'));
  return count ? 'count_tokens' : 'messages';
}

/**
 * What the scenario upstream checks in every request, like the provider's strict mock would: the auth and version
 * headers (the mocks' header rules: Anthropic key + `anthropic-version`, OpenAI bearer, Gemini `x-goog-api-key` or
 * `?key=`, Bedrock an API key or a SigV4 signature, Vertex bearer), a JSON content type, and the body against the provider's spec and rules
 * (`upstreamRequestProblems`, shared with the library runner; an Anthropic request under the `anthropic-version` it
 * was sent with). Problems are recorded (the `upstream-request-valid` check shows them); the answer is still sent,
 * so the other checks run.
 */
export const strictUpstreamCheck: StrictCheck = async (format, req, body) => {
  const url = new URL(req.url);
  const problems = headerProblems(format, req.headers, url);
  const version = format === 'anthropic-messages' ? (req.headers.get('anthropic-version') ?? undefined) : undefined;
  problems.push(...upstreamRequestProblems(format, body, version, endpointOf(format, url.pathname)));
  return { problems };
};
