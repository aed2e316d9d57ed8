import { type ClientFormat, jsonResponse } from './client-error.js';
import { handleCountTokens } from './handle-count-tokens.js';
import { handleGenerate } from './handle-generate.js';
import { handleResponsesInputTokens } from './handle-responses-input-tokens.js';
import type { GatewayRuntime } from './runtime.js';
import { clientKey } from './upstream-request.js';
import { handleBedrock, handleGemini, handleVertex } from './url-model-routes.js';

export type RouteHandler = (rt: GatewayRuntime, req: Request) => Promise<Response> | Response;

/** A path (or, with `prefix`, every path under it) and the handler of each method it answers. */
export interface Route {
  path: string;
  prefix?: boolean;
  methods: Readonly<Record<string, RouteHandler>>;
}

/**
 * `GET /health`: `{ ok: true }`, and the configured provider names unless the gateway has client keys and the
 * caller presented none of them (the names say which upstreams the gateway holds keys for).
 */
function health(rt: GatewayRuntime, req: Request): Response {
  const key = clientKey(req.headers);
  const trusted = !rt.clientKeyOk || (key !== undefined && rt.clientKeyOk(key));
  return jsonResponse(200, trusted ? { ok: true, providers: Object.keys(rt.config.providers) } : { ok: true });
}

/** The gateway's endpoints. Client formats that name the model in the URL are split by each format's own parser. */
export const ROUTES: readonly Route[] = [
  { path: '/v1/messages', methods: { POST: (rt, req) => handleGenerate(rt, req, 'anthropic-messages') } },
  { path: '/v1/messages/count_tokens', methods: { POST: handleCountTokens } },
  { path: '/v1/chat/completions', methods: { POST: (rt, req) => handleGenerate(rt, req, 'openai-chat') } },
  { path: '/v1/responses', methods: { POST: (rt, req) => handleGenerate(rt, req, 'openai-responses') } },
  { path: '/v1/responses/input_tokens', methods: { POST: handleResponsesInputTokens } },
  { path: '/v1beta/models/', prefix: true, methods: { POST: handleGemini } },
  { path: '/model/', prefix: true, methods: { POST: handleBedrock } },
  { path: '/v1/projects/', prefix: true, methods: { POST: handleVertex } },
  { path: '/health', methods: { GET: health, HEAD: health } },
];

export type RouteMatch =
  | { handler: RouteHandler }
  /** the path is served, not with this method: 405 with `Allow` */
  | { allow: string[] }
  | undefined;

/** The handler for a method and path: an exact path, else the longest prefix under which the path lies. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  let found = routes.find((r) => !r.prefix && r.path === pathname);
  if (!found) {
    for (const r of routes) {
      if (
        r.prefix &&
        pathname.length > r.path.length &&
        pathname.startsWith(r.path) &&
        r.path.length > (found?.path.length ?? 0)
      )
        found = r;
    }
  }
  if (!found) return undefined;
  const handler = Object.hasOwn(found.methods, method) ? found.methods[method] : undefined;
  return handler ? { handler } : { allow: Object.keys(found.methods) };
}

/** The client format a path speaks, for errors before (or without) a route: 404, 405, 403. */
export function formatOfPath(path: string): ClientFormat {
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/model/')) return /\/converse(-stream)?$/.test(path) ? 'bedrock-converse' : 'bedrock-invoke';
  if (path.includes('/publishers/anthropic/')) return 'vertex-anthropic';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat';
}
