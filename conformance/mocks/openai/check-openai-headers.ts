import type { MockOptions, RuleViolation } from '../mock-types.js';
import { readBearerToken } from '../read-bearer-token.js';

/** Auth: `Authorization: Bearer <key>` (401 when missing or, with `options.apiKey`, different). */
export function checkOpenAIHeaders(headers: Headers, options: MockOptions): RuleViolation | undefined {
  const key = readBearerToken(headers.get('authorization'));
  if (!key) {
    return {
      status: 401,
      path: '',
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
    };
  }
  if (options.apiKey !== undefined && key !== options.apiKey) {
    return { status: 401, path: '', message: 'Incorrect API key provided.' };
  }
  return undefined;
}
