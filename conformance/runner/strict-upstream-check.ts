import type { FormatId } from '../../src/core/formats.js';
import { validateRequest } from '../../src/validate/index.js';
import type { StrictCheck } from './scenario-upstream.js';

function headerProblems(format: FormatId, h: Headers, url: string): string[] {
  const out: string[] = [];
  const bearer = /^Bearer\s+\S+/i.test(h.get('authorization') ?? '');
  if (format === 'anthropic-messages') {
    if (!h.get('x-api-key') && !bearer) out.push('headers: no x-api-key and no Authorization: Bearer');
    const v = h.get('anthropic-version');
    if (v !== '2023-06-01' && v !== '2026-10-21') out.push(`headers: anthropic-version ${v === null ? 'missing' : `"${v}" unknown`}`);
  } else if (format === 'openai-chat' || format === 'bedrock-invoke' || format === 'bedrock-converse' || format === 'vertex-anthropic') {
    // Bedrock API keys and Vertex access tokens are bearer tokens too
    if (!bearer) out.push('headers: no Authorization: Bearer');
  } else if (format === 'gemini') {
    if (!h.get('x-goog-api-key') && !new URL(url).searchParams.get('key')) out.push('headers: no x-goog-api-key and no ?key=');
  }
  if (!/application\/json/i.test(h.get('content-type') ?? '')) out.push('headers: content-type is not application/json');
  return out;
}

/**
 * What the scenario upstream checks in every request, like the provider would: auth and version
 * headers, and the body against the provider's spec (`validateRequest`). Problems are recorded
 * (the `upstream-request-valid` check shows them); the answer is still sent, so the other checks run.
 */
export const strictUpstreamCheck: StrictCheck = async (format, req, body) => {
  const problems = headerProblems(format, req.headers, req.url);
  if (format === 'anthropic-messages' || format === 'openai-chat') {
    const isCount = new URL(req.url).pathname.endsWith('/count_tokens');
    const v = validateRequest(format, isCount && typeof body === 'object' && body !== null ? { ...body, max_tokens: 1 } : body);
    for (const e of v.errors) problems.push(`${e.path || '<root>'}: ${e.message}`);
  }
  return { problems };
};
