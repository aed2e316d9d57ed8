/**
 * `crosswire/media`: URL images and documents fetched and inlined for the formats that cannot take URLs
 * (docs/media.md). Web-standard: runs wherever `fetch` does; DNS comes in through `options.resolve`
 * (`crosswire/media/node` has the Node one).
 */
export type { HostResolver, MediaFetch, ResolveOption } from './fetch-media.js';
export { findUrlMedia, type UrlMediaSource } from './find-url-media.js';
export { ForbiddenAddressError } from './host-policy.js';
export { isMediaError, MEDIA_ERROR_STATUS, MediaError, type MediaErrorReason } from './media-error.js';
export {
  DEFAULT_MEDIA_LIMITS,
  type FetchedMedia,
  type MediaLimits,
  type ResolvedMedia,
  type ResolveMediaOptions,
  resolveMedia,
} from './resolve-media.js';
export { MEDIA_TYPES, type MediaType, sniffMedia } from './sniff.js';
export {
  MEDIA_TARGETS,
  type MediaSlot,
  type MediaTarget,
  needsBytes,
  type UrlSupport,
  urlMediaNeedingBytes,
} from './targets.js';
