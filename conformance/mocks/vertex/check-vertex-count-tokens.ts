import { checkAnthropicParams } from '../anthropic/check-anthropic-params.js';
import { checkAnthropicTurns } from '../anthropic/check-anthropic-turns.js';
import type { RuleViolation } from '../mock-types.js';
import { validateCountTokensRequest } from '../spec-validator.js';

/**
 * A Vertex `count-tokens:rawPredict` body: Anthropic's count_tokens body (`MessageCountTokensParams`, with `model`:
 * the path of this endpoint names no model) plus `anthropic_version` (Vertex takes the API version from the body),
 * held to the Anthropic mock's turn and parameter rules for count_tokens under that version.
 */
export function checkVertexCountTokens(body: Record<string, unknown>): RuleViolation[] {
  const out: RuleViolation[] = [];
  const { anthropic_version: version, ...rest } = body;
  if (typeof version !== 'string')
    out.push({ path: 'anthropic_version', message: 'anthropic_version: Field required' });
  if (typeof body.model !== 'string') out.push({ path: 'model', message: 'model: Field required' });
  const spec = validateCountTokensRequest(rest);
  if (!spec.ok)
    out.push(
      ...spec.errors.map((e) => ({ path: e.path, message: e.path === '' ? e.message : `${e.path}: ${e.message}` })),
    );
  out.push(
    ...checkAnthropicTurns(rest),
    ...checkAnthropicParams(rest, version === '2026-10-21' ? version : '2023-06-01', 'count_tokens'),
  );
  return out;
}
