import { clientError } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { type ServerLimits, serverLimits } from './limits.js';
import { formatOfPath, matchRoute, ROUTES } from './routes.js';
import { createRuntime } from './runtime.js';

export interface Gateway {
  /** web-standard handler: works in Node (see `serveGateway`), Bun, Deno, workers */
  fetch(req: Request): Promise<Response>;
  /** the limits of the config that a Node server enforces (`serveGateway` applies them) */
  serverLimits?: Partial<ServerLimits>;
}

/**
 * The reference gateway: `POST /v1/messages`, `/v1/messages/count_tokens` (Anthropic clients),
 * `/v1/chat/completions` (OpenAI clients), `/v1/responses` (OpenAI Responses clients), `/v1beta/models/{model}:generateContent` /
 * `:streamGenerateContent?alt=sse` (Gemini clients), `/model/{model}/invoke[-with-response-stream]` and
 * `/model/{model}/converse[-stream]` (Bedrock clients) and `…/publishers/anthropic/models/{model}:rawPredict|streamRawPredict`
 * (Vertex clients), `GET /health`; routed to the configured providers by `@provider/model` (`routes.ts`).
 * Requests for a host the gateway does not answer get 403 (`host-policy.ts`), unknown paths 404, other methods on
 * a known path 405 with `Allow`. Every failure reaches the client in the client's own error shape; a bug is a 500
 * that names a request id (the log has the rest).
 */
export function createGateway(config: GatewayConfig): Gateway {
  const rt = createRuntime(config);
  const randomId = config.randomId ?? (() => crypto.randomUUID());
  return {
    serverLimits: serverLimits(config),
    fetch: async (req) => {
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        return clientError('openai-chat', 400, 'the request URL does not parse');
      }
      const path = url.pathname;
      if (!rt.hostAllowed(url.hostname)) {
        return clientError(
          formatOfPath(path),
          403,
          `this gateway does not answer requests for host "${url.host}" (allowedHosts; docs/security.md#dns-rebinding)`,
        );
      }
      const route = matchRoute(ROUTES, req.method, path);
      if (!route) return clientError(formatOfPath(path), 404, `no route for ${req.method} ${path}`);
      if (!('handler' in route)) {
        return clientError(
          formatOfPath(path),
          405,
          `${path} does not take ${req.method} (use ${route.allow.join(', ')})`,
          {
            headers: { allow: route.allow.join(', ') },
          },
        );
      }
      const hold = rt.bodies.hold();
      rt.holds.set(req, hold);
      try {
        return await route.handler(rt, req);
      } catch (err) {
        const id = randomId();
        rt.log({
          event: 'internal_error',
          id,
          message: err instanceof Error ? err.message : String(err),
          stack: err instanceof Error ? err.stack : undefined,
        });
        return clientError(formatOfPath(path), 500, `internal gateway error (id ${id})`);
      } finally {
        hold.release();
        rt.holds.delete(req);
      }
    },
  };
}
