import type { LossCollector } from '../../core/losses.js';
import type { JsonObject } from '../../core/narrow.js';

/**
 * Request fields that OpenAI's Chat Completions and Responses APIs share, to and from Anthropic Messages
 * (docs/mappings-anthropic-openai.md, docs/mappings-anthropic-responses.md): who the end user is, and the service tier.
 */

/** `safety_identifier` (else the older `user`) -> Anthropic `metadata.user_id`; a `user` that differs is a loss. */
export function openaiUserToAnthropicMetadata(
  body: JsonObject,
  losses: LossCollector,
): { user_id: string } | undefined {
  const sid = body.safety_identifier;
  const user = body.user;
  if (typeof sid === 'string') {
    if (typeof user === 'string' && user !== sid)
      losses.add('user', 'safety_identifier takes precedence over user for metadata.user_id');
    return { user_id: sid };
  }
  return typeof user === 'string' ? { user_id: user } : undefined;
}

/** OpenAI `service_tier` -> Anthropic: `auto` stays, `default` is `standard_only`; `flex`, `priority`… are losses. */
export function openaiServiceTierToAnthropic(tier: unknown, losses: LossCollector): string | undefined {
  if (tier === undefined || tier === null) return undefined;
  if (tier === 'auto') return 'auto';
  if (tier === 'default') return 'standard_only';
  losses.add('service_tier', `service_tier ${JSON.stringify(tier)} has no Anthropic equivalent`);
  return undefined;
}

/** Anthropic `service_tier` -> OpenAI: `auto` stays, `standard_only` is `default`; anything else is a loss. */
export function anthropicServiceTierToOpenAI(tier: unknown, losses: LossCollector): string | undefined {
  if (tier === undefined || tier === null) return undefined;
  if (tier === 'auto') return 'auto';
  if (tier === 'standard_only') return 'default';
  losses.add('service_tier', 'unknown service_tier');
  return undefined;
}
