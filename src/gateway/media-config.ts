/**
 * The gateway's media settings (docs/gateway.md#media): the per-provider mode and the resolver's gateway-wide
 * options. Apart from `media.ts` so that the config can name them without importing the gateway's runtime.
 */

import type { FormatId } from '../core/formats.js';
import { MEDIA_TARGETS, type MediaFetch, type MediaLimits, type ResolveOption } from '../media/index.js';

export type MediaMode = 'inline' | 'pass' | 'refuse';

export const MEDIA_MODES: readonly MediaMode[] = ['inline', 'pass', 'refuse'];

/** The gateway-wide settings of the media resolver (`GatewayConfig.media`). */
export interface GatewayMediaConfig {
  /** exceptions to the address rules: host names, `*.` wildcards, addresses, CIDR ranges (docs/media.md#safety) */
  allowHosts?: string[];
  /** also fetch plain `http:` URLs (default: `https:` only) */
  allowHttp?: boolean;
  /** the resolver's limits (docs/media.md#options-and-defaults); a provider's `mediaLimits` override them */
  limits?: Partial<MediaLimits>;
  /**
   * The HTTP client for media. Default in Node (`crosswire/gateway`): a fetch whose connections can only reach
   * addresses that pass the rules (`createPinnedFetch`). Elsewhere there is no default: set it to use `inline`.
   */
  fetch?: MediaFetch;
  /** DNS for the address checks. Default in Node: `nodeResolve`. Elsewhere: required with `fetch`. */
  resolve?: ResolveOption;
}

/**
 * What a provider does with URL media when `media` is not set: `inline` where its format cannot take some URL
 * sources (Bedrock Converse and InvokeModel, Gemini, Chat), `pass` where it fetches URLs itself (Anthropic, Vertex,
 * Responses).
 */
export function defaultMediaMode(format: FormatId): MediaMode {
  return MEDIA_TARGETS[format].urls === 'none' ? 'pass' : 'inline';
}
