import { TranslationError, type TranslationErrorKind } from '../core/errors.js';
import type { JsonPath } from '../core/json-path.js';

/** Why a URL source could not be inlined. Each reason has one HTTP status (`MEDIA_ERROR_STATUS`). */
export type MediaErrorReason =
  /** not a URL, too long, or with credentials in it */
  | 'bad_url'
  /** a scheme other than https (or http with `allowHttp`) */
  | 'forbidden_scheme'
  /** the host, or an address it resolves to, is private, loopback, link-local, metadata, … */
  | 'forbidden_address'
  /** the bytes are not a media type this target takes in this place, or do not match their content-type */
  | 'media_type'
  /** over `maxItemBytes` or `maxRequestBytes` */
  | 'too_large'
  /** more distinct URLs than `maxUrls` */
  | 'too_many_urls'
  /** the target format has no entry in the media table */
  | 'unsupported_target'
  /** the host could not be resolved, the connection failed, or the body could not be read */
  | 'fetch_failed'
  /** the media server answered with a non-2xx status (or a redirect without a usable `location`) */
  | 'upstream_status'
  /** more redirects than `maxRedirects` */
  | 'too_many_redirects'
  /** a fetch (DNS, redirects and body) took longer than `timeoutMs` */
  | 'timeout'
  /** `options.signal` was aborted */
  | 'aborted'
  /** the resolver's own options are wrong (an `allowHosts` entry that is neither a host name nor a range, …) */
  | 'bad_options';

/**
 * The status a gateway answers with, and the `TranslationError` kind. Size caps are 400, not 413: 413 says the
 * client's own request body is too large, while here the client named a URL whose content is too large
 * (docs/media.md#errors). 499 (client closed the request) is what the gateway answers when its client went away.
 */
export const MEDIA_ERROR_STATUS: Record<MediaErrorReason, readonly [status: number, kind: TranslationErrorKind]> = {
  bad_url: [400, 'invalid_input'],
  forbidden_scheme: [400, 'invalid_input'],
  forbidden_address: [400, 'invalid_input'],
  media_type: [400, 'invalid_input'],
  too_large: [400, 'invalid_input'],
  too_many_urls: [400, 'invalid_input'],
  unsupported_target: [400, 'unsupported'],
  fetch_failed: [502, 'upstream'],
  upstream_status: [502, 'upstream'],
  too_many_redirects: [502, 'upstream'],
  timeout: [504, 'upstream'],
  aborted: [499, 'upstream'],
  bad_options: [500, 'unsupported'],
};

/**
 * The error `resolveMedia` rejects with: a `TranslationError` (its kind from `MEDIA_ERROR_STATUS`) whose `path`
 * names the JSON path of the source's `url`, whose `status` is the one a gateway answers with, plus a
 * machine-readable `reason`.
 */
export class MediaError extends TranslationError {
  declare readonly status: number;
  readonly reason: MediaErrorReason;

  constructor(reason: MediaErrorReason, message: string, path?: JsonPath) {
    const [status, kind] = MEDIA_ERROR_STATUS[reason];
    super(kind, message, path === undefined ? { status } : { path, status });
    this.reason = reason;
  }
}

export function isMediaError(e: unknown): e is MediaError {
  return e instanceof MediaError;
}
