import type { FormatId } from '../core/formats.js';
import type { Loss } from '../core/losses.js';
import type { AnthropicVersion } from '../core/options.js';
import { FORMAT_SCHEMAS } from '../validate/format-schemas.js';
import { anthropicVersionRules, validateRequest } from '../validate/index.js';
import type { ClientFormat } from './client-error.js';
import { clientError } from './client-error.js';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, type GatewayConfig, type LossLogEntry } from './config.js';
import { readJsonBody } from './read-json-body.js';
import { type ModelRoute, routeModel } from './route-model.js';
import { clientKey } from './upstream-request.js';

export const LOSSES_HEADER = 'x-crosswire-losses';
/** Send `x-crosswire-debug: losses` to get the request-translation losses in this header (URI-encoded JSON). */
export const LOSS_DETAIL_HEADER = 'x-crosswire-loss-detail';

/** The loss headers of a response: the count, and the list when the client asked for it. */
export function lossHeaders(
  req: Request,
  requestLosses: readonly Loss[],
  total = requestLosses.length,
): Record<string, string> {
  const h: Record<string, string> = { [LOSSES_HEADER]: String(total) };
  if (req.headers.get('x-crosswire-debug')?.includes('losses'))
    h[LOSS_DETAIL_HEADER] = encodeURIComponent(JSON.stringify(requestLosses));
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

export function defaultLog(entry: LossLogEntry | { event: string; [key: string]: unknown }): void {
  process.stderr.write(`${JSON.stringify({ crosswire: true, ...entry })}\n`);
}

export function logLosses(
  config: GatewayConfig,
  a: Admitted,
  direction: LossLogEntry['direction'],
  providerFormat: FormatId,
  losses: readonly Loss[],
): void {
  if (losses.length === 0) return;
  (config.log ?? defaultLog)({
    requestId: a.requestId,
    direction,
    clientFormat: a.clientFormat,
    providerFormat,
    provider: a.route.providerName,
    losses,
  });
}

export const limits = (config: GatewayConfig) => ({
  maxBodyBytes: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  idleMs: config.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
});

/**
 * The edge checks every request goes through, in order: client key (when the gateway has keys),
 * Anthropic version header, content type, size, JSON syntax, schema (`validateRequest`), model routing.
 * A failure comes back as a ready error response in the caller's format.
 */
export async function admit(
  config: GatewayConfig,
  req: Request,
  clientFormat: ClientFormat,
  operation: 'generate' | 'count_tokens',
  /** Gemini, Bedrock and Vertex clients name the model in the URL, not the body */
  urlModel?: string,
): Promise<Admitted | Response> {
  if (config.clientKeys && config.clientKeys.length > 0) {
    const key =
      clientKey(req.headers) ??
      (clientFormat === 'gemini' ? (new URL(req.url).searchParams.get('key') ?? undefined) : undefined);
    if (!key || !config.clientKeys.includes(key)) {
      return clientError(
        clientFormat,
        401,
        key ? 'invalid API key' : 'missing API key (x-api-key or Authorization: Bearer)',
      );
    }
  }
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
  const body = await readJsonBody(req, limits(config).maxBodyBytes);
  if (!body.ok) return clientError(clientFormat, body.status, body.message);
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
  const route = routeModel(config, model);
  if (!route.ok) return clientError(clientFormat, route.status, route.message, { param: 'model' });
  // Claude upstreams apply their version's rules themselves; for any other provider the gateway answers as Anthropic would
  if (clientFormat === 'anthropic-messages' && !CLAUDE_UPSTREAMS.has(route.provider.format)) {
    const broken = anthropicVersionRules(body.json, clientVersion);
    if (broken.length > 0) return clientError(clientFormat, 400, broken[0]!.message, { param: broken[0]!.path });
  }
  const requestId = (config.randomId ?? (() => crypto.randomUUID()))();
  return { clientFormat, clientVersion, bytes: body.bytes, json: body.json, route, requestId };
}
