import type { RequestValidator, RuleViolation } from '../mock-types.js';

/**
 * InvokeModel's own rules for a Claude body (docs/wire-formats.md#bedrock-invoke): `anthropic_version` in the body, no `model` and no
 * `stream` there (the path carries both); the rest must be a valid Messages body (`validate('bedrock-invoke', …)`).
 * `at` prefixes the paths (a body nested in a CountTokens request).
 */
export function checkInvokeBody(body: Record<string, unknown>, validate: RequestValidator, at = ''): RuleViolation[] {
  const path = (p: string) => (at === '' ? p : p === '' ? at : `${at}.${p}`);
  const out: RuleViolation[] = [];
  if (typeof body.anthropic_version !== 'string')
    out.push({
      path: path('anthropic_version'),
      message: 'Malformed input request: #: required key [anthropic_version] not found',
    });
  if (body.model !== undefined)
    out.push({ path: path('model'), message: 'Malformed input request: #: extraneous key [model] is not permitted' });
  if (body.stream !== undefined)
    out.push({ path: path('stream'), message: 'Malformed input request: #: extraneous key [stream] is not permitted' });
  const spec = validate('bedrock-invoke', body);
  if (!spec.ok)
    out.push(
      ...spec.errors.map((e) => ({ path: path(e.path), message: `Malformed input request: ${e.path}: ${e.message}` })),
    );
  return out;
}
