import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import type { AnthropicVersion } from '../core/options.js';
import { FORMAT_SCHEMAS } from '../validate/format-schemas.js';
import { anthropicVersionRules, validateRequest } from '../validate/index.js';
import type { ClientFormat } from './client-error.js';
import { clientError } from './client-error.js';
import type { LossLogEntry } from './config.js';
import { elidePath } from './json-shape.js';
import { readJsonBody } from './read-json-body.js';
import { type ModelRoute, routeModel } from './route-model.js';
import { type GatewayRuntime, holdOf } from './runtime.js';
import { clientKey } from './upstream-request.js';

export const LOSSES_HEADER = 'x-crosswire-losses';
/**
 * `x-crosswire-strict-openai: 1` (or `true`): strict OpenAI compliance for this exchange (`TranslateOptions.strictOpenAI`):
 * Chat Completions output holds no crosswire extension; each omission is a loss.
 */
export const STRICT_OPENAI_HEADER = 'x-crosswire-strict-openai';

/** Whether the client asked for strict OpenAI compliance. */
export function wantsStrictOpenAI(req: Request): boolean {
  const v = req.headers.get(STRICT_OPENAI_HEADER)?.trim().toLowerCase();
  return v === '1' || v === 'true';
}
/** Send `x-crosswire-debug: losses` to get the request-translation losses in this header (URI-encoded JSON). */
export const LOSS_DETAIL_HEADER = 'x-crosswire-loss-detail';
/** How many request losses `x-crosswire-loss-detail` leaves out (sent when it leaves some out). */
export const LOSS_DETAIL_OMITTED_HEADER = 'x-crosswire-loss-detail-omitted';
/** The longest `x-crosswire-loss-detail` value (clients refuse response headers past 16-64 KB in all). */
export const MAX_LOSS_DETAIL_BYTES = 8 * 1024;

/** A loss as a report shows it: path and reason cut to a readable length (a 100 KB key name is a 100 KB path). */
function shown(loss: Loss): Loss {
  const path = String(loss.path);
  const reason = String(loss.reason);
  return path === loss.path && reason === loss.reason && path.length <= 240 && reason.length <= 300
    ? loss
    : { path: elidePath(path, 240), reason: elidePath(reason, 300) };
}

/**
 * The loss headers of a response: the count, and with `x-crosswire-debug: losses` the first request losses that
 * fit in `MAX_LOSS_DETAIL_BYTES` (at most `maxReportedLosses`), plus how many were left out.
 */
export function lossHeaders(
  rt: GatewayRuntime,
  req: Request,
  requestLosses: readonly Loss[],
  total = requestLosses.length,
): Record<string, string> {
  const h: Record<string, string> = { [LOSSES_HEADER]: String(total) };
  if (!req.headers.get('x-crosswire-debug')?.includes('losses')) return h;
  // encodeURIComponent works character by character: the list is the pieces joined by an encoded comma
  const pieces: string[] = [];
  let size = 6; // %5B ... %5D
  for (const loss of requestLosses) {
    if (pieces.length >= rt.limits.maxReportedLosses) break;
    const piece = encodeURIComponent(JSON.stringify(shown(loss)));
    if (size + piece.length + 3 > MAX_LOSS_DETAIL_BYTES) break;
    pieces.push(piece);
    size += piece.length + 3;
  }
  h[LOSS_DETAIL_HEADER] = `%5B${pieces.join('%2C')}%5D`;
  if (pieces.length < requestLosses.length)
    h[LOSS_DETAIL_OMITTED_HEADER] = String(requestLosses.length - pieces.length);
  return h;
}
/** Upstream formats that are Claude's own API (they enforce the Anthropic version rules themselves). */
const CLAUDE_UPSTREAMS: ReadonlySet<string> = new Set(['anthropic-messages', 'bedrock-invoke', 'vertex-anthropic']);

export const ANTHROPIC_VERSIONS: readonly AnthropicVersion[] = ['2023-06-01', '2026-10-21'];

/** Everything the handlers know about one client request once it passed the edge checks. */
export interface Admitted {
  clientFormat: ClientFormat;
  /** the `anthropic-version` the client sent (Anthropic clients: default `2023-06-01` when absent) */
  clientVersion?: AnthropicVersion;
  bytes: Uint8Array;
  json: Record<string, unknown>;
  route: Extract<ModelRoute, { ok: true }>;
  requestId: string;
}

/** Logs the losses of one direction: the first `maxReportedLosses`, and how many more there were. */
export function logLosses(
  rt: GatewayRuntime,
  a: Admitted,
  direction: LossLogEntry['direction'],
  providerFormat: FormatId,
  losses: readonly Loss[],
): void {
  if (losses.length === 0) return;
  const max = rt.limits.maxReportedLosses;
  const entry: LossLogEntry = {
    requestId: a.requestId,
    direction,
    clientFormat: a.clientFormat,
    providerFormat,
    provider: a.route.providerName,
    losses: (losses.length > max ? losses.slice(0, max) : losses).map(shown),
  };
  if (losses.length > max) entry.lossesOmitted = losses.length - max;
  rt.log(entry);
}

/**
 * The edge checks every request goes through, in order: client key (when the gateway has keys),
 * Anthropic version header, content type, size, JSON syntax, schema (`validateRequest`), model routing.
 * A failure comes back as a ready error response in the caller's format.
 */
export async function admit(
  rt: GatewayRuntime,
  req: Request,
  clientFormat: ClientFormat,
  operation: 'generate' | 'count_tokens',
  /** Gemini, Bedrock and Vertex clients name the model in the URL, not the body */
  urlModel?: string,
): Promise<Admitted | Response> {
  const denied = checkClientKey(rt, req, clientFormat);
  if (denied) return denied;
  // Anthropic clients: their API version (default 2023-06-01). Other clients may send the header too,
  // to pick the version spoken to an Anthropic provider instead of the provider's configured one.
  let clientVersion: AnthropicVersion | undefined;
  const version = req.headers.get('anthropic-version') ?? (clientFormat === 'anthropic-messages' ? '2023-06-01' : null);
  if (version !== null) {
    if (!(ANTHROPIC_VERSIONS as readonly string[]).includes(version)) {
      return clientError(
        clientFormat,
        400,
        `anthropic-version "${version}" is not supported (use ${ANTHROPIC_VERSIONS.join(' or ')})`,
      );
    }
    clientVersion = version as AnthropicVersion;
  }
  const { limits } = rt;
  const body = await readJsonBody(req, {
    maxBytes: limits.maxBodyBytes,
    timeoutMs: limits.bodyTimeoutMs,
    maxDepth: limits.maxJsonDepth,
    hold: holdOf(rt, req),
  });
  if (!body.ok) {
    const headers: Record<string, string> =
      body.status === 503 ? { 'retry-after': '1' } : body.status === 408 ? { connection: 'close' } : {};
    return clientError(clientFormat, body.status, body.message, { param: body.param, headers });
  }
  // count_tokens has no max_tokens; check the rest of the body against the messages schema
  const checked = operation === 'count_tokens' ? { ...body.json, max_tokens: 1 } : body.json;
  // formats without a validator yet are not checked here (the upstream still is)
  const v = Object.hasOwn(FORMAT_SCHEMAS, clientFormat)
    ? validateRequest(clientFormat, checked)
    : { ok: true, errors: [] };
  if (!v.ok) {
    const first = v.errors[0];
    const where = first?.path ? `${first.path}: ` : '';
    const more = v.errors.length > 1 ? ` (and ${v.errors.length - 1} more)` : '';
    return clientError(clientFormat, 400, `${where}${first?.message ?? 'invalid request'}${more}`, {
      param: first?.path,
    });
  }
  const model = urlModel ?? body.json.model;
  if (typeof model !== 'string' || model === '')
    return clientError(clientFormat, 400, 'model: required string', { param: 'model' });
  const route = routeModel(rt.config, model);
  if (!route.ok) return clientError(clientFormat, route.status, route.message, { param: 'model' });
  // Claude upstreams apply their version's rules themselves; for any other provider the gateway answers as Anthropic would
  if (clientFormat === 'anthropic-messages' && !CLAUDE_UPSTREAMS.has(route.provider.format)) {
    const broken = anthropicVersionRules(body.json, clientVersion);
    if (broken.length > 0) return clientError(clientFormat, 400, broken[0]!.message, { param: broken[0]!.path });
  }
  const requestId = (rt.config.randomId ?? (() => crypto.randomUUID()))();
  return { clientFormat, clientVersion, bytes: body.bytes, json: body.json, route, requestId };
}

/**
 * The client-key check (when the gateway has client keys): `x-api-key`, `Authorization: Bearer`, Gemini's
 * `x-goog-api-key` or `?key=`, compared in constant time. A 401 in the caller's format, or undefined when the key is good.
 */
export function checkClientKey(rt: GatewayRuntime, req: Request, clientFormat: ClientFormat): Response | undefined {
  if (!rt.clientKeyOk) return undefined;
  const key =
    clientKey(req.headers) ??
    (clientFormat === 'gemini' ? (new URL(req.url).searchParams.get('key') ?? undefined) : undefined);
  if (key && rt.clientKeyOk(key)) return undefined;
  return clientError(
    clientFormat,
    401,
    key ? 'invalid API key' : 'missing API key (x-api-key or Authorization: Bearer)',
  );
}
