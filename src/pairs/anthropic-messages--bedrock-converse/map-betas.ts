import type { RequestContext } from '../../core/options.js';

/**
 * Anthropic beta names on Converse: Bedrock hands `additionalModelRequestFields.anthropic_beta` (a list) to
 * Claude, as InvokeModel's `anthropic_beta`. Names come in `options.context.anthropicBeta` (a list, or the
 * comma-separated `anthropic-beta` header value of an Anthropic client).
 */
export function betaNames(context: RequestContext | undefined): string[] {
  const b = context?.anthropicBeta;
  if (Array.isArray(b)) return b.filter((x): x is string => typeof x === 'string' && x !== '');
  if (typeof b === 'string')
    return b
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return [];
}
