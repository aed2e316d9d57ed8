import type { RequestValidator, RuleViolation } from '../mock-types.js';

/**
 * A Vertex `rawPredict` / `streamRawPredict` body for Claude (docs/wire-formats.md#vertex-claude): `anthropic_version` in the body, no
 * `model` (the path carries it; `stream: true` stays, as `@anthropic-ai/vertex-sdk` sends it), the rest a valid
 * Messages body (`validate('vertex-anthropic', …)`).
 */
export function checkVertexAnthropicBody(body: Record<string, unknown>, validate: RequestValidator): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (typeof body.anthropic_version !== 'string')
    out.push({ path: 'anthropic_version', message: 'anthropic_version: Field required' });
  if (body.model !== undefined) out.push({ path: 'model', message: 'model: Extra inputs are not permitted' });
  const spec = validate('vertex-anthropic', body);
  if (!spec.ok) out.push(...spec.errors.map((e) => ({ path: e.path, message: `${e.path}: ${e.message}` })));
  return out;
}
