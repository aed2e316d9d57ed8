/**
 * URL media on the way to a provider (docs/gateway.md#media, docs/media.md): per provider, `inline` (fetch the URL
 * sources the provider cannot take and send their bytes), `pass` (leave them to the translator, which reports what
 * the provider cannot take as a loss) or `refuse` (400 naming the first such source). The gateway runs it on the
 * hub (`anthropic-messages`) body between the two halves of the request translation; the translators stay pure.
 */
import type { FormatId } from '../core/formats.js';
import { childPath } from '../core/json-path.js';
import { isRecord } from '../core/narrow.js';
import {
  findUrlMedia,
  isMediaError,
  type MediaError,
  type MediaLimits,
  resolveMedia,
  type UrlMediaSource,
  urlMediaNeedingBytes,
} from '../media/index.js';
import { type ClientFormat, clientError } from './client-error.js';
import type { Admitted } from './exchange-context.js';
import { defaultMediaMode, type GatewayMediaConfig, type MediaMode } from './media-config.js';
import type { GatewayRuntime } from './runtime.js';

/** The result of the media step: the hub body to translate on, or the error to answer with. */
export type MediaStep =
  | { ok: true; body: unknown; fetched: number }
  | { ok: false; status: number; message: string; param: string };

/**
 * The media step of one request: `hubBody` (an `anthropic-messages` request) with the URL sources the provider
 * cannot take inlined (`inline`) or refused (`refuse`). `clientJson` is the client's own request, whose JSON path
 * the errors name. Never throws a `MediaError`: it comes back as `{ ok: false }`.
 */
export async function mediaStep(
  hubBody: unknown,
  to: FormatId,
  mode: MediaMode,
  settings: { media: GatewayMediaConfig; limits: Partial<MediaLimits> | undefined; signal: AbortSignal },
  client: { format: ClientFormat; json: unknown },
): Promise<MediaStep> {
  if (mode === 'pass') return { ok: true, body: hubBody, fetched: 0 };
  if (mode === 'refuse') {
    const first = urlMediaNeedingBytes(to, hubBody)[0];
    if (!first) return { ok: true, body: hubBody, fetched: 0 };
    const param = clientPath(first, client);
    return {
      ok: false,
      status: 400,
      message: `${to} cannot take media by URL and this gateway does not fetch it for this provider (media: "refuse"); send the bytes instead (at ${param})`,
      param,
    };
  }
  // nothing to fetch: no options needed (a web gateway without a media fetch still serves every other request)
  if (urlMediaNeedingBytes(to, hubBody).length === 0) return { ok: true, body: hubBody, fetched: 0 };
  const { media } = settings;
  try {
    if (!media.fetch || !media.resolve) {
      return {
        ok: false,
        status: 501,
        message: `this gateway has no media fetch configured (media.fetch and media.resolve) to inline URL media for ${to}`,
        param: clientPath(urlMediaNeedingBytes(to, hubBody)[0]!, client),
      };
    }
    const r = await resolveMedia(to, hubBody, {
      fetch: media.fetch,
      resolve: media.resolve,
      allowHosts: media.allowHosts,
      allowHttp: media.allowHttp === true,
      signal: settings.signal,
      limits: { ...media.limits, ...settings.limits },
    });
    return { ok: true, body: r.body, fetched: r.fetched.length };
  } catch (e) {
    if (!isMediaError(e)) throw e;
    return asClientError(e, hubBody, client);
  }
}

/** The provider's media mode: its `media` setting, else its format's default. */
export function mediaModeOf(a: Admitted): MediaMode {
  return a.route.provider.media ?? defaultMediaMode(a.route.provider.format);
}

/**
 * The media step of a request the gateway admitted, on its hub body: the body to translate on, or the error
 * response in the client's format (failures of the gateway's side, 5xx, are logged too).
 */
export async function inlineHubMedia(
  rt: GatewayRuntime,
  req: Request,
  a: Admitted,
  hubBody: unknown,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const step = await mediaStep(
    hubBody,
    a.route.provider.format,
    mediaModeOf(a),
    { media: rt.config.media ?? {}, limits: a.route.provider.mediaLimits, signal: req.signal },
    { format: a.clientFormat, json: a.json },
  );
  if (step.ok) return { ok: true, body: step.body };
  if (step.status >= 500)
    rt.log({ event: 'media_failed', requestId: a.requestId, status: step.status, message: step.message });
  return { ok: false, response: clientError(a.clientFormat, step.status, step.message, { param: step.param }) };
}

/** A `MediaError` as the client should read it: the message and `param` name the path in the client's request. */
function asClientError(e: MediaError, hubBody: unknown, client: { format: ClientFormat; json: unknown }): MediaStep {
  const hubPath = e.path ?? '';
  // every URL source, not only the needed ones: a `MediaError` names one of them by its hub path
  const source = findUrlMedia(hubBody).find((s) => s.path === hubPath);
  const param = source ? clientPath(source, client) : hubPath;
  const suffix = ` (at ${hubPath === '' ? '<root>' : hubPath})`;
  const bare = e.path !== undefined && e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
  return { ok: false, status: e.status, message: param === '' ? bare : `${bare} (at ${param})`, param };
}

/** Keys whose string value names media by URL in some client format (Anthropic, Chat, Responses, Gemini). */
const URL_KEYS: ReadonlySet<string> = new Set(['url', 'image_url', 'file_url', 'fileUri', 'uri']);

/**
 * The JSON path, in the client's own request, of the URL the hub source names. An Anthropic client's request is
 * the hub body: the path is the resolver's. Other clients' requests were rearranged on the way to the hub (system
 * turns moved, tool results merged), so the path is found by the URL itself: the first string equal to it under a
 * URL-naming key (`image_url.url`, `file_url`, `fileData.fileUri`, …), else the first string equal to it anywhere,
 * else the hub path.
 */
export function clientPath(source: UrlMediaSource, client: { format: ClientFormat; json: unknown }): string {
  if (client.format === 'anthropic-messages') return source.path;
  let anywhere: string | undefined;
  let found: string | undefined;
  const walk = (v: unknown, path: string, key: string | undefined, depth: number): void => {
    if (found !== undefined || depth > 1000) return;
    if (typeof v === 'string') {
      if (v !== source.url) return;
      if (key !== undefined && URL_KEYS.has(key)) found = path;
      else anywhere ??= path;
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], childPath(path, i), key, depth + 1);
      return;
    }
    if (isRecord(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, childPath(path, k), k, depth + 1);
    }
  };
  walk(client.json, '', undefined, 0);
  return found ?? anywhere ?? source.path;
}
