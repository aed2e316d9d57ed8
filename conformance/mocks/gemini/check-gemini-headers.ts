import type { MockOptions, RuleViolation } from '../mock-types.js';

/** The API key in `x-goog-api-key` (or the `key` query parameter, checked by the caller's URL). */
export function checkGeminiHeaders(headers: Headers, options: MockOptions, url?: URL): RuleViolation | undefined {
  const key = headers.get('x-goog-api-key') ?? url?.searchParams.get('key') ?? undefined;
  if (!key)
    return {
      status: 403,
      path: '',
      message:
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    };
  if (options.apiKey !== undefined && key !== options.apiKey)
    return { status: 400, path: '', message: 'API key not valid. Please pass a valid API key.' };
  return undefined;
}
