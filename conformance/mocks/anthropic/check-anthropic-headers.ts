import type { MockOptions, RuleViolation } from '../mock-types.js';
import { readBearerToken } from '../read-bearer-token.js';

/** The Anthropic API versions the mock accepts. */
export const ANTHROPIC_VERSIONS: readonly string[] = ['2023-06-01', '2026-10-21'];

/**
 * Auth (`x-api-key: <key>` as SDK 0.x sends it, or `Authorization: Bearer <key>` as SDK 1.x does; 401) and
 * `anthropic-version` (required, one of `ANTHROPIC_VERSIONS`; 400).
 */
export function checkAnthropicHeaders(headers: Headers, options: MockOptions): RuleViolation | undefined {
  const key = headers.get('x-api-key') ?? readBearerToken(headers.get('authorization'));
  if (!key) {
    return {
      status: 401,
      type: 'authentication_error',
      path: '',
      message: 'x-api-key header (or Authorization: Bearer) is required',
    };
  }
  if (options.apiKey !== undefined && key !== options.apiKey) {
    return { status: 401, type: 'authentication_error', path: '', message: 'invalid x-api-key' };
  }
  const version = headers.get('anthropic-version');
  if (version === null) return { path: '', message: 'anthropic-version: header is required' };
  if (!ANTHROPIC_VERSIONS.includes(version)) {
    return {
      path: '',
      message: `anthropic-version: ${JSON.stringify(version)} is not a supported version (${ANTHROPIC_VERSIONS.join(', ')})`,
    };
  }
  return undefined;
}
