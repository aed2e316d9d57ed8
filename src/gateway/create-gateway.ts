import { Hono } from 'hono';
import { type ClientFormat, clientError } from './client-error.js';
import type { GatewayConfig } from './config.js';
import { handleCountTokens } from './handle-count-tokens.js';
import { handleGenerate } from './handle-generate.js';
import { handleBedrock, handleGemini, handleVertex } from './url-model-routes.js';

export interface Gateway {
  /** web-standard handler: works in Node (see `serveGateway`), Bun, Deno, workers */
  fetch(req: Request): Promise<Response>;
}

function formatOfPath(path: string): ClientFormat {
  if (path.startsWith('/v1/messages')) return 'anthropic-messages';
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path.startsWith('/model/')) return /\/converse(-stream)?$/.test(path) ? 'bedrock-converse' : 'bedrock-invoke';
  if (path.includes('/publishers/anthropic/')) return 'vertex-anthropic';
  if (path.startsWith('/v1/responses')) return 'openai-responses';
  return 'openai-chat';
}

/**
 * The reference gateway: `POST /v1/messages`, `/v1/messages/count_tokens` (Anthropic clients),
 * `/v1/chat/completions` (OpenAI clients), `/v1/responses` (OpenAI Responses clients), `/v1beta/models/{model}:generateContent` /
 * `:streamGenerateContent?alt=sse` (Gemini clients), `/model/{model}/invoke[-with-response-stream]` and
 * `/model/{model}/converse[-stream]` (Bedrock clients) and `…/publishers/anthropic/models/{model}:rawPredict|streamRawPredict` (Vertex clients),
 * routed to the configured providers by `@provider/model`.
 * Every failure reaches the client in the client's own error shape.
 */
export function createGateway(config: GatewayConfig): Gateway {
  const app = new Hono();
  app.post('/v1/messages', (c) => handleGenerate(config, c.req.raw, 'anthropic-messages'));
  app.post('/v1/messages/count_tokens', (c) => handleCountTokens(config, c.req.raw));
  app.post('/v1/chat/completions', (c) => handleGenerate(config, c.req.raw, 'openai-chat'));
  app.post('/v1/responses', (c) => handleGenerate(config, c.req.raw, 'openai-responses'));
  app.post('/v1beta/models/*', (c) => handleGemini(config, c.req.raw));
  app.post('/model/*', (c) => handleBedrock(config, c.req.raw));
  app.post('/v1/projects/*', (c) => handleVertex(config, c.req.raw));
  app.get('/health', (c) => c.json({ ok: true, providers: Object.keys(config.providers) }));
  app.notFound((c) => clientError(formatOfPath(c.req.path), 404, `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    (config.log ?? ((e) => process.stderr.write(`${JSON.stringify(e)}\n`)))({
      event: 'internal_error',
      message: err.message,
      stack: err.stack,
    });
    return clientError(formatOfPath(c.req.path), 500, `internal gateway error: ${err.message}`);
  });
  return { fetch: async (req) => app.fetch(req) };
}
