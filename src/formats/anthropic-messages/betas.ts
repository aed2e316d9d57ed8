import type { RequestContext } from '../../core/options.js';

/**
 * The Anthropic beta names of an exchange, from `RequestContext.anthropicBeta`: a list, or the comma-separated
 * `anthropic-beta` header value of an Anthropic client. Bedrock takes them as a body list (InvokeModel's
 * `anthropic_beta`, Converse's `additionalModelRequestFields.anthropic_beta`).
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
